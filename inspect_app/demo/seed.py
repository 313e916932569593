"""Build the demo world. Deterministic: the same seed gives the same data."""
import random
import re
import uuid
from datetime import date, datetime, timedelta

from PIL import Image, ImageDraw
from sqlalchemy import func, select

from .. import audit
from ..checklists import operations as checklist_ops
from ..checklists import scoring
from ..checklists.conditions import AnswersEnv, evaluate, parse
from ..checklists.models import Checklist
from ..checklists.visibility import shown_items
from ..documents.text import in_sentence
from ..extensions import db
from ..followup.models import Round
from ..inspections import rollcall
from ..inspections.findings import describe
from ..inspections.models import (
    Attendance,
    Finding,
    Inspection,
    InspectionChecklist,
    InspectionMember,
    Response,
)
from ..minutes import wording
from ..org import passwords
from ..org.models import OrgUnit, StaffMember, Team, TeamMember, User
from ..photos.models import Photo
from ..remediation import reports
from ..remediation.models import RemediationEvent, RemediationItem
from . import data
from . import remediation as demo_remediation
from .documents import issue_demo_documents
from .images import store_image
from .minutes import issue_demo_minutes

DEMO_PASSWORD = "demo"


def database_is_empty() -> bool:
    return db.session.scalar(select(func.count()).select_from(User)) == 0


def seed(checklist_dir: str, today: date | None = None, rng_seed: int = 2026) -> dict:
    """Create the demo office, units, people, rounds and inspections; return what was made."""
    today = today or date.today()
    rng = random.Random(rng_seed)
    checklist_ops.import_path(checklist_dir)
    pw_hash = passwords.hash_password(DEMO_PASSWORD)

    province = _unit(*data.PROVINCE)
    office = _unit(*data.OFFICE, parent=province)
    office.abbreviation = data.OFFICE_ABBREVIATION
    old_district = _unit(*data.OLD_DISTRICT, parent=province, historical=True)
    _unit(*data.OLD_DISTRICT_OFFICE, parent=old_district, historical=True)
    communes, heads = [], {}
    for name, kind, code, head_name, head_title in data.COMMUNES:
        unit = _unit(name, kind, code, parent=province)
        unit.address = f"Trụ sở UBND {in_sentence(name)}, tỉnh Minh Sơn"
        db.session.add(StaffMember(unit=unit, full_name=head_name, position=head_title))
        for position in data.POSITIONS:
            db.session.add(StaffMember(unit=unit, full_name=_person(rng), position=position))
        communes.append(unit)
        heads[unit.code] = (head_name, head_title)
    town = _unit(*data.MERGED_TOWN, parent=old_district, historical=True)
    town.merged_into = communes[1]

    users = {}
    for username, full_name, position, role in data.ACCOUNTS + data.EXTRA_STAFF:
        unit = communes[0] if role == "unit_head" else office
        users[username] = User(username=username, full_name=full_name, position=position,
                               role=role, unit=unit, password_hash=pw_hash,
                               email=f"{username}@minhson.example.vn")
        db.session.add(users[username])

    team_a = _team("Đoàn kiểm tra CCHC số 1", data.decision(112, date(today.year, 2, 10)), office,
                   users["lead"], [users["inspector"], users["inspector2"]], users["secretary"])
    team_b = _team("Đoàn kiểm tra CCHC số 2", data.decision(245, date(today.year, 7, 28)), office,
                   users["lead2"], [users["inspector3"], users["inspector"]], None)
    db.session.flush()

    checklists = db.session.scalars(select(Checklist).order_by(Checklist.id)).all()
    year = today.year
    round1 = _round("Kiểm tra công tác CCHC đợt 1 năm " + str(year), "planned", "closed", office,
                    team_a, date(year, 3, 2), date(year, 3, 27), communes[:6], checklists,
                    users["admin"], data.plan(35, date(year, 2, 5), year))
    round2 = _round("Kiểm tra đột xuất kỷ luật, kỷ cương quý III/" + str(year), "surprise",
                    "closed", office, team_b, date(year, 8, 4), date(year, 8, 22),
                    [communes[0], communes[2], communes[6], communes[7], communes[8], communes[10]],
                    checklists, users["admin"], None)
    # An upcoming surprise round: only the office and its team may ever see it.
    upcoming = _round("Kiểm tra đột xuất đợt 4 năm " + str(year), "surprise", "planned", office,
                      team_a, today + timedelta(days=10), today + timedelta(days=24),
                      [communes[0], communes[3], communes[5], communes[9]], checklists,
                      users["admin"], None)
    upcoming.draw_seed = "demo-4-" + str(year)
    db.session.flush()

    inspections, later = [], {}
    for rnd, start, quality in ((round1, round1.period_start, 0.78), (round2, round2.period_start, 0.85)):
        for n, unit in enumerate(rnd.units):
            day = start + timedelta(days=2 * n)
            inspections.append(_inspection(rng, rnd, unit, heads[unit.code], day, quality, today,
                                           later))
    db.session.flush()
    minutes = [issue_demo_minutes(insp, rng) for insp in inspections]
    # The minutes ask for deadlines counted from their date; what the office decided since
    # (an extension asked for in writing, a reopening) moves them afterwards.
    for item_row, deadline in later.items():
        item_row.deadline = deadline
    demo_remediation.item_falling_due(communes[0], today)
    audit.record(users["admin"], "demo.seeded", None, units=len(communes),
                 inspections=len(inspections), minutes=len(minutes))
    db.session.commit()
    issue_demo_documents(office, round2, upcoming, users["admin"], today)
    # Another commune's head (not the demo account's) sends a remediation report.
    second = next((c for c in communes[1:] if reports.pending_items(c.id)), communes[1])
    head = User(username="unithead2", full_name=heads[second.code][0],
                position=f"Chủ tịch UBND {in_sentence(second.name)}", role="unit_head",
                unit=second, password_hash=pw_hash, email="unithead2@minhson.example.vn")
    db.session.add(head)
    db.session.flush()
    demo_remediation.send_report(head)
    demo_remediation.send_reminders(today)
    return {"units": len(communes), "rounds": 3, "inspections": len(inspections),
            "accounts": [a[0] for a in data.ACCOUNTS]}


