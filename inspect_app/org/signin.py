"""Signing in: password check, throttling, demo-password refusal in production."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from .. import audit
from ..errors import Refused
from ..extensions import db
from ..timeutil import utcnow, vietnam_time
from . import passwords, throttle
from .models import User

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


class TooEarly(Refused):
    """Too many wrong passwords lately: try again in `retry_after` seconds."""

    status = 429

    def __init__(self, retry_after: int):
        when = vietnam_time(utcnow() + timedelta(seconds=retry_after)).strftime("%H:%M:%S")
        super().__init__(f"Đăng nhập sai nhiều lần. Vui lòng thử lại sau {_duration(retry_after)} "
                         f"(lúc {when}).")
        self.retry_after = retry_after


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} giây"
    return f"{-(-seconds // 60)} phút"


def limits() -> throttle.Limits:
    cfg = current_app.config
    return throttle.Limits(max_failures=cfg["LOGIN_MAX_FAILURES"],
                           window_seconds=cfg["LOGIN_WINDOW_SECONDS"],
                           max_delay_seconds=cfg["LOGIN_MAX_DELAY_SECONDS"])


def authenticate(username: str, password: str, ip: str | None) -> User:
    """Return the user these credentials belong to, or raise Refused with the reason to show."""
    cfg = current_app.config
    username = (username or "").strip().lower()
    wait = throttle.seconds_to_wait(username, ip, limits())
    if wait:
        # Noted for the office to see, never counted: hammering does not lengthen the wait.
        throttle.note_attempt(username, ip, False, throttle.TOO_EARLY)
        db.session.commit()
        raise TooEarly(wait)
    user = db.session.scalar(select(User).where(User.username == username))
    # The hash is checked in every case: an unknown or disabled name must not answer faster.
    known = user is not None and user.active
    right = passwords.verify(user.password_hash if user is not None else passwords.dummy_hash(),
                             password)
    if not (known and right):
        throttle.note_attempt(username, ip, False)
        db.session.commit()
        raise Refused(WRONG, status=401)
    if cfg["INSPECT_ENV"] == "production" and password in passwords.DEMO_PASSWORDS:
        throttle.note_attempt(username, ip, False, "demo password in production")
        audit.record(user, "login.refused_demo_password", user)
        db.session.commit()
        raise Refused(
            "Mật khẩu mẫu (demo) không được dùng khi chạy thật. Hãy nhờ quản trị đặt mật khẩu mới.",
            status=403,
        )
    throttle.note_attempt(username, ip, True)
    audit.record(user, "login", user)
    db.session.commit()
    return user
