"""Where issued PDFs are stored and the links printed on them (QR code, short link)."""
import hashlib

from flask import current_app, has_request_context, url_for

from ..storage import storage

LOCAL_BASE_URL = "http://127.0.0.1:5000"  # where `make run` serves


def pdf_key(pdf_sha256: str) -> str:
    """Storage key of an issued PDF: content-addressed, so the name proves the bytes."""
    return f"minutes/{pdf_sha256[:2]}/{pdf_sha256}.pdf"


def store_pdf(data: bytes) -> str:
    """Store signed PDF bytes; return their SHA-256 (what Minutes.pdf_sha256 holds)."""
    sha256 = hashlib.sha256(data).hexdigest()
    storage().put(pdf_key(sha256), data)
    return sha256


def stored_pdf_path(minutes):
    """The file of issued minutes, or None when they have no stored PDF."""
    if not minutes.pdf_sha256 or not storage().exists(pdf_key(minutes.pdf_sha256)):
        return None
    return storage().local_path(pdf_key(minutes.pdf_sha256))


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