def _unit(name, kind, code, parent=None, historical=False) -> OrgUnit:
    unit = OrgUnit(name=name, kind=kind, code=code, parent=parent, historical=historical)
    db.session.add(unit)
    return unit


def _person(rng: random.Random) -> str:
    return f"{rng.choice(data.SURNAMES)} {rng.choice(data.MIDDLE)} {rng.choice(data.GIVEN)}"


def _team(name, decision, office, lead, members, secretary) -> Team:
    team = Team(name=name, decision_ref=decision, office=office)
    team.members.append(TeamMember(user=lead, team_role="lead"))
    for m in members:
        team.members.append(TeamMember(user=m, team_role="member"))
    if secretary is not None:
        team.members.append(TeamMember(user=secretary, team_role="secretary"))
    db.session.add(team)
    return team


def _round(name, kind, status, office, team, start, end, units, checklists, creator, plan_ref):
    rnd = Round(name=name, kind=kind, status=status, office=office, team=team, period_start=start,
                period_end=end, units=list(units), checklists=list(checklists),
                created_by=creator, plan_ref=plan_ref)
    db.session.add(rnd)
    return rnd


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    # Vietnam is UTC+7; the database keeps UTC.
    return datetime(day.year, day.month, day.day, hour, minute) - timedelta(hours=7)


