"""Writes on users, units and rosters. Each takes the acting user and records itself in the audit log."""
from flask import current_app

from .. import audit
from ..errors import Refused
from ..extensions import db
from . import passwords
from .models import User


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password; every other session and device of the user is signed out."""
    if not passwords.verify(user.password_hash, current):
        raise Refused("Mật khẩu hiện tại không đúng.", field="current")
    production = current_app.config["INSPECT_ENV"] == "production"
    found = passwords.problems(new, production=production)
    if found:
        raise Refused(" ".join(found), field="new")
    user.password_hash = passwords.hash_password(new)
    user.token_version += 1
    audit.record(user, "user.password_changed", user)
    db.session.commit()
