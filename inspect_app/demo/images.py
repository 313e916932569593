"""Pictures the demo makes, stored content-addressed exactly like uploads from a device."""
import hashlib
import io

from PIL import Image

from ..photos import processing
from ..photos.operations import save_files


def store_image(img: Image.Image, fmt: str = "JPEG") -> tuple[str, int]:
    """Store the picture and its thumbnail; return its SHA-256 and size in bytes."""
    buf = io.BytesIO()
    img.save(buf, fmt, **({"quality": 80} if fmt == "JPEG" else {}))
    raw = buf.getvalue()
    sha = hashlib.sha256(raw).hexdigest()
    save_files(sha, raw, processing.thumbnail(raw))
    return sha, len(raw)
