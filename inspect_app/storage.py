"""Where photos and PDFs live: a small interface, local disk for now, an object store later."""
import os
import tempfile
from pathlib import Path

from flask import current_app


class LocalStorage:
    """Files under one root folder, written atomically so a crash never leaves half a file."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"storage key escapes the root: {key!r}")
        return path

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def local_path(self, key: str) -> Path:
        """A path on disk, for tools (ReportLab) that read files faster than bytes."""
        return self._path(key)


def init_app(app) -> None:
    app.extensions["storage"] = LocalStorage(app.config["STORAGE_DIR"])


def storage() -> LocalStorage:
    return current_app.extensions["storage"]
