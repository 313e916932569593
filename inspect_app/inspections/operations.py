"""Applying a device's pushed operations: each once, each audited, a refused one alone undone.

A push is applied first as one transaction; almost every push applies whole. If an op is refused
(or collides with a concurrent write), that attempt is rolled back and the push applied again with
each op in a savepoint of its own, so the refused op is undone alone. The savepoints, two
statements an op, are paid for only by the pushes that need them.

The handlers for each op type live in `ops_inspection` and `ops_evidence`; this module holds what
they share: the ledger (idempotency), who may touch which inspection, and refusal wording.
"""
import hashlib
import json
import logging
from dataclasses import dataclass, field

from sqlalchemy import and_, bindparam, exists, select, update
from sqlalchemy.exc import IntegrityError

from .. import audit, plainsql
from ..checklists import definitions
from ..checklists.models import Checklist, ChecklistVersion
from ..errors import Refused
from ..extensions import db
from ..org import roles
from ..org.models import TeamMember, User
from ..timeutil import utcnow, vietnam_time
from . import fields
from .batch import Batch, Op
from .findings import follow_logic
from .models import Inspection, InspectionChecklist
from .sync_models import SyncOp

CLOSED_STATUSES = ("signed", "issued")
# A concurrent push writing the same row loses the race once; the retry then sees the winner.
ATTEMPTS = 2

HANDLERS = {}
log = logging.getLogger(__name__)

# The statements every op runs, built once (see plainsql).
_LEDGER = SyncOp.__table__
# The ledger row is the op's claim: a replay, even one racing in another request, inserts nothing.
# It returns the op ids it claimed: a push applied as one transaction claims all its ops at once.
_LEDGER_CLAIM = {name: statement.returning(_LEDGER.c.op_id)
                 for name, statement in plainsql.insert_if_absent(_LEDGER).items()}
APPLIED = {"status": "applied"}  # the ledger's result of an op, returned as "duplicate" on replay
_LEDGER_HASH = select(_LEDGER.c.payload_sha256).where(_LEDGER.c.op_id == bindparam("op_id"))
REUSED_OP_ID = (("mã thao tác {op_id} đã được dùng cho một thao tác khác trên máy chủ, nên "
                 "thao tác này chưa được ghi"), "Thao tác vẫn được giữ trên máy; hãy báo quản trị")
_INSPECTIONS = Inspection.__table__
_MEMBERS = TeamMember.__table__
_TOUCH = update(_INSPECTIONS).where(
    _INSPECTIONS.c.id.in_(bindparam("inspection_ids", expanding=True)))
_CHECKLISTS = InspectionChecklist.__table__
_VERSIONS = ChecklistVersion.__table__
_SLUGS = Checklist.__table__
# The inspection an op names, whether this user is on its team, and the inspection's use of the
# checklist version the op names (answers and photos do): one query, the link's columns NULL
# when the op names none or the inspection does not use it.
_INSPECTION_FOR = select(
    _INSPECTIONS.c.id, _INSPECTIONS.c.status, _INSPECTIONS.c.team_id,
    exists().where(_MEMBERS.c.team_id == _INSPECTIONS.c.team_id,
                   _MEMBERS.c.user_id == bindparam("user_id")).label("member"),
    _VERSIONS.c.version, _VERSIONS.c.content_hash, _SLUGS.c.slug,
).select_from(
    _INSPECTIONS.outerjoin(_CHECKLISTS, and_(
        _CHECKLISTS.c.inspection_id == _INSPECTIONS.c.id,
        _CHECKLISTS.c.checklist_version_id == bindparam("version_id")))
    .outerjoin(_VERSIONS, _VERSIONS.c.id == _CHECKLISTS.c.checklist_version_id)
    .outerjoin(_SLUGS, _SLUGS.c.id == _VERSIONS.c.checklist_id)
).where(_INSPECTIONS.c.uuid == bindparam("uuid"))
_LINK = (
    select(_VERSIONS.c.version, _VERSIONS.c.content_hash, _SLUGS.c.slug)
    .join(_CHECKLISTS, _CHECKLISTS.c.checklist_version_id == _VERSIONS.c.id)
    .join(_SLUGS, _SLUGS.c.id == _VERSIONS.c.checklist_id)
    .where(_CHECKLISTS.c.inspection_id == bindparam("inspection_id"),
           _VERSIONS.c.id == bindparam("version_id")))
