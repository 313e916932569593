"""No document the app issues prints a placeholder, an answer's key, or a law not in force.

Every document of the demo office is read back with pdftotext: all issued minutes, every
remediation report the units sent, and each round's report.
"""
import re
import subprocess
from datetime import date

import pytest
from sqlalchemy import select

from inspect_app.checklists.models import ChecklistVersion
from inspect_app.documents import issuing
from inspect_app.documents.models import OfficeDocument
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.minutes import wording
from inspect_app.minutes.files import stored_pdf
from inspect_app.minutes.models import Minutes
from inspect_app.org import roles
from inspect_app.org.models import User
from inspect_app.remediation import reports
from inspect_app.remediation.models import RemediationReport

from .inspections.conftest import sign_in

TODAY = date(2026, 12, 4)
PLACEHOLDERS = re.compile(r"cần xác minh|điều khoản: |to verify|TODO|FIXME|\bNone\b|\{value\}|\?\?|lorem",
                          re.IGNORECASE)


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


@pytest.fixture
def demo(app):
    from inspect_app.demo import seed

    with app.app_context():
        seed.seed(app.config["CHECKLIST_DIR"], today=TODAY)
    return app


def _choice_keys() -> set[str]:
    """Answer keys that cannot be a word of Vietnamese text ("so" can: "so với giờ làm việc")."""
    definitions = [v.definition for v in db.session.scalars(select(ChecklistVersion))]
    items = [i for d in definitions for s in d["sections"] for i in s["items"]]
    words = {w for i in items for w in re.findall(r"\w+", " ".join(
        [i["text"], i.get("finding", ""), i.get("remedy", "")]).lower())}
    return {c["key"] for i in items for c in i.get("choices") or ()} - words - {"co", "khong"}


def _documents(app, client) -> list[tuple[str, str, date | None]]:
    """(name, text, the day whose law it must cite) of every document the demo office issued."""
    docs = []
    for m in db.session.scalars(select(Minutes).where(Minutes.status == "issued")):
        docs.append((f"minutes {m.number}", _text(stored_pdf(m)),
                     wording.minutes_date(m.record)))
    for r in db.session.scalars(select(RemediationReport)):
        pdf = reports.stored_pdf(r)
        assert pdf is not None, f"remediation report {r.id} has no PDF"
        docs.append((f"remediation report {r.id}", _text(pdf), None))
    for d in db.session.scalars(select(OfficeDocument)):
        docs.append((f"{d.kind} {d.number}", _text(issuing.pdf_of(d)), None))
    sign_in(client, db.session.scalar(select(User).where(User.role == roles.ADMIN).limit(1)))
    for rnd in db.session.scalars(select(Round)):
        resp = client.get(f"/followup/rounds/{rnd.id}/report.pdf")
        assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
        docs.append((f"round report {rnd.name}", _text(resp.get_data()), None))
    return docs


def test_no_issued_document_prints_a_placeholder_or_an_answer_key(demo, client):
    docs = _documents(demo, client)
    kinds = {name.split(" ")[0] for name, _, _ in docs}
    assert kinds == {"minutes", "remediation", "round", "plan", "decision", "notice", "report"}
    keys = _choice_keys()
    assert keys, "the demo's checklists have choice items"
    for name, text, _ in docs:
        assert not PLACEHOLDERS.search(text), f"{name}: {PLACEHOLDERS.search(text).group()!r}"
        leaked = [k for k in keys if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", text)]
        assert not leaked, f"{name} prints answer keys {leaked}"


def test_issued_minutes_cite_only_texts_in_force_on_the_inspections_day(demo, client):
    definitions = [v.definition for v in db.session.scalars(select(ChecklistVersion))]
    history = {key: src for d in definitions for key, src in d["legal_sources"].items()}
    # The demo's checklists keep replaced texts as history: the test has something to catch.
    assert any(src.get("in_force_until") for src in history.values())
    for name, text, day in _documents(demo, client):
        if day is None:
            continue
        for key, src in history.items():
            start, until = src.get("in_force_from"), src.get("in_force_until")
            in_force = ((not start or date.fromisoformat(str(start)) <= day)
                        and (not until or day <= date.fromisoformat(str(until))))
            if not in_force:
                assert src["short"] not in text, f"{name} cites {key}, not in force on {day}"
