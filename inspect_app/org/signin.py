"""Signing in: password check, throttling, demo-password refusal in production."""
from flask import current_app
from sqlalchemy import select

from .. import audit
from ..errors import Refused
from ..extensions import db
from . import passwords, throttle
from .models import User

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def authenticate(username: str, password: str, ip: str | None) -> User:
    """Return the user these credentials belong to, or raise Refused with the reason to show."""
    cfg = current_app.config
    username = (username or "").strip().lower()
    if throttle.is_throttled(
        username, ip, max_failures=cfg["LOGIN_MAX_FAILURES"], window_seconds=cfg["LOGIN_WINDOW_SECONDS"]
    ):
        minutes = max(1, cfg["LOGIN_WINDOW_SECONDS"] // 60)
        # Noted as a failure too, so that hammering a locked account keeps it locked.
        throttle.note_attempt(username, ip, False, "throttled")
        db.session.commit()
        raise Refused(
            f"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.", status=429
        )
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
