"""Op handlers for the inspection itself: create, update, attendance and answers."""
import json
import unicodedata

from sqlalchemy import select

from .. import audit
from ..checklists.models import ChecklistVersion
from ..extensions import db
from ..followup.models import Round
from ..org.models import TEAM_ROLES, OrgUnit, StaffMember, Team
from ..timeutil import utcnow
from . import conflicts, fields
from .answers import value_problem
from .findings import follow_answer
from .merge import Answer, record_answer
from .models import (
    ATTENDANCE_STATUSES,
    Attendance,
    Inspection,
    InspectionChecklist,
    InspectionMember,
)
from .operations import Context, checklist_link, handles, is_team_member

OPEN_ROUND_STATUSES = ("planned", "active")
MAX_CHECKLISTS = 20
MAX_MEMBERS = 50
RELOAD = "Hãy đồng bộ để tải dữ liệu mới rồi chọn lại"


@handles("inspection.create", needs_inspection=False)
def create_inspection(ctx: Context) -> Inspection:
    """A new inspection started on a device, with its checklists and team fixed from now on."""
    key = fields.uuid_text({"inspection": ctx.op.inspection}, "inspection")
    existing = db.session.scalar(select(Inspection).where(Inspection.uuid == key))
    if existing is not None:
        ctx.inspection = existing
        raise ctx.refuse("phiếu đã có trên máy chủ (gửi từ máy khác hoặc lần trước)",
                         "Không cần tạo lại; hãy đồng bộ để tải phiếu về")
    d = ctx.data
    unit = db.session.get(OrgUnit, fields.integer(d, "unit_id", required=True))
    if unit is None:
        raise ctx.refuse(f"không có đơn vị mã {d['unit_id']}", RELOAD + " đơn vị")
    team = db.session.get(Team, fields.integer(d, "team_id", required=True))
    if team is None or not is_team_member(ctx.user, team.id):
        raise ctx.refuse(f"bạn không thuộc đoàn kiểm tra mã {d['team_id']}",
                         "Hãy chọn đoàn của mình, hoặc đề nghị quản trị thêm bạn vào đoàn")
    _check_target(ctx, unit, team)
    round_ = _round(ctx, unit, team)
    kind = fields.choice(d, "kind", ("planned", "surprise"),
                         default=round_.kind if round_ else "surprise")
    if round_ is None and kind == "planned":
        raise ctx.refuse("kiểm tra theo kế hoạch phải thuộc một đợt kiểm tra",
                         "Hãy chọn đợt kiểm tra, hoặc ghi là kiểm tra đột xuất")
    started_at = fields.timestamp(d, "started_at")
    if started_at is None and ctx.op.at:
        started_at = fields.parse_timestamp(ctx.op.at, "at")
    inspection = Inspection(uuid=key, unit=unit, team=team, round=round_, kind=kind,
                            status="in_progress", started_at=started_at or utcnow(),
                            location=fields.text(d, "location", max_len=300),
                            created_by=ctx.user)
    ctx.inspection = inspection
    for version in _versions(ctx):
        inspection.checklist_versions.append(InspectionChecklist(checklist_version=version))
    for member in _members(ctx, team):
        inspection.members.append(member)
    db.session.add(inspection)
    db.session.flush()  # its id, for the answers that follow in this push
    ctx.run.created(inspection.id)
    return inspection


def _check_target(ctx: Context, unit: OrgUnit, team: Team) -> None:
    """A unit an inspection may target: a current unit, not the inspecting office itself."""
    if unit.historical:
        raise ctx.refuse(f"đơn vị {unit.name} không còn hoạt động (đã sáp nhập hoặc giải thể)",
                         RELOAD + " đơn vị")
    if unit.kind == "office" or unit.id in (team.office_unit_id, ctx.user.unit_id):
        raise ctx.refuse(f"{unit.name} là cơ quan kiểm tra, không phải đơn vị được kiểm tra",
                         RELOAD + " đơn vị được kiểm tra")


def _round(ctx: Context, unit: OrgUnit, team: Team) -> Round | None:
    round_id = fields.integer(ctx.data, "round_id")
    if round_id is None:
        return None
    round_ = db.session.get(Round, round_id)
    if round_ is None or round_.status not in OPEN_ROUND_STATUSES:
        raise ctx.refuse(f"đợt kiểm tra mã {round_id} không có hoặc không còn mở", RELOAD + " đợt")
    if round_.team_id != team.id:
        raise ctx.refuse(f"đợt “{round_.name}” không giao cho đoàn “{team.name}”",
                         RELOAD + " đợt và đoàn")
    if unit not in round_.units:
        raise ctx.refuse(f"đợt “{round_.name}” không có đơn vị {unit.name}",
                         RELOAD + " đơn vị trong đợt")
    return round_