_DEFINITION = select(_VERSIONS.c.definition).where(_VERSIONS.c.id == bindparam("version_id"))


# Op types that change neither an inspection's status, its team nor its checklists: the
# inspection `open_inspection` read for one of them still holds for the next.
KEEP_INSPECTION = frozenset({"response.set", "photo.add", "photo.remove", "attendance.set"})


def handles(op_type: str, *, needs_inspection: bool = True):
    """Register a handler `fn(ctx) -> changed object` for one op type."""

    def register(fn):
        HANDLERS[op_type] = (fn, needs_inspection)
        return fn

    return register


@dataclass
class Run:
    """One attempt at applying a push: its user, whether each op has a savepoint of its own
    (`isolated`), and lookups its ops share.

    The lookups are dropped whenever an op is rolled back, so no op sees what a refused one made.
    """

    user: User
    device_id: str | None
    isolated: bool
    touched: set[int] = field(default_factory=set)
    lookups: dict = field(default_factory=dict)
    # Audit events of a push applied as one transaction, written together at its end: a push
    # refused part-way is applied again from the start, isolated, writing each op's event.
    events: list[dict] = field(default_factory=list)
    # Op ids whose ledger rows this run claimed up front (not isolated); None: each op claims
    # its own.
    claimed: set[str] | None = None
    # Checklists with conditions whose findings must be derived again: (inspection id, version
    # id) → (slug, definition). Derived once per run of answers, not once per answer.
    logic: dict = field(default_factory=dict)

    def settle_findings(self) -> None:
        """Derive the findings of every checklist with conditions that answers changed."""
        while self.logic:
            (inspection_id, version_id), (slug, definition) = self.logic.popitem()
            follow_logic(inspection_id, version_id, slug, definition)

    def created(self, inspection_id: int) -> None:
        """This run made the inspection: its items have no answers but those the run records
        (`first_answer`), until an op of another kind (`forget_inspections`)."""
        self.lookups[("inspection", "new", inspection_id)] = set()

    def first_answer(self, inspection_id: int, version_id: int, item_id: str) -> bool:
        """Whether the item surely has no answer yet: its inspection is new in this run and the
        run has not answered it. Saves a full inspection's push a lookup an answer."""
        answered = self.lookups.get(("inspection", "new", inspection_id))
        if answered is None or (version_id, item_id) in answered:
            return False
        answered.add((version_id, item_id))
        return True

    def forget_inspections(self) -> None:
        """Drop the inspections read by earlier ops (`open_inspection`)."""
        for key in [k for k in self.lookups if k[0] == "inspection"]:
            del self.lookups[key]

    def lookup(self, key: tuple, load):
        if key not in self.lookups:
            self.lookups[key] = load()
        return self.lookups[key]


