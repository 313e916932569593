"""Where photos and PDFs live: one interface (interface.py), local disk (the default) or an
S3-compatible object store, chosen by STORAGE_URL (factory.py)."""
from .factory import BadStorageUrl, from_url, init_app, storage
from .interface import UNAVAILABLE, ObjectMissing, Storage, StorageUnavailable
from .local import LocalStorage

__all__ = ["UNAVAILABLE", "BadStorageUrl", "LocalStorage", "ObjectMissing", "Storage",
           "StorageUnavailable", "from_url", "init_app", "storage"]