def _versions(ctx: Context) -> list[ChecklistVersion]:
    ids = ctx.data.get("checklist_version_ids")
    if (not isinstance(ids, list) or not 1 <= len(ids) <= MAX_CHECKLISTS
            or len(set(map(repr, ids))) != len(ids)):
        raise fields.Invalid("checklist_version_ids",
                             f"phải là danh sách 1–{MAX_CHECKLISTS} mã phiên bản bảng kiểm, không lặp")
    versions = []
    for raw in ids:
        version_id = fields.integer({"checklist_version_ids": raw}, "checklist_version_ids",
                                    required=True)
        version = db.session.get(ChecklistVersion, version_id)
        if version is None:
            raise ctx.refuse(f"không có phiên bản bảng kiểm mã {version_id}", RELOAD + " bảng kiểm")
        versions.append(version)
    return versions


def _members(ctx: Context, team: Team) -> list[InspectionMember]:
    given = ctx.data.get("members")
    if not given:
        return [InspectionMember(user_id=m.user_id, full_name=m.user.full_name,
                                 position=m.user.position, team_role=m.team_role)
                for m in team.members]
    if not isinstance(given, list) or len(given) > MAX_MEMBERS or not all(
            isinstance(m, dict) for m in given):
        raise fields.Invalid("members", f"phải là danh sách tối đa {MAX_MEMBERS} thành viên")
    on_team = {m.user_id: m for m in team.members}
    members = []
    for given_member in given:
        user_id = fields.integer(given_member, "user_id")
        full_name = fields.text(given_member, "full_name", max_len=120, required=True)
        team_role = fields.choice(given_member, "team_role", tuple(TEAM_ROLES), default="member")
        # Members come from the team: its people, in their roles, under their own names.
        member = on_team.get(user_id)
        if member is None:
            raise ctx.refuse(f"“{full_name}” không thuộc đoàn “{team.name}”",
                             RELOAD + " thành viên đoàn")
        if _same_name(full_name) != _same_name(member.user.full_name):
            raise ctx.refuse(f"thành viên mã {user_id} là {member.user.full_name}, không phải "
                             f"“{full_name}”", RELOAD + " thành viên đoàn")
        if member.team_role != team_role:
            raise ctx.refuse(f"{member.user.full_name} là {TEAM_ROLES[member.team_role].lower()} "
                             f"của đoàn, không phải {TEAM_ROLES[team_role].lower()}",
                             RELOAD + " thành viên đoàn")
        members.append(InspectionMember(user_id=user_id, full_name=full_name,
                                        position=fields.text(given_member, "position", max_len=120),
                                        team_role=team_role))
    if len({m.user_id for m in members}) != len(members):
        raise fields.Invalid("members", "không được ghi một người hai lần")
    return members


def _same_name(name: str) -> str:
    # As typed on a phone (decomposed marks, spacing, capitals), a name is still the same name.
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


@handles("inspection.update")
def update_inspection(ctx: Context) -> Inspection:
    """Place, end time and status (in progress or completed) as the device last set them."""
    inspection, d = ctx.inspection, ctx.data
    if "location" in d:
        inspection.location = fields.text(d, "location", max_len=300)
    if "ended_at" in d:
        inspection.ended_at = fields.timestamp(d, "ended_at")
    if "status" in d:
        inspection.status = fields.choice(d, "status", ("in_progress", "completed"))
    return inspection


@handles("attendance.set")
def set_attendance(ctx: Context) -> Attendance:
    """One person's attendance; a roster member recorded by two devices stays one row."""
    inspection, d = ctx.inspection, ctx.data
    key = fields.uuid_text(d, "uuid")
    staff_id = fields.integer(d, "staff_member_id")
    staff = db.session.get(StaffMember, staff_id) if staff_id is not None else None
    if staff_id is not None and (staff is None or staff.unit_id != inspection.unit_id):
        raise ctx.refuse(f"người mã {staff_id} không có trong danh sách cán bộ của đơn vị",
                         RELOAD + " người trong danh sách")
    row = db.session.scalar(select(Attendance).where(Attendance.uuid == key))
    if row is not None and row.inspection_id != inspection.id:
        raise ctx.refuse(f"dòng điểm danh {key} thuộc phiếu khác", "Hãy tạo lại dòng điểm danh này")
    if row is None and staff is not None:
        row = db.session.scalar(select(Attendance).where(
            Attendance.inspection_id == inspection.id, Attendance.staff_member_id == staff.id))
    full_name = fields.text(d, "full_name", max_len=120, required=staff is None)
    position = fields.text(d, "position", max_len=120)
    status = fields.choice(d, "status", tuple(ATTENDANCE_STATUSES))
    note = fields.text(d, "note", max_len=fields.MAX_NOTE)
    if row is None:
        row = Attendance(uuid=key, inspection=inspection)
        db.session.add(row)
    row.staff_member = staff
    row.full_name = full_name or staff.full_name
    row.position = position or (staff.position if staff else None)
    row.status, row.note, row.recorded_at = status, note, utcnow()
    row.recorded_by_id = ctx.user.id
    return row


