"""Photo bytes in, checked and cleaned photo bytes out: pure functions on bytes, no Flask.

`inspect` decides whether an upload is a photo the server will keep, `clean_original` makes the
copy that is stored, `shrink`/`thumbnail` make the smaller copies. Every refusal is a
`PhotoRejected` carrying a Vietnamese reason the inspector can act on and a `kind` the API maps to
an HTTP status.

Decisions:
- Only JPEG, PNG and WebP are kept. HEIC/HEIF/AVIF (iPhone camera files) are refused with a message
  saying the device must convert them; the app's own camera path always sends JPEG.
- Pixel limit: an image declaring more than `max_pixels` is refused before any pixel is decoded, so
  a 1 kB "decompression bomb" cannot make the server allocate gigabytes.
- Shape limit: a side more than MAX_ASPECT times the other is refused, not squeezed. The device
  shrinks photos to 1600 px; a 1×50000 strip is a broken or hostile file, not evidence, and its
  thumbnail would be a line one pixel wide.
- Metadata: removed without re-encoding (segments/chunks dropped, pixel data copied byte for byte),
  so the stored picture is exactly the one the inspector saw. Only when the file relies on an EXIF
  orientation is it re-encoded with the turn applied, since dropping the tag would store it sideways.
"""
import io
import re
import warnings
from dataclasses import dataclass

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_ASPECT = 20  # longest side / shortest side

EMPTY = "Không nhận được dữ liệu ảnh (tệp rỗng). Hãy gửi lại ảnh."
NOT_AN_IMAGE = "Tệp gửi lên không phải là ảnh. Chỉ nhận ảnh JPEG, PNG hoặc WebP."
DAMAGED = ("Ảnh bị hỏng hoặc không đầy đủ nên không mở được. "
           "Hãy chụp lại hoặc chọn lại ảnh trên thiết bị rồi gửi lại.")
HEIF = ("Ảnh ở định dạng HEIC/HEIF/AVIF (thường do iPhone chụp) chưa được hỗ trợ. Thiết bị cần "
        "chuyển ảnh sang JPEG trước khi gửi: chụp ảnh bằng nút chụp trong ứng dụng, hoặc đặt "
        "Camera › Định dạng › Tương thích nhất trên iPhone.")
TOO_MANY_PIXELS = ("Ảnh có kích thước {width}×{height} điểm ảnh, vượt giới hạn {limit} triệu điểm "
                   "ảnh (có thể là tệp độc hại). Hãy thu nhỏ ảnh trước khi gửi.")
HUGE_HEADER = ("Ảnh khai báo kích thước vượt xa giới hạn {limit} triệu điểm ảnh (có thể là tệp "
               "độc hại). Hãy thu nhỏ ảnh trước khi gửi.")
ODD_SHAPE = ("Ảnh có kích thước bất thường ({width}×{height} điểm ảnh): cạnh dài gấp hơn {ratio} "
             "lần cạnh ngắn. Hãy cắt hoặc chụp lại ảnh.")


class PhotoRejected(Exception):
    """An upload the server will not keep; `reason` is shown to the inspector as given.

    kind: "empty", "too_large", "unsupported" (not an image, or a format we do not take),
    "damaged", "bomb" (too many pixels), "shape" (absurd aspect ratio).
    """

    def __init__(self, reason: str, kind: str):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


# Lists, the minutes' photo table (60 mm wide: 170 dpi). 400 px is a quarter of the 1600 px the
# device sends, so their thumbnail is the JPEG decoded at 1/4 scale, with no resampling at all.
THUMBNAIL_PX, THUMBNAIL_QUALITY = 400, 80


@dataclass(frozen=True)
class ImageInfo:
    format: str          # "JPEG", "PNG" or "WEBP" (Pillow's names)
    content_type: str
    width: int           # as a person sees it: the EXIF orientation applied
    height: int
    orientation: int     # the EXIF orientation tag, 1 when absent
    has_metadata: bool   # strip_metadata would remove something
    size_bytes: int
    thumbnail: bytes | None = None  # when asked for: made from the decode that checked the file