@dataclass
class Context:
    """What a handler gets: the op, its run, and the inspection the op names (checked).

    `open_inspection` checks the inspection with one plain query and keeps its id; the ORM object
    is loaded only when a handler asks for `inspection` (an answer never does).
    """

    op: Op
    run: Run
    item_id: str | None = None
    inspection_uuid: str | None = None
    _opened_id: int | None = field(default=None, repr=False)
    _inspection: Inspection | None = field(default=None, repr=False)

    def opened(self, inspection_id: int, inspection_uuid: str) -> None:
        """The op names this inspection, checked by `open_inspection`."""
        self._opened_id, self.inspection_uuid = inspection_id, inspection_uuid

    @property
    def inspection_id(self) -> int | None:
        """The id of the op's inspection; a new one has it once flushed."""
        if self._inspection is not None:
            return self._inspection.id
        return self._opened_id

    @property
    def inspection(self) -> Inspection | None:
        if self._inspection is None and self._opened_id is not None:
            self._inspection = db.session.get(Inspection, self._opened_id)
        return self._inspection

    @inspection.setter
    def inspection(self, inspection: Inspection | None) -> None:
        self._inspection = inspection
        self.inspection_uuid = inspection.uuid if inspection is not None else None

    @property
    def data(self) -> dict:
        return self.op.data

    @property
    def user(self) -> User:
        return self.run.user

    def where(self) -> str:
        """'Phiếu kiểm tra Xã Tân Lập ngày 22/11/2026, mục KL-01' — what the device shows."""
        if self.inspection is not None:
            text = f"Phiếu kiểm tra {label(self.inspection)}"
        elif self.op.type == "inspection.create":
            text = "Phiếu kiểm tra mới"
        else:
            text = f"Thao tác {self.op.type}"
        if self.item_id:
            text += f", mục {self.item_id}"
        return text

    def refuse(self, problem: str, todo: str) -> Refused:
        # Naming the inspection may load its unit; half-built rows of this op must not flush then.
        with db.session.no_autoflush:
            return Refused(f"{self.where()}: {problem}. {todo}")


def label(inspection: Inspection) -> str:
    """The unit's name and the day of the inspection (Vietnam time), as people name it."""
    day = vietnam_time(inspection.started_at)
    return f"{inspection.unit.name} ngày {day:%d/%m/%Y}"


def apply_batch(batch: Batch, user: User) -> list[dict]:
    """Apply every op in order and commit; one result per op (applied, duplicate or refused)."""
    from ..minutes import ops as minutes_ops  # noqa: F401  (minutes.sign, minutes.amend)
    from . import (  # noqa: F401  (they register their handlers)
        ops_conflicts,
        ops_evidence,
        ops_inspection,
        ops_supplements,
    )

    try:
        results = _apply_all(Run(user, batch.device_id, isolated=False), batch)
    except OpFailed:
        db.session.rollback()
        results = _apply_all(Run(user, batch.device_id, isolated=True), batch)
    db.session.commit()
    return results


class OpFailed(Exception):
    """An op of a push applied as one transaction was refused or collided: apply it again with
    each op isolated."""


def _apply_all(run: Run, batch: Batch) -> list[dict]:
    if not run.isolated and batch.ops:
        rows = [_ledger_row(op, run) for op in batch.ops]
        run.claimed = set(plainsql.execute(_LEDGER_CLAIM[plainsql.dialect_name()],
                                           rows).scalars())
    results = [apply_op(op, run) for op in batch.ops]
    run.settle_findings()
    if run.touched:
        # Answers, attendance and photos have no clock of their own: the pull finds them by this.
        # Stamped last, just before the commit, so the stamp is as late as it can be.
        plainsql.execute(_TOUCH, {"inspection_ids": sorted(run.touched), "updated_at": utcnow()})
    if not run.isolated:
        try:
            db.session.flush()
        except IntegrityError:
            raise OpFailed from None
        audit.record_rows(run.events)
    return results


def apply_op(op: Op, run: Run) -> dict:
    """Apply one op; a refusal rolls back this op only (see the module docstring) and stores
    nothing."""
    if op.type != "response.set":
        # Anything else (a photo's finding, the minutes' record) sees the findings of the answers
        # before it; settled outside its savepoint, so its refusal does not undo them.
        run.settle_findings()
    if not run.isolated:
        try:
            db.session.flush()  # this op's plain statements see what the ops before it changed
            inspection_id = _apply(op, run)
        except Duplicate:
            return {"op_id": op.op_id, "status": "duplicate"}  # it changed nothing
        except (Refused, IntegrityError):
            raise OpFailed from None
        return _applied(op, run, inspection_id)
    for _attempt in range(ATTEMPTS):
        # Beginning a savepoint flushes the session: this op's plain statements see what the ops
        # before it changed.
        savepoint = db.session.begin_nested()
        try:
            inspection_id = _apply(op, run)
            savepoint.commit()
        except Duplicate:
            savepoint.rollback()
            return {"op_id": op.op_id, "status": "duplicate"}
        except Refused as refusal:
            savepoint.rollback()
            run.lookups.clear()
            return {"op_id": op.op_id, "status": "refused", "reason": refusal.reason}
        except IntegrityError as err:
            savepoint.rollback()
            run.lookups.clear()
            log.warning("sync op %s (%s) hit %s", op.op_id, op.type, err.orig)
        else:
            return _applied(op, run, inspection_id)
    return {"op_id": op.op_id, "status": "refused",
            "reason": "Máy chủ đang ghi cùng dữ liệu này từ thiết bị khác. Hãy đồng bộ lại sau ít phút."}


