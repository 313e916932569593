"""The demo's documents, as pdftotext reads them, line by line against golden texts: the first
minutes, and the first of each kind the office issues (plan, decision, notice, round report).

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

from inspect_app.documents import issuing
from inspect_app.documents.kinds import KINDS
from inspect_app.documents.models import OfficeDocument
from inspect_app.extensions import db
from inspect_app.minutes.files import stored_pdf
from inspect_app.minutes.models import Minutes

GOLDEN_DIR = Path(__file__).parent / "fixtures" / "golden"
GOLDEN = GOLDEN_DIR / "demo-minutes.txt"
TODAY = date(2026, 12, 4)
# What differs from one run to the next: the random public id (in the link and its QR caption)
# and the times of signing and issuing, which are those of the run.
VOLATILE = [
    (re.compile(r"/verify/[A-Za-z0-9_-]+"), "/verify/<mã công khai>"),
    (re.compile(r"\b\d{2}:\d{2}(:\d{2})?( \(GMT\+7\)| ICT)?"), "<giờ>"),
]


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode()
    # Lines as the layout breaks them; runs of spaces (column padding) count as one space.
    lines = [" ".join(line.split()) for line in out.splitlines()]
    text = "\n".join(line for line in lines if line) + "\n"
    for pattern, mask in VOLATILE:
        text = pattern.sub(mask, text)
    return text


def _compare(golden: Path, text: str) -> None:
    if os.environ.get("REGENERATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").splitlines()
    got = text.splitlines()
    for n, (want, have) in enumerate(zip(expected, got, strict=False), 1):
        assert have == want, f"line {n} of {golden.name} differs"
    assert len(got) == len(expected), f"{len(got)} lines, {golden.name} has {len(expected)}"


def test_demo_documents_match_their_golden_texts(app, monkeypatch):
    from inspect_app.demo import seed

    # Set here: the app is shared by the whole run, and another test may have left its own.
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://kiemtra.minhson.gov.vn")
    with app.app_context():
        seed.seed(app.config["CHECKLIST_DIR"], today=TODAY)
        minutes = db.session.scalars(select(Minutes).order_by(Minutes.id)).first()
        texts = {GOLDEN: _text(stored_pdf(minutes))}
        for kind in KINDS:
            doc = db.session.scalars(select(OfficeDocument).where(OfficeDocument.kind == kind)
                                     .order_by(OfficeDocument.id)).first()
            assert doc is not None, f"the demo issues no {kind}"
            texts[GOLDEN_DIR / f"demo-{kind}.txt"] = _text(issuing.pdf_of(doc))
    for golden, text in texts.items():
        _compare(golden, text)