def _inspection(rng, rnd, unit, head, day, quality, today, later) -> Inspection:
    insp = Inspection(uuid=str(uuid.UUID(int=rng.getrandbits(128))), unit=unit, round=rnd,
                      team=rnd.team, kind=rnd.kind, status="completed",
                      started_at=_at(day, 8, 5), ended_at=_at(day, 11, 30),
                      location=f"Trụ sở UBND {in_sentence(unit.name)}",
                      created_by=rnd.team.members[0].user)
    db.session.add(insp)
    for m in rnd.team.members:
        insp.members.append(InspectionMember(user=m.user, full_name=m.user.full_name,
                                             position=m.user.position, team_role=m.team_role))
    for person in unit.staff:
        status = rng.choices(["present", "absent_excused", "absent_unexcused", "late"],
                             weights=[85, 7, 3, 5])[0]
        insp.attendance.append(Attendance(uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                                          staff_member=person, full_name=person.full_name,
                                          position=person.position, status=status,
                                          recorded_at=_at(day, 8, 10)))
    answered_at = _at(day, 9, 0)
    for checklist in rnd.checklists:
        version = checklist.current
        insp.checklist_versions.append(InspectionChecklist(checklist_version=version))
        # Answers as an inspector gives them: computed items take none, and an item whose
        # condition does not hold is not asked (sampled dossiers are left to the inspectors).
        asked = [item for section in version.definition["sections"] if "repeat" not in section
                 for item in section["items"]]
        stored: dict = {}
        for item in asked:
            if item.get("type") != "computed":
                stored[item["id"]] = _answer(item, rng.random() > quality, rng, unit, stored)
        # Items counted from the roll-call say what it says, as the minutes must.
        rows = [{"full_name": a.full_name, "position": a.position, "status": a.status}
                for a in insp.attendance]  # all on the unit's list
        for item in asked:
            if item.get("roll_call") and rollcall.suggestion(item["roll_call"], rows) is not None:
                stored[item["id"]] = rollcall.suggestion(item["roll_call"], rows)
        _, shown, computed = shown_items(version.definition, stored)
        for item in asked:
            if item["id"] not in shown:
                continue
            value = computed.get(item["id"]) if item["id"] in computed else stored[item["id"]]
            if item["id"] in stored:
                answered_at += timedelta(seconds=rng.randint(20, 90))
                insp.responses.append(Response(checklist_version=version, item_id=item["id"],
                                               value=value, answered_at=answered_at,
                                               answered_by=rnd.team.members[1].user))
            if scoring.is_failed(item, value):
                _finding(rng, insp, version, checklist, item, value, day, today, answered_at,
                         later)
    return insp


def _figure(item: dict, rng, known: dict):
    """A count that only records a figure (dossiers received, received online): a plausible
    number that keeps the item's constraint with the answers given before it."""
    start = rng.randint(20, 150)
    tree = parse(item["constraint"]) if item.get("constraint") else None
    value = start
    while tree is not None and value > 0 and \
            evaluate(tree, AnswersEnv({**known, item["id"]: value})) is not True:
        value //= 2
    return value


# Figures an inspector meets: a count or a percentage; a total is in the hundreds.
FIGURES = [0, 1, 2, 3, 12, 18, 24, 35, 42, 58, 64]


def _answer(item: dict, fail: bool, rng: random.Random, unit, known=None):
    """A plausible answer to `item` that fails or passes as asked (text items always pass)."""
    kind = scoring.answer_type(item)
    if kind in ("count", "number") and not scoring.can_fail(item):
        return _figure(item, rng, known or {})
    if kind == "yes_no":
        candidates = ["yes", "no"]
    elif kind in ("count", "number"):
        if not item.get("fail_if"):
            return rng.randint(150, 900)  # a total: dossiers received in the period
        # Near the threshold, as found on site: 1-3 late dossiers, not 58; 24 %, not 0 %.
        limit = float(re.sub(r"[^\d.]", "", item["fail_if"]) or 0)
        fitting = [v for v in FIGURES if scoring.is_failed(item, v) == fail]
        return rng.choice(sorted(fitting, key=lambda v: abs(v - limit))[:3]) if fitting else 0
    elif kind == "choice":
        candidates = [scoring.choice_key(c) for c in item.get("choices") or ()]
    elif item["id"] in data.OBSERVATIONS:
        return rng.choice(data.OBSERVATIONS[item["id"]])
    else:
        person = rng.choice(unit.staff) if unit.staff else None
        return f"{person.full_name}, {person.position}" if person else "Không có ghi nhận khác."
    for value in candidates:
        if scoring.is_failed(item, value) == fail:
            return value
    return candidates[0] if candidates else None