def _applied(op: Op, run: Run, inspection_id: int | None) -> dict:
    if inspection_id is not None:
        run.touched.add(inspection_id)
    return {"op_id": op.op_id, "status": "applied"}


class Duplicate(Exception):
    """The ledger already holds this op: it was applied before, and nothing is done again."""


def _apply(op: Op, run: Run) -> int | None:
    entry = HANDLERS.get(op.type)
    if entry is None:
        raise Refused(f"Loại thao tác “{op.type}” không được hỗ trợ. Hãy cập nhật ứng dụng "
                      "(tải lại trang khi có mạng) rồi đồng bộ lại.")
    handler, needs_inspection = entry
    # Named from the start, so that a refusal before the handler (a signed inspection) says the item.
    item_id = op.data.get("item_id") if isinstance(op.data, dict) else None
    ctx = Context(op, run, item_id=item_id if isinstance(item_id, str) and len(item_id) <= 64 else None)
    # The ledger row first: a replay of the same op stops here, before any change.
    if run.claimed is not None:
        fresh = op.op_id in run.claimed
        run.claimed.discard(op.op_id)  # an op id twice in one push: the second is a replay
    else:
        row = _ledger_row(op, run)
        fresh = plainsql.execute(_LEDGER_CLAIM[plainsql.dialect_name()], row).first() is not None
    if not fresh:
        applied = plainsql.execute(_LEDGER_HASH, {"op_id": op.op_id}).scalar()
        # A ledger row from before payloads were hashed (NULL) can only be taken at its word.
        if applied is not None and applied != payload_sha256(op):
            problem, todo = REUSED_OP_ID
            raise ctx.refuse(problem.format(op_id=op.op_id), todo)
        raise Duplicate(op.op_id)
    if op.type not in KEEP_INSPECTION:
        ctx.run.forget_inspections()
    if needs_inspection:
        open_inspection(ctx, op.inspection)
    try:
        changed = handler(ctx)
    except fields.Invalid as bad:
        raise ctx.refuse(f"trường “{bad.field}” {bad.message}",
                         "Hãy sửa lại trên máy rồi đồng bộ lại") from None
    event = audit.event_row(run.user, "sync." + op.type, changed, op_id=op.op_id,
                            inspection=ctx.inspection_uuid)
    if run.isolated:
        audit.record_rows([event])
    else:
        run.events.append(event)
    return ctx.inspection_id


def _ledger_row(op: Op, run: Run) -> dict:
    return {"op_id": op.op_id, "user_id": run.user.id, "device_id": run.device_id,
            "op_type": op.type, "inspection_uuid": _uuid_or_none(op.inspection),
            "payload_sha256": payload_sha256(op), "result": APPLIED, "received_at": utcnow()}


