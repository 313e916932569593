"""Which storage the app uses: STORAGE_URL=s3://bucket/prefix, else the folder STORAGE_DIR."""
from urllib.parse import urlsplit

from flask import current_app

from .interface import Storage
from .local import LocalStorage


class BadStorageUrl(ValueError):
    pass


def from_url(url: str, config=None) -> Storage:
    """A storage for `url` (s3://bucket[/prefix] or a folder), endpoint and keys from `config`."""
    config = config or {}
    parts = urlsplit(url)
    if parts.scheme == "s3":
        if not parts.netloc:
            raise BadStorageUrl(f"STORAGE_URL {url!r} names no bucket (s3://bucket/prefix)")
        from .s3 import S3Storage  # the S3 client loads only where an object store is used

        return S3Storage(
            parts.netloc, parts.path, endpoint_url=config.get("S3_ENDPOINT_URL"),
            region=config.get("AWS_REGION"), access_key=config.get("AWS_ACCESS_KEY_ID"),
            secret_key=config.get("AWS_SECRET_ACCESS_KEY"))
    if parts.scheme in ("", "file"):
        return LocalStorage(parts.path if parts.scheme else url)
    raise BadStorageUrl(f"STORAGE_URL {url!r}: only s3://bucket/prefix or a folder is understood")


def init_app(app) -> None:
    url = app.config.get("STORAGE_URL")
    app.extensions["storage"] = from_url(url, app.config) if url else LocalStorage(
        app.config["STORAGE_DIR"])


def storage() -> Storage:
    return current_app.extensions["storage"]