def answered_item(ctx: Context):
    """The checklist link and item an answer's `checklist_version_id` and `item_id` name
    (a repeat group's own answer: its list of instances); refuses what takes no answer."""
    version_id = fields.integer(ctx.data, "checklist_version_id", required=True)
    ctx.item_id = fields.text(ctx.data, "item_id", max_len=64, required=True)
    link = checklist_link(ctx, version_id)
    if link is None:
        raise ctx.refuse(f"phiếu không dùng phiên bản bảng kiểm mã {version_id}",
                         "Hãy đồng bộ để tải lại phiếu rồi trả lời lại mục này")
    item, kind = link.definition.answerable(ctx.item_id)
    if item is None:
        raise ctx.refuse(f"không có mục này trong bảng kiểm “{link.slug}” phiên bản "
                         f"{link.version}", "Hãy đồng bộ để tải lại bảng kiểm rồi trả lời lại")
    if kind == "per_instance":
        raise ctx.refuse("mục này thuộc nhóm hỏi lặp lại, được trả lời riêng cho từng lần",
                         "Hãy cập nhật ứng dụng rồi trả lời lại trong từng lần")
    if kind == "group":
        return link, {"id": ctx.item_id, "type": "instances",
                      "max": (item.get("repeat") or {}).get("max")}
    if item.get("type") == "computed":
        raise ctx.refuse("mục này do ứng dụng tự tính từ các mục khác, không nhập trực tiếp",
                         "Hãy trả lời các mục mà nó dựa vào; nếu cần, cập nhật ứng dụng")
    return link, item


@handles("response.set")
def set_response(ctx: Context):
    """An answer to one item, merged by the device clock; the item's finding follows it."""
    inspection_id, d = ctx.inspection_id, ctx.data
    link, item = answered_item(ctx)
    value = d.get("value")
    problem = value_problem(item, value)
    if problem:
        shown = json.dumps(value, ensure_ascii=False)[:60]
        raise ctx.refuse(f"câu trả lời {shown} không hợp lệ ({problem})",
                         "Hãy trả lời lại mục này rồi đồng bộ")
    answered_at = fields.timestamp(d, "answered_at")
    if answered_at is None:
        answered_at = fields.parse_timestamp(ctx.op.at, "at") if ctx.op.at else None
    if answered_at is None:
        raise fields.Invalid("answered_at", "thiếu thời điểm trả lời")
    answer = Answer(value, fields.text(d, "note", max_len=fields.MAX_NOTE), answered_at,
                    ctx.user.id, ctx.op.op_id)
    # The answer the device showed before this one; a device that does not say is never in
    # conflict (it predates conflicts).
    base = fields.text(d, "base", max_len=36)
    recorded = record_answer(inspection_id, link.version_id, ctx.item_id, answer, base=base,
                             unanswered=ctx.run.first_answer(inspection_id, link.version_id,
                                                             ctx.item_id))
    if "base" in d:
        conflicts.note_answer(inspection_id, link.version_id, ctx.item_id, answer, base,
                              recorded.before)
    follow_recorded(ctx, link, item, recorded)
    return audit.Ref("Response", recorded.row.id)


def follow_recorded(ctx: Context, link, item: dict, recorded) -> None:
    """The item's finding follows its current answer, if the answer changed it."""
    if not recorded.changed:
        return
    inspection_id, version_id = ctx.inspection_id, link.version_id
    if link.definition.has_logic:  # an answer may show, hide or compute others: at the end
        ctx.run.logic[(inspection_id, version_id)] = (link.slug, link.definition.definition)
    else:
        replaced = recorded.replaced.value if recorded.replaced else None
        follow_answer(recorded.row, item, link.slug, replaced)

