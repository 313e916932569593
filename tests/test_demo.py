"""`flask seed-demo` gives a realistic office that every screen can show."""
from datetime import date

from sqlalchemy import func, select

from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Finding, Inspection
from inspect_app.org.models import OrgUnit, User
from inspect_app.photos import keys
from inspect_app.photos.models import Photo
from inspect_app.remediation.models import RemediationItem
from inspect_app.storage import storage


def _seed(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result.output


def test_seed_demo_prints_the_demo_accounts(app):
    out = _seed(app)
    for name in ("admin", "lead", "inspector", "unithead", "viewer"):
        assert f"  {name} " in out
    assert "password: demo" in out


def test_demo_accounts_sign_in_with_password_demo(app, auth):
    _seed(app)
    for name in ("admin", "lead", "inspector", "unithead", "viewer"):
        assert auth.login(name, "demo").status_code == 302, name
        auth.logout()


def test_demo_has_twelve_communes_with_rosters_and_history(app):
    _seed(app)
    active = db.session.scalars(select(OrgUnit).where(
        OrgUnit.kind.in_(["commune", "ward", "town"]), OrgUnit.historical.is_(False))).all()
    assert len(active) == 12
    assert all(len(u.staff) >= 5 for u in active)
    merged = db.session.scalar(select(OrgUnit).where(OrgUnit.merged_into_id.is_not(None)))
    assert merged.historical and merged.merged_into.name == "Xã Đồng Xuân"
    head = db.session.scalar(select(User).where(User.username == "unithead"))
    assert head.role == "unit_head" and head.unit.name == "Xã Tân Lập"


def test_demo_has_past_rounds_with_findings_photos_and_every_remediation_state(app):
    _seed(app)
    closed = db.session.scalars(select(Round).where(Round.status == "closed")).all()
    assert len(closed) == 2
    assert db.session.scalar(select(func.count()).select_from(Inspection)) >= 10
    assert db.session.scalar(select(func.count()).select_from(Finding)) > 0
    photo = db.session.scalars(select(Photo)).first()
    assert photo is not None and storage().exists(keys.original(photo.sha256))
    states = {i.display_state(date.today()) for i in db.session.scalars(select(RemediationItem))}
    assert {"open", "reported", "verified", "reopened", "overdue"} <= states


def test_seed_demo_if_empty_leaves_existing_data_alone(app):
    _seed(app)
    before = db.session.scalar(select(func.count()).select_from(Inspection))
    result = app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "already holds data" in result.output
    assert db.session.scalar(select(func.count()).select_from(Inspection)) == before
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code != 0


def test_seed_demo_is_refused_in_production(app):
    app.config["INSPECT_ENV"] = "production"
    try:
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    finally:
        app.config["INSPECT_ENV"] = "development"
    assert result.exit_code != 0
    assert "refused in production" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_demo_minutes_are_issued_signed_and_verifiable(app):
    from inspect_app.minutes.files import stored_pdf
    from inspect_app.minutes.models import Minutes
    from inspect_app.minutes.verify import verify_pdf

    _seed(app)
    minutes = db.session.scalars(select(Minutes).order_by(Minutes.id)).all()
    assert len(minutes) == 12 and {m.status for m in minutes} == {"issued"}
    assert [m.number for m in minutes[:2]] == ["01/BB-ĐKT", "02/BB-ĐKT"]
    verdict = verify_pdf(stored_pdf(minutes[0]))
    assert verdict.ok, verdict.reasons
    refusals = [s for m in minutes for s in m.signatures if s.refused]
    assert len(refusals) == 1 and refusals[0].refusal_reason
    # Issuing kept the remediation items the demo spread over every state.
    states = set(db.session.scalars(select(RemediationItem.state)))
    assert {"open", "reported", "verified", "reopened"} <= states


def test_demo_minutes_read_as_an_official_writes_them(app):
    """The first demo minutes as pdftotext reads them: worded findings and requests, labels
    not keys, the unit lower case mid-sentence, dates that follow each other."""
    import re
    import subprocess
    from datetime import timedelta

    from inspect_app.checklists.models import Checklist, ChecklistVersion
    from inspect_app.minutes import wording
    from inspect_app.minutes.files import stored_pdf
    from inspect_app.minutes.models import Minutes

    _seed(app)
    minutes = db.session.scalars(select(Minutes).order_by(Minutes.id)).first()
    record = minutes.record
    raw = subprocess.run(["pdftotext", "-", "-"], input=stored_pdf(minutes), capture_output=True,
                         check=True).stdout.decode()
    text = " ".join(raw.split())
    keys = {c["key"] for v in db.session.scalars(select(ChecklistVersion))
            for s in v.definition["sections"] for i in s["items"] for c in i.get("choices") or ()}
    assert not [k for k in keys if "-" in k and k in text]
    assert "Kết quả:" not in text and "Chưa đạt:" not in text and "ghi nhận tại chỗ" not in text
    assert "tại UBND xã Tân Lập" in text and "UBND Xã" not in text
    subject = text.split("Căn cứ")[0]
    for c in record["checklists"]:
        assert wording.lower_first(c["title"]) in subject
    assert not re.search(r"Còn \d+ nội dung", text)
    assert "Đơn vị còn tồn tại, hạn chế về" in text
    # Requests are actions, due a number of days after the minutes' date, and reported back.
    day = wording.minutes_date(record)
    severities = {(c["slug"], i["id"]): i["severity"] for c in record["checklists"]
                  for s in c["sections"] for i in s["items"]}
    for r in record["remediation"]:
        assert not r["action"].startswith(("Khắc phục:", "Không "))
        version = db.session.scalar(select(ChecklistVersion).join(Checklist).where(
            Checklist.slug == r["checklist"]))
        days = version.definition["deadline_days"][severities[(r["checklist"], r["item"])]]
        assert r["deadline"] == (day + timedelta(days=days)).isoformat()
        assert f"Trước ngày {day + timedelta(days=days):%d/%m/%Y}" in text
    assert f"gửi Sở Nội vụ {wording.by_date(wording.report_by(record))}." in text
    # Plan, decision, inspection, minutes, then the unit's reports.
    plan, decision = (re.search(r"ngày (\d\d/\d\d/\d{4})", record["grounds"][k]).group(1)
                      for k in ("plan", "team_decision"))
    dates = [date(int(y), int(m), int(d)) for d, m, y in
             (x.split("/") for x in (plan, decision))]
    assert dates[0] < dates[1] < day
    reports = db.session.scalars(select(RemediationItem.reported_at).where(
        RemediationItem.inspection_id == minutes.inspection_id,
        RemediationItem.reported_at.is_not(None))).all()
    assert reports and all(r.date() > day for r in reports)
