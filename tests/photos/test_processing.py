"""The pure photo functions, without an app: what is accepted, refused, stripped and shrunk."""
import io

import pytest
from PIL import ExifTags, Image

from inspect_app.photos import processing
from inspect_app.photos.processing import PhotoRejected

from . import images

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}


def opened(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


@pytest.mark.parametrize("data,fmt,content_type", [
    (images.jpeg(), "JPEG", "image/jpeg"),
    (images.png(), "PNG", "image/png"),
    (images.webp(), "WEBP", "image/webp"),
])
def test_inspect_accepts_jpeg_png_and_webp(data, fmt, content_type):
    info = processing.inspect(data, **LIMITS)
    assert (info.format, info.content_type, info.size_bytes) == (fmt, content_type, len(data))
    assert info.has_metadata is False
    assert processing.content_type(data) == content_type


def test_inspect_reports_upright_size_of_a_sideways_photo():
    info = processing.inspect(images.sideways_jpeg(), **LIMITS)
    assert (info.width, info.height, info.orientation) == (200, 400, 6)


def test_inspect_notices_metadata():
    assert processing.inspect(images.jpeg_with_gps(), **LIMITS).has_metadata is True


@pytest.mark.parametrize("data,kind,words", [
    (b"", "empty", "rỗng"),
    (images.TEXT_FILE, "unsupported", "không phải là ảnh"),
    (images.heic(), "unsupported", "HEIC"),
    (images.gif(), "unsupported", "GIF"),
    (images.truncated_jpeg(), "damaged", "bị hỏng"),
    (images.png_header_only(30000, 30000), "bomb", "triệu điểm ảnh"),  # Pillow's own error
    (images.png_header_only(10000, 10000), "bomb", "triệu điểm ảnh"),  # Pillow's warning
    (images.real_png_bomb(), "bomb", "8000×8000"),                       # our lower limit
    (images.strip_1x50000(), "shape", "bất thường"),
])
def test_inspect_refuses_what_is_not_a_usable_photo_in_vietnamese(data, kind, words):
    with pytest.raises(PhotoRejected) as refused:
        processing.inspect(data, **LIMITS)
    assert refused.value.kind == kind
    assert words in refused.value.reason


def test_inspect_refuses_a_file_over_the_byte_limit_saying_the_limit():
    data = images.jpeg()
    with pytest.raises(PhotoRejected) as refused:
        processing.inspect(data, max_bytes=len(data) - 1, max_pixels=40_000_000)
    assert refused.value.kind == "too_large"
    assert "giới hạn" in refused.value.reason


def test_strip_metadata_removes_exif_gps_and_comment_but_not_one_pixel():
    data = images.jpeg_with_gps()
    assert opened(data).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test image does carry GPS
    stripped = processing.strip_metadata(data)
    im = opened(stripped)
    assert dict(im.getexif()) == {}
    assert "comment" not in im.info and b"PhoneCo" not in stripped
    assert im.tobytes() == opened(data).tobytes()


def test_strip_metadata_drops_images_appended_after_the_jpeg():
    data = images.jpeg(seed=3)
    assert processing.strip_metadata(data + b"\xff\xd8 a second, private picture") == data


@pytest.mark.parametrize("make", [images.jpeg, lambda: images.jpeg(progressive=True),
                                  images.png, images.webp])
def test_strip_metadata_leaves_a_clean_file_byte_for_byte(make):
    data = make()
    assert processing.strip_metadata(data) == data


def test_strip_metadata_removes_png_text_and_exif():
    data = images.png(text=True)
    stripped = processing.strip_metadata(data)
    im = opened(stripped)
    assert "Location" not in im.info and "Author" not in im.info
    assert dict(im.getexif()) == {}
    assert im.tobytes() == opened(data).tobytes()


def test_strip_metadata_removes_webp_exif_and_xmp():
    data = images.webp(exif=True)
    stripped = processing.strip_metadata(data)
    im = opened(stripped)
    assert dict(im.getexif()) == {} and "xmp" not in im.info
    assert im.tobytes() == opened(data).tobytes()


def test_clean_original_turns_a_sideways_photo_upright_without_metadata():
    data = images.sideways_jpeg()
    cleaned = processing.clean_original(data, processing.inspect(data, **LIMITS))
    im = opened(cleaned)
    assert im.size == (200, 400)
    assert dict(im.getexif()) == {}
    r, _, b = im.getpixel((100, 50))  # the red half is on top once turned
    assert r > 150 and b < 80


def test_shrink_fits_the_longest_side_and_applies_orientation():
    out = opened(processing.shrink(images.jpeg_with_gps(size=(4000, 3000), orientation=6)))
    assert out.format == "JPEG" and out.size == (1200, 1600)
    assert dict(out.getexif()) == {} and "comment" not in out.info


def test_shrink_never_enlarges():
    assert opened(processing.shrink(images.jpeg((300, 200)))).size == (300, 200)


def test_thumbnail_is_a_small_jpeg_even_from_a_transparent_png():
    data = images.encode(Image.new("RGBA", (800, 400), (0, 0, 0, 0)), "PNG")
    thumb = opened(processing.thumbnail(data))
    assert thumb.format == "JPEG" and thumb.size == (400, 200)
    assert thumb.getpixel((10, 10)) == (255, 255, 255)


METADATA_SIGNS = (b"Exif\0", b"PhoneCo", b"xmpmeta", b"GPSLatitude", b"MPF\0")


@pytest.mark.parametrize("make", [images.jpeg_stray_byte_before_exif,
                                  images.jpeg_truncated_segment, images.jpeg_two_exif_segments,
                                  images.jpeg_with_xmp, images.jpeg_with_mpf])
def test_malformed_or_unusual_jpeg_is_cleaned_or_refused_never_kept_with_metadata(make):
    data = make()
    assert any(sign in data for sign in METADATA_SIGNS)
    try:
        info = processing.inspect(data, **LIMITS)
        cleaned = processing.clean_original(data, info)
    except PhotoRejected as refused:
        assert refused.reason and refused.kind in ("damaged", "unsupported")
        return
    assert not [sign for sign in METADATA_SIGNS if sign in cleaned]
    im = opened(cleaned)
    assert dict(im.getexif()) == {} and "xmp" not in im.info and "exif" not in im.info
    assert im.format == info.format and im.size == (info.width, info.height)


def test_strip_metadata_refuses_what_it_does_not_understand():
    with pytest.raises(processing.Unclear):
        processing.strip_metadata(images.jpeg_stray_byte_before_exif())
    with pytest.raises(processing.Unclear):
        processing.strip_metadata(images.png()[:-20])
