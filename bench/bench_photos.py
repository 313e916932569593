"""Prints how long the server takes to shrink a 12 MP phone photo, with and without draft().

Run: .venv/bin/python bench/bench_photos.py
"""
import io
import statistics
import time

from PIL import Image, ImageOps

from inspect_app.photos import processing

ROUNDS = 7


def phone_photo() -> bytes:
    im = Image.effect_noise((4000, 3000), 30).convert("RGB")
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def shrink_without_draft(data: bytes, max_px: int = 1600, quality: int = 85) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        im = ImageOps.exif_transpose(im)
        im.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        im.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def timed(fn, data: bytes) -> float:
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn(data)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def main() -> None:
    data = phone_photo()
    print(f"4000×3000 JPEG, {len(data) / 1e6:.1f} MB, median of {ROUNDS}")
    without = timed(shrink_without_draft, data)
    with_draft = timed(processing.shrink, data)
    print(f"  shrink to 1600 px without draft(): {without:6.0f} ms")
    print(f"  shrink to 1600 px with draft():    {with_draft:6.0f} ms  ({without / with_draft:.1f}× faster)")
    print(f"  thumbnail 400 px:                  {timed(processing.thumbnail, data):6.0f} ms")
    limits = {"max_bytes": 20 * 1024 * 1024, "max_pixels": 40_000_000}
    print(f"  inspect (1/8-scale decode):        "
          f"{timed(lambda d: processing.inspect(d, **limits), data):6.0f} ms")


if __name__ == "__main__":
    main()
