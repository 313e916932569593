"""Photo evidence sent from a web form, through the same pipeline as the app's uploads."""
import hashlib

from ..errors import Refused
from ..photos import operations as photo_ops
from ..photos import processing

# What the app's camera path sends (docs/sync-protocol.md): a phone's 12 MP original is shrunk
# here as the device would, so a report from a browser weighs the same as one from the app.
MAX_SIDE = 1600


def store_evidence(user, data: bytes) -> photo_ops.StoredPhoto:
    """Check, shrink, strip and store the bytes; Refused(field="photo") saying what is wrong."""
    try:
        info = processing.inspect(data, max_bytes=photo_ops.max_bytes(),
                                  max_pixels=photo_ops.max_pixels())
    except processing.PhotoRejected as rejected:
        raise Refused(rejected.reason, status=photo_ops.STATUS[rejected.kind], field="photo")
    if max(info.width, info.height) > MAX_SIDE:
        data = processing.shrink(data, MAX_SIDE)
    try:
        # Commits: the bytes and their audit event stay even if the report then fails.
        return photo_ops.store_photo(hashlib.sha256(data).hexdigest(), data, user)
    except Refused as err:
        raise Refused(err.reason, status=err.status, field="photo")