def mb(n: int) -> str:
    """A byte count in MB as a Vietnamese official writes it (1,5 MB)."""
    return f"{n / 1024 / 1024:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def too_large_reason(size: int, limit: int) -> str:
    """The message for a file of `size` bytes over a limit of `limit` bytes."""
    return (f"Ảnh quá lớn ({mb(size)} MB); giới hạn là {mb(limit)} MB. "
            "Hãy thu nhỏ ảnh trước khi gửi.")


def _is_heif_family(data: bytes) -> bool:
    """ISO-BMFF image files: 'ftyp' box first, with a HEIF/AVIF brand."""
    return data[4:8] == b"ftyp" and data[8:12] in {
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"}


def inspect(data: bytes, *, max_bytes: int, max_pixels: int,
            thumbnail_px: int | None = None) -> ImageInfo:
    """Check that `data` is one photo the server keeps; raise PhotoRejected saying why not.
    With `thumbnail_px`, the info carries the photo's thumbnail (as `thumbnail()` makes it)."""
    if not data:
        raise PhotoRejected(EMPTY, "empty")
    if len(data) > max_bytes:
        raise PhotoRejected(too_large_reason(len(data), max_bytes), "too_large")
    if _is_heif_family(data):
        raise PhotoRejected(HEIF, "unsupported")
    # Pillow warns above its own pixel limit and raises above twice it. Our limit is normally lower
    # and checked first, but the warning is turned into an error here so that a bomb is refused the
    # same way whatever the process's warning filters are.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return _inspect(data, max_pixels, thumbnail_px)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoRejected(HUGE_HEADER.format(limit=max_pixels // 1_000_000), "bomb")


def _inspect(data: bytes, max_pixels: int, thumbnail_px: int | None) -> ImageInfo:
    try:
        im = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise PhotoRejected(NOT_AN_IMAGE, "unsupported")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise
    # Pillow raises many exception types on malformed files (OSError, SyntaxError, ValueError,
    # IndexError, struct.error…): any of them means "not a usable photo", never a 500.
    except Exception:  # noqa: BLE001
        raise PhotoRejected(DAMAGED, "damaged")
    with im:
        if im.format not in FORMATS:
            raise PhotoRejected(f"Định dạng ảnh {im.format} không được hỗ trợ. "
                                "Chỉ nhận ảnh JPEG, PNG hoặc WebP.", "unsupported")
        fmt, (width, height) = im.format, im.size
        # Refused from the header alone: nothing is decoded yet.
        if width * height > max_pixels:
            raise PhotoRejected(TOO_MANY_PIXELS.format(width=width, height=height,
                                                       limit=max_pixels // 1_000_000), "bomb")
        if max(width, height) > MAX_ASPECT * min(width, height):
            raise PhotoRejected(ODD_SHAPE.format(width=width, height=height, ratio=MAX_ASPECT),
                                "shape")
        try:
            im.verify()  # must come straight after open (PNG checksums)
        except Exception:  # noqa: BLE001
            raise PhotoRejected(DAMAGED, "damaged")
    # verify() checks little (nothing for JPEG); a truncated file is found only by decoding it.
    # For JPEG a reduced-scale decode still reads every byte of the compressed data, at a
    # fraction of the cost; at the thumbnail's scale, the one decode also makes the thumbnail
    # (decoding is most of a photo upload's CPU time).
    thumb = None
    try:
        with Image.open(io.BytesIO(data)) as im:
            orientation = _orientation(im)
            if fmt == "JPEG":
                im.draft(im.mode, _draft_box(width, height, thumbnail_px or min(width, height) // 8))
            im.load()
            if thumbnail_px:
                thumb = _small_jpeg(im, thumbnail_px, THUMBNAIL_QUALITY)
    except Exception:  # noqa: BLE001
        raise PhotoRejected(DAMAGED, "damaged")
    if orientation >= 5:  # the turns by 90°: sides swap
        width, height = height, width
    return ImageInfo(format=fmt, content_type=FORMATS[fmt], width=width, height=height,
                     orientation=orientation, has_metadata=_has_metadata(data),
                     size_bytes=len(data), thumbnail=thumb)


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation, 1 when absent or unreadable (a broken EXIF block is dropped anyway)."""
    try:
        value = im.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # noqa: BLE001
        return 1
    return value if value in range(1, 9) else 1


def _upright(im: Image.Image) -> Image.Image:
    return ImageOps.exif_transpose(im) if _orientation(im) != 1 else im


def content_type(data: bytes) -> str:
    """The media type of stored photo bytes, from their first bytes."""
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


# --- Metadata -------------------------------------------------------------------------------
# EXIF/GPS, XMP, IPTC, comments and maker notes go: a private phone's GPS and serial number must not
# leak through an evidence photo shown to a unit or printed in minutes. The location the inspector
# chose to share is kept in the Photo row instead. What is kept only describes how to show the
# pixels (colour profile, Adobe colour transform, JFIF density).

_JPEG_KEEP_APP = {0xE0: (b"JFIF\0", b"JFXX\0"), 0xE2: (b"ICC_PROFILE\0",), 0xEE: (b"Adobe",)}
# In compressed data, FF 00 is an escaped FF and FF D0..D7 are restart markers; FF FF is fill.
_NEXT_MARKER = re.compile(rb"\xff(?=[^\x00\xd0-\xd7\xff])")
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
             b"sBIT", b"bKGD", b"pHYs", b"cICP"}
_WEBP_KEEP = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}


# What metadata looks like wherever it hides: EXIF, XMP, Photoshop/IPTC. Found in a stripped copy
# (a structure the parser did not see, or by chance in pixel data), the picture is re-encoded.
_METADATA_SIGNS = (b"Exif\0", b"<x:xmpmeta", b"http://ns.adobe.com/xap/1.0/", b"8BIM")


class Unclear(ValueError):
    """The file's structure is not what the stripper understands: it is not copied as is."""


def _has_metadata(data: bytes) -> bool:
    try:
        return strip_metadata(data) != data
    except Unclear:
        return True


def strip_metadata(data: bytes) -> bytes:
    """The same picture without metadata, pixel data copied unchanged; other bytes returned as is.

    Fails closed: a stray byte, a truncated segment or chunk, a missing end raise Unclear rather
    than keep bytes the parser did not read (they may be an EXIF block with a phone's GPS)."""
    if data[:2] == b"\xff\xd8":
        return _strip_jpeg(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _strip_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _strip_webp(data)
    return data


def _strip_jpeg(data: bytes) -> bytes:
    out = bytearray(b"\xff\xd8")
    i, n = 2, len(data)
    while i < n:
        if data[i] != 0xFF:
            raise Unclear(f"JPEG: byte {data[i]:#04x} where a marker must be, at {i}")
        while i < n and data[i] == 0xFF:  # fill bytes
            i += 1
        if i >= n:
            raise Unclear("JPEG: ends in fill bytes")
        marker = data[i]
        i += 1
        if marker == 0xD9:  # EOI. Anything after it (phones append preview images) is dropped.
            out += b"\xff\xd9"
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out += bytes((0xFF, marker))
            continue
        length = int.from_bytes(data[i:i + 2], "big")
        segment = data[i:i + length]
        if length < 2 or len(segment) < length:
            raise Unclear(f"JPEG: segment {marker:#04x} cut short at {i}")
        i += length
        if not _jpeg_metadata(marker, segment):
            out += bytes((0xFF, marker)) + segment
        if marker == 0xDA:  # start of scan: compressed data runs to the next real marker
            found = _NEXT_MARKER.search(data, i)
            if found is None:
                raise Unclear("JPEG: compressed data without an end")
            out += data[i:found.start()]
            i = found.start()
    raise Unclear("JPEG: no end of image")


def _jpeg_metadata(marker: int, segment: bytes) -> bool:
    """COM and APPn segments, except those describing colour (JFIF, ICC profile, Adobe)."""
    if marker == 0xFE:
        return True
    if 0xE0 <= marker <= 0xEF:
        return not segment[2:].startswith(_JPEG_KEEP_APP.get(marker, ()))
    return False


def _strip_png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    i, n = 8, len(data)
    while i + 12 <= n:
        length = int.from_bytes(data[i:i + 4], "big")
        kind = data[i + 4:i + 8]
        end = i + 12 + length
        if end > n:
            raise Unclear(f"PNG: chunk {kind!r} cut short")
        if kind in _PNG_KEEP:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    raise Unclear("PNG: no IEND chunk")


def _strip_webp(data: bytes) -> bytes:
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise Unclear("WebP: RIFF cut short")
    body = bytearray()
    i = 12
    while i + 8 <= end:
        kind = data[i:i + 4]
        length = int.from_bytes(data[i + 4:i + 8], "little")
        chunk = bytearray(data[i:i + 8 + length + (length & 1)])
        if i + 8 + length > end:
            raise Unclear(f"WebP: chunk {kind!r} cut short")
        i += len(chunk)
        if kind not in _WEBP_KEEP:
            continue
        if kind == b"VP8X" and len(chunk) > 8:
            chunk[8] &= ~0x0C & 0xFF  # clear the "has EXIF" and "has XMP" flags
        body += chunk
    if i < end:
        raise Unclear("WebP: stray bytes after the last chunk")
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WEBP" + bytes(body)


# --- Copies -----------------------------------------------------------------------------------

def clean_original(data: bytes, info: ImageInfo) -> bytes:
    """The copy to store: metadata removed, pixel data copied; re-encoded (upright) when it relied
    on EXIF rotation, or when its structure is not one the stripper understands."""
    if info.orientation == 1:
        try:
            cleaned = strip_metadata(data)
        except Unclear:
            pass
        else:
            if not any(sign in cleaned for sign in _METADATA_SIGNS):
                return cleaned
    return _reencode(data, info)


def _reencode(data: bytes, info: ImageInfo) -> bytes:
    """Pixels only, upright, with the colour profile: whatever else the file held stays behind."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            upright = _upright(im)
            upright.load()
            icc = im.info.get("icc_profile")
    except Exception:  # noqa: BLE001  (Pillow's many exception types on a damaged file)
        raise PhotoRejected(DAMAGED, "damaged") from None
    upright.info = {}
    buf = io.BytesIO()
    options = {"quality": 95} if info.format in ("JPEG", "WEBP") else {}
    upright.save(buf, info.format, icc_profile=icc, **options)
    return strip_metadata(buf.getvalue())


def _draft_box(width: int, height: int, max_px: int) -> tuple[int, int]:
    """The size to ask a JPEG draft for, so it decodes at 1/2, 1/4 or 1/8 scale straight from
    the DCT (~3× faster on a 12 MP photo) yet stays at least `max_px` on its longest side."""
    scale = min(1.0, max_px / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _small_jpeg(source: Image.Image, max_px: int, quality: int) -> bytes:
    """A loaded image as a JPEG no larger than max_px on its longest side, upright, without
    metadata."""
    icc = source.info.get("icc_profile")
    im = _upright(source)
    # Hamming: for the small reductions left after a JPEG draft no difference a thumbnail shows
    # beside Lanczos, at under half the time. (Already small enough, as a 1600 px photo's draft
    # is, it is not resampled.)
    im.thumbnail((max_px, max_px), Image.Resampling.HAMMING)
    im = _flatten(im)
    im.info = {}  # Pillow would carry a JPEG comment over into the new file
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, icc_profile=icc)
    return buf.getvalue()


def shrink(data: bytes, max_px: int = 1600, quality: int = 85) -> bytes:
    """A JPEG no larger than max_px on its longest side, upright, without metadata."""
    with Image.open(io.BytesIO(data)) as source:
        if source.format == "JPEG":
            # The box is square, so a turn by EXIF orientation is fine.
            source.draft("RGB", _draft_box(*source.size, max_px))
        source.load()
        return _small_jpeg(source, max_px, quality)


def thumbnail(data: bytes, max_px: int = THUMBNAIL_PX) -> bytes:
    """A small JPEG for lists and the minutes' photo table."""
    return shrink(data, max_px=max_px, quality=THUMBNAIL_QUALITY)


def _flatten(im: Image.Image) -> Image.Image:
    """RGB for JPEG; transparent areas become white, not black."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return im.convert("RGB") if im.mode != "RGB" else im