def _finding(rng, insp, version, checklist, item, value, day, today, answered_at, later) -> None:
    finding = Finding(uuid=str(uuid.UUID(int=rng.getrandbits(128))), checklist_version=version,
                      checklist_slug=checklist.slug, item_id=item["id"], severity=item["severity"],
                      description=describe(item, value, None))
    insp.findings.append(finding)
    if item.get("photo_required_on_fail"):
        _photo(insp, finding, version, item, day, answered_at + timedelta(seconds=20))
    deadline_days = version.definition.get("deadline_days", {}).get(item["severity"], 15)
    deadline = day + timedelta(days=deadline_days)  # the minutes are dated the inspection's day
    unit_words = wording.unit_in_sentence(insp.unit.name)
    item_row = RemediationItem(uuid=str(uuid.UUID(int=rng.getrandbits(128))), finding=finding,
                               inspection=insp, unit=insp.unit,
                               action=wording.remedy({**item, "value": value}, item),
                               responsible=f"Chủ tịch {unit_words}", deadline=deadline)
    db.session.add(item_row)
    # Spread the items over every state, so each screen has something to show.
    state = rng.choices(["open", "reported", "verified", "reopened"], weights=[3, 3, 5, 1])[0]
    if state == "open" and rng.random() < 0.5:
        # Still running: the unit asked in writing for more time, and the office agreed.
        asked = deadline - timedelta(days=3)
        later[item_row] = today + timedelta(days=rng.randint(3, 20))
        item_row.events.append(RemediationEvent(
            kind="extended", note=data.EXTENSION.format(
                number=rng.randint(20, 180), date=f"{asked:%d/%m/%Y}", unit=unit_words),
            at=_at(asked + timedelta(days=1), 10)))
    if state in ("reported", "verified", "reopened"):
        done = deadline - timedelta(days=rng.randint(3, 5))
        did = wording.lower_first(item_row.action).rstrip(".")
        item_row.report_text = (f"Ngày {max(done, day + timedelta(days=1)):%d/%m/%Y}, "
                                f"{unit_words} đã {did}; "
                                f"{rng.choice(data.REPORT_NOTES[checklist.slug])}.")
        item_row.reported_at = _at(deadline - timedelta(days=2), 15)
        item_row.events.append(RemediationEvent(kind="reported", from_state="open",
                                                to_state="reported", note=item_row.report_text,
                                                at=item_row.reported_at))
    if state == "verified":
        item_row.verified_at = _at(deadline + timedelta(days=5), 10)
        item_row.events.append(RemediationEvent(kind="verified", from_state="reported",
                                                to_state="verified", at=item_row.verified_at))
    if state == "reopened":
        item_row.reopen_reason = "Minh chứng chưa đầy đủ, đề nghị bổ sung ảnh chụp thực tế."
        later[item_row] = today + timedelta(days=10)  # reopening sets a fresh deadline
        item_row.events.append(RemediationEvent(kind="reopened", from_state="reported",
                                                to_state="reopened", note=item_row.reopen_reason,
                                                at=_at(deadline + timedelta(days=3), 9)))
    item_row.state = state


def _photo(insp, finding, version, item, day, taken_at) -> None:
    """A generated evidence picture, stored content-addressed exactly like a real upload."""
    img = Image.new("RGB", (800, 600), (236, 239, 241))
    draw = ImageDraw.Draw(img)
    draw.rectangle([20, 20, 780, 580], outline=(139, 26, 20), width=6)
    draw.text((40, 40), f"{insp.unit.code} {item['id']} {day.isoformat()}", fill=(30, 30, 30))
    sha, size = store_image(img)
    db.session.add(Photo(uuid=str(uuid.uuid5(uuid.NAMESPACE_OID, sha + insp.uuid)), sha256=sha,
                         inspection=insp, item_id=item["id"], checklist_version=version,
                         finding=finding, caption=finding.description[:200], captured_at=taken_at,
                         width=800, height=600, size_bytes=size, content_type="image/jpeg",
                         stored=True))
