"""Inspection rounds ("đợt kiểm tra"): planned or surprise, with their units and team."""
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..checklists.models import Checklist
from ..extensions import db
from ..org.models import OrgUnit, Team, User
from ..timeutil import utcnow

ROUND_KINDS = {"planned": "Kiểm tra theo kế hoạch", "surprise": "Kiểm tra đột xuất"}
ROUND_STATUSES = {
    "draft": "Dự thảo",
    "planned": "Đã lập kế hoạch",
    "active": "Đang kiểm tra",
    "closed": "Đã kết thúc",
}

round_units = Table(
    "round_units",
    db.metadata,
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("org_units.id"), primary_key=True),
)

round_checklists = Table(
    "round_checklists",
    db.metadata,
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("checklist_id", ForeignKey("checklists.id"), primary_key=True),
)


class Round(db.Model):
    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="planned")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    office_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    period_start: Mapped[date]
    period_end: Mapped[date]
    plan_ref: Mapped[str | None] = mapped_column(String(200))  # "Kế hoạch kiểm tra số …"
    notes: Mapped[str | None] = mapped_column(Text)
    # Seed of a surprise draw, so anyone can re-run the draw and check it.
    draw_seed: Mapped[str | None] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    office: Mapped[OrgUnit | None] = relationship(foreign_keys=[office_unit_id])
    team: Mapped[Team | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    units: Mapped[list[OrgUnit]] = relationship(secondary=round_units, order_by=OrgUnit.name)
    checklists: Mapped[list[Checklist]] = relationship(secondary=round_checklists)

    @property
    def kind_label(self) -> str:
        return ROUND_KINDS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return ROUND_STATUSES.get(self.status, self.status)
