"""Ids and addresses printed on every issued document: the QR code's verification link and the
short link typed from paper."""
import base64
import secrets

from flask import current_app, has_request_context, url_for

LOCAL_BASE_URL = "http://127.0.0.1:5000"  # where `make run` serves


def new_public_id() -> str:
    """A random id for the verify link: 80 bits, lower-case letters and digits only, so it is
    read aloud, typed from paper and passed to the CLI without surprises (no leading "-")."""
    return base64.b32encode(secrets.token_bytes(10)).decode().lower()


class PublicAddressMissing(RuntimeError):
    """Production has no PUBLIC_BASE_URL: a printed QR code would lead nowhere."""


def verify_url(public_id: str) -> str:
    """Absolute address of the public verification page (for the QR code)."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    # Paper outlives the request: the QR code must carry the public address, not the LAN
    # address a phone happened to sync through. Production never guesses it.
    if not base and current_app.config.get("INSPECT_ENV") == "production":
        raise PublicAddressMissing(
            "PUBLIC_BASE_URL must be set (e.g. https://kiemtra.minhson.gov.vn) to issue "
            "documents: their QR code and short link print it")
    if not base and has_request_context():
        return url_for("minutes.verify_page", public_id=public_id, _external=True)
    if not base:
        # Issued from the command line or the demo seeding: no request to take a host from.
        base = LOCAL_BASE_URL
    path = current_app.url_map.bind("localhost").build(
        "minutes.verify_page", {"public_id": public_id})
    return base.rstrip("/") + path


def short_url(public_id: str) -> str:
    """The same address without the scheme, short enough to type from paper."""
    return verify_url(public_id).split("://", 1)[-1]
