"""Stored photos as files for the PDF renderers (ReportLab reads files faster than bytes)."""
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..storage import storage
from . import keys


@contextmanager
def image_files() -> Iterator[Callable[[str], Path]]:
    """Within the block, sha256 -> a readable file of that photo's (or drawn signature's) stored
    thumbnail, else of its original; on an object store, a temporary copy."""
    store = storage()
    with store.local_files() as path_of:
        def image_path(sha256: str) -> Path:
            thumb = keys.thumbnail(sha256)
            return path_of(thumb if store.exists(thumb) else keys.original(sha256))

        yield image_path