def payload_sha256(op: Op) -> str:
    """What makes two ops with one op id the same op: type, inspection, device time and data."""
    # ASCII escapes: a lone surrogate in the data (refused later) must not break the hash.
    text = json.dumps([op.type, op.inspection, op.at, op.data], sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _uuid_or_none(value) -> str | None:
    try:
        return fields.uuid_text({"v": value}, "v", required=False)
    except fields.Invalid:
        return None


def open_inspection(ctx: Context, inspection_uuid, *, allow_closed: bool = False) -> None:
    """Set `ctx` to the inspection the op names, if it exists, this user is on its team and it
    is not signed (`allow_closed`: signed too, for an amendment); refuse otherwise."""
    try:
        key = fields.uuid_text({"inspection": inspection_uuid}, "inspection")
    except fields.Invalid:
        raise ctx.refuse("thiếu mã phiếu kiểm tra (`inspection`) hợp lệ",
                         "Hãy cập nhật ứng dụng rồi đồng bộ lại") from None
    version_id = _version_id_or_none(ctx.data)
    # Read once for a run of answers and photos, which change neither the inspection's status,
    # team nor checklists; afresh after any other op (it may have signed the inspection).
    cached = ("inspection", key, version_id)
    row = ctx.run.lookups.get(cached)
    if row is None:
        row = plainsql.execute(_INSPECTION_FOR, {"uuid": key, "user_id": ctx.user.id,
                                                 "version_id": version_id}).first()
        if row is None:
            raise Refused(f"Chưa có phiếu kiểm tra {key} trên máy chủ. Thao tác tạo phiếu phải "
                          "được gửi trước: hãy đồng bộ máy đã tạo phiếu, rồi đồng bộ lại máy này.")
        if ctx.op.type in KEEP_INSPECTION:
            ctx.run.lookups[cached] = row
        if version_id is not None:
            ctx.run.lookups[("link", row.id, version_id)] = _link_of(row, version_id)
    ctx.opened(row.id, key)
    if not _may_write(ctx.user, row.team_id, lambda: row.member):
        raise ctx.refuse("bạn không thuộc đoàn kiểm tra của phiếu này nên không sửa được",
                         "Nếu bạn được phân công, đề nghị quản trị thêm bạn vào đoàn")
    if row.status in CLOSED_STATUSES and not allow_closed:
        raise ctx.refuse("biên bản đã ký, phiếu không nhận thay đổi nữa",
                         "Nếu cần bổ sung, hãy báo trưởng đoàn lập biên bản bổ sung")


def is_team_member(user: User, team_id: int | None) -> bool:
    """A field role (admin, lead, inspector) who is on the team."""
    return _may_write(user, team_id, lambda: db.session.scalar(select(TeamMember.id).where(
        TeamMember.team_id == team_id, TeamMember.user_id == user.id)) is not None)


def _may_write(user: User, team_id: int | None, on_team) -> bool:
    # Only a field role on the inspection's team writes it; `on_team()` is asked last.
    return team_id is not None and user.role in roles.FIELD and bool(on_team())


@dataclass(frozen=True)
class LinkedChecklist:
    """A checklist version an inspection uses: what answering one of its items needs."""

    version_id: int
    version: int
    slug: str
    definition: definitions.Definition


def checklist_link(ctx: Context, version_id: int) -> LinkedChecklist | None:
    """The inspection's use of this checklist version (None: the inspection does not use it)."""
    inspection_id = ctx.inspection_id
    return ctx.run.lookup(("link", inspection_id, version_id),
                          lambda: _linked_checklist(inspection_id, version_id))


def _linked_checklist(inspection_id: int, version_id: int) -> LinkedChecklist | None:
    row = plainsql.execute(_LINK, {"inspection_id": inspection_id,
                                   "version_id": version_id}).first()
    return _link_of(row, version_id) if row is not None else None


def _link_of(row, version_id: int) -> LinkedChecklist | None:
    """The link from a row with `version`, `content_hash` and `slug` (NULL: no link)."""
    if row.content_hash is None:
        return None
    # The definition itself is read from the database once per process.
    definition = definitions.definition_for(row.content_hash, lambda: db.session.scalar(
        _DEFINITION, {"version_id": version_id}))
    return LinkedChecklist(version_id, row.version, row.slug, definition)


def _version_id_or_none(data: dict):
    try:
        return fields.integer(data, "checklist_version_id")
    except fields.Invalid:
        return None  # the handler says what is wrong with it
