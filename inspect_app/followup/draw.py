"""Drawing the units of a surprise round ("bốc thăm"): random, weighted, and re-checkable.

Weight of a candidate unit (1 when the draw is not weighted):
    1 + 0.5 × its remediation items not yet verified
      + 1 × its recurring faults (the same checklist item failed in two or more inspections)
      + min(years since its last inspection, 2)   (2 when it was never inspected)
so a unit that keeps failing or has not been seen for long is likelier to be drawn, and every
unit keeps a chance.

The draw is weighted sampling without replacement (Efraimidis–Spirakis): candidate i, taken in
order of unit id, gets the key u_i ** (1 / w_i) with u_i the i-th number of a generator seeded
from the seed text; the `count` largest keys win. The seed, the candidates, their weights and the
result go to the audit log, so anyone can run the same computation again and get the same units.
"""
import hashlib
import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from .. import audit
from ..errors import Refused
from ..extensions import db
from ..inspections.models import Finding, Inspection
from ..org.models import OrgUnit, User
from ..remediation.models import RemediationItem
from ..timeutil import vietnam_today
from .models import Round

DRAWABLE_KINDS = ("commune", "ward", "town", "special_zone")
NEVER_INSPECTED_YEARS = 2.0


@dataclass(frozen=True)
class Draw:
    """What a draw used and gave: enough to compute it again."""

    seed: str
    weights: dict[int, float]  # unit id → weight, every candidate
    count: int
    selected: list[int]  # unit ids, in order of drawing (largest key first)


def pick(seed: str, weights: dict[int, float], count: int) -> list[int]:
    """The `count` units a seed draws from these weighted candidates; pure and repeatable."""
    rng = random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big"))
    keys = []
    for unit_id in sorted(weights):
        u = rng.random() or 1e-300  # 0.0 would make every weight equal
        keys.append((u ** (1.0 / weights[unit_id]), unit_id))
    keys.sort(reverse=True)
    return [unit_id for _, unit_id in keys[:count]]


def candidates() -> list[OrgUnit]:
    """Units a surprise round may visit: current commune-level units."""
    return list(db.session.scalars(select(OrgUnit).where(
        OrgUnit.historical.is_(False), OrgUnit.kind.in_(DRAWABLE_KINDS)).order_by(OrgUnit.id)))


def unit_weights(unit_ids: list[int], today: date) -> dict[int, float]:
    """The documented weight of each unit, from its open items, recurring faults, last visit."""
    open_items = dict(db.session.execute(
        select(RemediationItem.unit_id, func.count(RemediationItem.id))
        .where(RemediationItem.unit_id.in_(unit_ids), RemediationItem.state != "verified")
        .group_by(RemediationItem.unit_id)).all())
    repeated = (select(Inspection.unit_id.label("unit_id"))
                .select_from(Finding).join(Inspection)
                .where(Inspection.unit_id.in_(unit_ids), Finding.item_id.is_not(None))
                .group_by(Inspection.unit_id, Finding.checklist_slug, Finding.item_id)
                .having(func.count(func.distinct(Inspection.id)) > 1).subquery())
    recurring = dict(db.session.execute(
        select(repeated.c.unit_id, func.count()).group_by(repeated.c.unit_id)).all())
    last = dict(db.session.execute(
        select(Inspection.unit_id, func.max(Inspection.started_at))
        .where(Inspection.unit_id.in_(unit_ids)).group_by(Inspection.unit_id)).all())
    weights = {}
    for unit_id in unit_ids:
        seen: datetime | None = last.get(unit_id)
        years = NEVER_INSPECTED_YEARS if seen is None else min(
            max((today - seen.date()).days, 0) / 365.0, NEVER_INSPECTED_YEARS)
        weights[unit_id] = round(1 + 0.5 * open_items.get(unit_id, 0)
                                 + recurring.get(unit_id, 0) + years, 4)
    return weights


def draw_surprise_round(rnd: Round, count: int, actor: User, *, seed: str | None = None,
                        weighted: bool = True, today: date | None = None) -> Draw:
    """Choose the round's units by lot, record how, and make them the round's units."""
    if rnd.kind != "surprise" or rnd.status not in ("draft", "planned"):
        raise Refused("Chỉ bốc thăm cho đợt kiểm tra đột xuất chưa bắt đầu.", field="count")
    units = candidates()
    if not 1 <= count <= len(units):
        raise Refused(f"Số đơn vị bốc thăm phải từ 1 đến {len(units)}.", field="count")
    today = today or vietnam_today()
    ids = [u.id for u in units]
    weights = unit_weights(ids, today) if weighted else dict.fromkeys(ids, 1.0)
    seed = (seed or "").strip() or secrets.token_hex(8)
    selected = pick(seed, weights, count)
    chosen = {u.id: u for u in units}
    rnd.units = [chosen[i] for i in selected]
    rnd.draw_seed = seed
    audit.record(actor, "round.drawn", rnd, seed=seed, count=count, weighted=weighted,
                 weights={str(k): v for k, v in weights.items()}, selected=selected)
    db.session.commit()
    return Draw(seed, weights, count, selected)


def recorded_draws(rnd: Round) -> list[dict]:
    """Every draw of the round from the audit log, each computed again from what it recorded."""
    from ..audit.models import AuditEvent

    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "round.drawn", AuditEvent.object_type == "Round",
        AuditEvent.object_id == str(rnd.id)).order_by(AuditEvent.id)).all()
    names = dict(db.session.execute(select(OrgUnit.id, OrgUnit.name)).all())
    out = []
    for event in events:
        d = event.details
        weights = {int(k): float(v) for k, v in d["weights"].items()}
        again = pick(d["seed"], weights, d["count"])
        out.append({"at": event.at, "by": event.username, "seed": d["seed"], "count": d["count"],
                    "weighted": d["weighted"], "selected": [names.get(i, i) for i in d["selected"]],
                    "weights": sorted(((names.get(k, k), w) for k, w in weights.items()),
                                      key=lambda x: -x[1]),
                    "matches": again == d["selected"]})
    return out
