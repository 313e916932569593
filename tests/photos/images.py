"""Real image files made with Pillow, as phones and hostile clients would send them."""
import io
import struct
import zlib

from PIL import ExifTags, Image, PngImagePlugin

# Hà Nội, as a phone would record it.
GPS = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (21.0, 1.0, 40.0),
       ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (105.0, 51.0, 10.0)}


def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Model] = "X-1 Pro"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = dict(GPS)
    return exif


def picture(size=(640, 480), seed: int = 0) -> Image.Image:
    """Noise, so every seed gives different bytes (and a different hash)."""
    im = Image.effect_noise(size, 40 + seed % 50).convert("RGB")
    im.putpixel((0, 0), (seed % 256, seed // 256 % 256, 7))
    return im


def encode(im: Image.Image, fmt: str = "JPEG", **options) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **options)
    return buf.getvalue()


def jpeg(size=(640, 480), seed: int = 0, **options) -> bytes:
    return encode(picture(size, seed), "JPEG", quality=85, **options)


def jpeg_with_gps(seed: int = 0, orientation: int = 1, size=(640, 480)) -> bytes:
    return jpeg(size, seed, exif=phone_exif(orientation), comment=b"Nguyen Van A's phone")


def sideways_jpeg(seed: int = 0) -> bytes:
    """Stored 400×200, left half red and right half blue; EXIF orientation 6 says turn it 90°."""
    im = Image.new("RGB", (400, 200), (220, 0, 0))
    im.paste((0, 0, 220), (200, 0, 400, 200))
    im.putpixel((399, 199), (seed % 256, 0, 0))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    return encode(im, "JPEG", quality=95, exif=exif)


def png(size=(320, 240), seed: int = 0, text: bool = False) -> bytes:
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Location", "21.0278 N, 105.8342 E")
        info.add_text("Author", "Nguyễn Văn A")
    return encode(picture(size, seed), "PNG", pnginfo=info,
                  **({"exif": phone_exif()} if text else {}))


def webp(size=(320, 240), seed: int = 0, exif: bool = False) -> bytes:
    return encode(picture(size, seed), "WEBP", quality=80,
                  **({"exif": phone_exif(), "xmp": b"<x:xmpmeta/>"} if exif else {}))


def truncated_jpeg(seed: int = 0) -> bytes:
    data = jpeg((800, 600), seed)
    return data[: len(data) // 2]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header_only(width: int, height: int) -> bytes:
    """A 'decompression bomb' in its purest form: a header declaring a huge picture."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
            + _png_chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + _png_chunk(b"IEND", b""))


def real_png_bomb() -> bytes:
    """A genuine 8000×8000 PNG (64 MP) that compresses to a few kilobytes."""
    return encode(Image.new("1", (8000, 8000)), "PNG")


def strip_1x50000() -> bytes:
    return encode(Image.new("L", (1, 50000), 128), "PNG")


def heic() -> bytes:
    """The start of an iPhone HEIC file: an ISO-BMFF 'ftyp' box with the heic brand."""
    return struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0" + b"mif1heic" + b"\0" * 200


def gif() -> bytes:
    return encode(Image.new("P", (32, 32)), "GIF")


TEXT_FILE = "Biên bản kiểm tra — không phải ảnh.\n".encode()


def _after_soi(data: bytes, insert: bytes) -> bytes:
    """`insert` after the start of image and the JFIF segment Pillow writes first."""
    assert data[2:4] == b"\xff\xe0"
    at = 4 + int.from_bytes(data[4:6], "big")
    return data[:at] + insert + data[at:]


def _app1_exif() -> bytes:
    """An APP1 EXIF segment carrying the phone's GPS, as a phone writes it."""
    raw = jpeg_with_gps()
    start = raw.index(b"\xff\xe1")
    length = int.from_bytes(raw[start + 2:start + 4], "big")
    return raw[start:start + 2 + length]


def _app1_xmp() -> bytes:
    payload = (b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
               b"<exif:GPSLatitude>21,1.0N</exif:GPSLatitude></x:xmpmeta>")
    return b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload


def jpeg_stray_byte_before_exif(seed: int = 0) -> bytes:
    """One stray byte where a marker must be, then the phone's EXIF: a naive stripper stops there."""
    return _after_soi(jpeg(seed=seed), b"\x00" + _app1_exif())


def jpeg_truncated_segment(seed: int = 0) -> bytes:
    """A segment declaring fewer bytes than it holds: the rest, the phone's EXIF, follows it."""
    exif = _app1_exif()
    return _after_soi(jpeg(seed=seed), b"\xff\xe3\x00\x04ab" + exif[4:])


def jpeg_two_exif_segments(seed: int = 0) -> bytes:
    return _after_soi(jpeg(seed=seed), _app1_exif() + _app1_exif())


def jpeg_with_xmp(seed: int = 0) -> bytes:
    return _after_soi(jpeg(seed=seed), _app1_xmp())


def jpeg_with_mpf(seed: int = 0) -> bytes:
    """A multi-picture file (MPF) as phones make for depth or previews, both frames with EXIF."""
    first, second = picture(seed=seed), picture(seed=seed + 1)
    return encode(first, "MPO", save_all=True, append_images=[second], exif=phone_exif())
