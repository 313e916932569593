"""What every storage backend offers: whole objects under string keys, written atomically."""
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# Shown to users (the phone retries a 503 by itself, keeping its photo).
UNAVAILABLE = "Kho lưu trữ tệp tạm thời không truy cập được. Dữ liệu vẫn được giữ; vui lòng thử lại sau."


class StorageUnavailable(Exception):
    """The store cannot be reached or refuses this app (credentials, bucket, network).

    `detail` says what went wrong for the operator (logs, CLI); users see UNAVAILABLE."""

    status = 503

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail
        self.reason = UNAVAILABLE


class ObjectMissing(LookupError):
    """No object under this key."""


class Storage(ABC):
    """Objects under keys like "photos/ab/<sha256>.jpg"; a reader never sees half an object."""

    @abstractmethod
    def put(self, key: str, data: bytes) -> None:
        """Store the bytes under the key, replacing any object there, all or nothing."""

    @abstractmethod
    def get(self, key: str) -> bytes:
        """The object's bytes; ObjectMissing when there is none."""

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """A stream of the object's bytes for the caller to read and close; ObjectMissing."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; nothing happens when there is none."""

    @abstractmethod
    def keys(self, prefix: str = "") -> Iterator[str]:
        """Every key starting with `prefix`, in sorted order."""

    def recorded_sha256(self, key: str) -> str | None:
        """The SHA-256 the backend recorded when the object was written; None if it records none.
        ObjectMissing when there is no object."""
        if not self.exists(key):
            raise ObjectMissing(key)
        return None

    @abstractmethod
    def describe(self) -> str:
        """Where the objects are, for messages (never a secret)."""

    @contextmanager
    def local_files(self) -> Iterator[Callable[[str], Path]]:
        """Within the block, a function giving a readable file with an object's bytes, for tools
        (ReportLab) that read files faster than bytes. Copies go to a temporary folder."""
        with tempfile.TemporaryDirectory(prefix="storage-") as folder:
            copies: dict[str, Path] = {}

            def path_of(key: str) -> Path:
                if key not in copies:
                    path = Path(folder) / str(len(copies))
                    with self.open(key) as src, open(path, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                    copies[key] = path
                return copies[key]

            yield path_of
