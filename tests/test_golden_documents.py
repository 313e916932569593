"""The demo minutes, as pdftotext reads them, line by line against a golden text.

A change in wording, layout or law shows here as a diff an official can read. When the change is
meant, regenerate the golden text and read it before committing:
    REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_documents.py
"""
import os
import re
import subprocess
from datetime import date
from pathlib import Path

from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.minutes.files import stored_pdf_path
from inspect_app.minutes.models import Minutes

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "demo-minutes.txt"
TODAY = date(2026, 12, 4)
# What differs from one run to the next: the random public id (in the link and its QR caption)
# and the times of signing and issuing, which are those of the run.
VOLATILE = [
    (re.compile(r"/verify/[A-Za-z0-9_-]+"), "/verify/<mã công khai>"),
    (re.compile(r"\b\d{2}:\d{2}(:\d{2})?( \(GMT\+7\)| ICT)?"), "<giờ>"),
]


def _text(minutes: Minutes) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(stored_pdf_path(minutes)), "-"],
                         capture_output=True, check=True).stdout.decode()
    # Lines as the layout breaks them; runs of spaces (column padding) count as one space.
    lines = [" ".join(line.split()) for line in out.splitlines()]
    text = "\n".join(line for line in lines if line) + "\n"
    for pattern, mask in VOLATILE:
        text = pattern.sub(mask, text)
    return text


def test_demo_minutes_match_the_golden_text(app, monkeypatch):
    from inspect_app.demo import seed

    # Set here: the app is shared by the whole run, and another test may have left its own.
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://kiemtra.minhson.gov.vn")
    with app.app_context():
        seed.seed(app.config["CHECKLIST_DIR"], today=TODAY)
        minutes = db.session.scalars(select(Minutes).order_by(Minutes.id)).first()
        text = _text(minutes)
    if os.environ.get("REGENERATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    got = text.splitlines()
    for n, (want, have) in enumerate(zip(expected, got, strict=False), 1):
        assert have == want, f"line {n} of {GOLDEN.name} differs"
    assert len(got) == len(expected), f"{len(got)} lines, the golden text has {len(expected)}"
