"""Minutes PDF: render and sign minutes with 60 findings and 40 photos; compare with bare ReportLab.

    .venv/bin/python bench/bench_minutes.py [--runs 5]

Photos are 1600×1200 JPEGs made with Pillow, stored as the upload stores them (original and
400 px thumbnail) in a temporary folder. "render" is `render_minutes_pdf` (the record turned into
flowables, page furniture, build); "bare" is ReportLab alone building the very same flowables,
made beforehand, with the same document settings (fonts, useA85 = 0, images by path). The medians
of --runs runs are printed, after one warm-up run (font loading, key generation).
"""
import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inspect_app.documents import fonts
from inspect_app.minutes import signing
from inspect_app.minutes.pdf import render_minutes_pdf, story
from inspect_app.photos import keys, processing
from inspect_app.storage import LocalStorage
from tests.minutes import records


def photo(seed: int) -> bytes:
    """A 1600×1200 JPEG with gradients and shapes, about the size a phone photo shrinks to."""
    im = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    draw = ImageDraw.Draw(im)
    for k in range(25):
        x, y = (seed * 97 + k * 131) % 1500, (seed * 61 + k * 89) % 1100
        draw.ellipse((x, y, x + 60 + k * 7, y + 40 + k * 5),
                     fill=((seed * 40 + k * 30) % 256, (k * 70) % 256, (seed * 9 + k) % 256))
    im = Image.blend(im, Image.effect_noise((1600, 1200), 20).convert("RGB"), 0.15)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def put(store: LocalStorage, data: bytes) -> str:
    sha = records.sha256(data)
    store.put(keys.original(sha), data)
    store.put(keys.thumbnail(sha), processing.thumbnail(data))
    return sha


def bare_build(flowables: list) -> bytes:
    """ReportLab alone: the same page settings, no page furniture, no app code."""
    buf = io.BytesIO()
    names = fonts.register()
    SimpleDocTemplate(buf, pagesize=A4, topMargin=20 * mm, bottomMargin=20 * mm,
                      leftMargin=30 * mm, rightMargin=15 * mm,
                      initialFontName=names["regular"]).build(flowables)
    return buf.getvalue()


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = LocalStorage(Path(tmp) / "storage")
        shas = [put(store, photo(i)) for i in range(40)]
        signs = [put(store, records.signature_png(i)) for i in (1, 2)]
        record = records.record(photos=shas, findings=60, passed=6, unanswered=0)
        meta = {"number": "12/BB-ĐKT", "issued_at": None,
                "verify_url": "https://kiemtra.minhson.gov.vn/verify/bb0001x7kq2m9",
                "short_url": "kiemtra.minhson.gov.vn/verify/bb0001x7kq2m9", "amends": None,
                "signatures": [
                    {"role": r, "full_name": n, "title": None, "image_sha256": s,
                     "refused": False, "refusal_reason": None, "signed_at": "2026-11-22T04:38:00Z"}
                    for r, n, s in (("lead", records.LEAD, signs[0]),
                                    ("unit_rep", records.REP, signs[1]))]}
        config = {"MINUTES_SIGNING_DIR": str(Path(tmp) / "signing")}

        def thumb_path(sha):  # what the app prints: the stored thumbnail
            return store.local_path(keys.thumbnail(sha))

        def original_path(sha):
            return store.local_path(keys.original(sha))

        signing.sign_pdf(render_minutes_pdf(record, meta, thumb_path), config)  # warm-up
        for label, image_path in (("thumbnails (as issued)", thumb_path),
                                  ("1600×1200 originals", original_path)):
            renders, signs_t, bares = [], [], []
            for _ in range(args.runs):
                t_render, pdf = timed(render_minutes_pdf, record, meta, image_path)
                t_sign, signed = timed(signing.sign_pdf, pdf, config)
                flowables = story(record, meta, image_path)
                t_bare, _ = timed(bare_build, flowables)
                renders.append(t_render), signs_t.append(t_sign), bares.append(t_bare)
            render, sign, bare = (statistics.median(x) for x in (renders, signs_t, bares))
            pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
            print(f"images: {label}: {pages} pages, PDF {len(signed) / 1e6:.2f} MB, "
                  f"median of {args.runs}")
            print(f"  render {render * 1000:.0f} ms, sign {sign * 1000:.0f} ms, "
                  f"total {(render + sign) * 1000:.0f} ms (target ≤ 2000)")
            print(f"  bare ReportLab, same flowables {bare * 1000:.0f} ms; "
                  f"render / bare = {render / bare:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
