"""Storage in one folder of the local disk: the embedded default (`make run`)."""
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .interface import ObjectMissing, Storage

PART = ".part-"  # prefix of a file being written; never a key


class LocalStorage(Storage):
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
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=PART)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        with self.open(key) as fh:
            return fh.read()

    def open(self, key: str) -> BinaryIO:
        try:
            return open(self._path(key), "rb")  # noqa: SIM115 (the caller closes it)
        except (FileNotFoundError, IsADirectoryError):
            raise ObjectMissing(key) from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix: str = "") -> Iterator[str]:
        if not self.root.is_dir():
            return iter(())
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                 if p.is_file() and not p.name.startswith(PART))
        return iter(sorted(k for k in found if k.startswith(prefix)))

    def describe(self) -> str:
        return str(self.root)

    @contextmanager
    def local_files(self) -> Iterator[Callable[[str], Path]]:
        """The stored files themselves: no copy needed on local disk."""
        def path_of(key: str) -> Path:
            if not self.exists(key):
                raise ObjectMissing(key)
            return self._path(key)

        yield path_of
