"""Password hashing and the rules a password must pass."""
import functools

from werkzeug.security import check_password_hash, generate_password_hash

# Passwords published with the demo data; refused outright in production.
DEMO_PASSWORDS = frozenset({"demo"})
MIN_LENGTH = 8


def hash_password(password: str) -> str:
    """Hash with scrypt (werkzeug's default KDF)."""
    return generate_password_hash(password, method="scrypt")


def verify(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


@functools.cache
def dummy_hash() -> str:
    """A hash of no one's password, made as a real one is: checked when the user name is unknown,
    so that a refusal takes as long whether or not the name exists."""
    return hash_password("no-one-has-this-password")


def problems(password: str, *, production: bool) -> list[str]:
    """What is wrong with a new password, in Vietnamese; empty when it is acceptable."""
    out = []
    if password in DEMO_PASSWORDS:
        if production:
            out.append("Không được dùng mật khẩu mẫu (demo) khi chạy thật.")
        return out
    if len(password) < MIN_LENGTH:
        out.append(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.")
    return out
