"""Surprise draws: random, reproducible from the recorded seed, weighted as documented."""
from collections import Counter
from datetime import date, datetime

import pytest
from sqlalchemy import select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.followup import draw
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Finding, Inspection
from inspect_app.org import roles
from inspect_app.remediation.models import RemediationItem

from ..inspections.conftest import sign_in


@pytest.fixture
def office(make_unit, make_user, make_team):
    """Twelve communes, a lead and their team's upcoming surprise round."""
    lead = make_user(roles.LEAD)
    team = make_team(lead=lead)
    units = [make_unit(f"Xã Thử {n:02d}") for n in range(12)]
    rnd = Round(name="Kiểm tra đột xuất đợt 4", kind="surprise", status="planned", team=team,
                period_start=date(2026, 12, 3), period_end=date(2026, 12, 17))
    db.session.add(rnd)
    db.session.commit()
    return {"lead": lead, "units": units, "round": rnd, "team": team}


def test_the_same_seed_draws_the_same_units_whatever_the_order_of_candidates():
    weights = {u: 1.0 + (u % 3) for u in range(1, 13)}
    shuffled = dict(sorted(weights.items(), key=lambda kv: -kv[0]))
    assert draw.pick("dot-4-2026", weights, 6) == draw.pick("dot-4-2026", shuffled, 6)
    assert len(set(draw.pick("dot-4-2026", weights, 6))) == 6
    assert draw.pick("dot-4-2026", weights, 6) != draw.pick("dot-5-2026", weights, 6)


def test_heavier_units_are_drawn_more_often_and_light_ones_still_can_be():
    weights = {1: 5.0, **{u: 1.0 for u in range(2, 13)}}
    wins = Counter(u for n in range(400) for u in draw.pick(f"s{n}", weights, 3))
    light = sum(wins[u] for u in range(2, 13)) / 11
    assert wins[1] > 2 * light and min(wins[u] for u in range(2, 13)) > 0


def test_a_draw_sets_the_units_and_is_recorded_with_its_seed(office):
    made = draw.draw_surprise_round(office["round"], 6, office["lead"], seed="bốc-thăm-1")
    assert sorted(u.id for u in office["round"].units) == sorted(made.selected)
    assert len(made.selected) == 6
    assert office["round"].draw_seed == "bốc-thăm-1"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "round.drawn"))
    assert event.details["seed"] == "bốc-thăm-1" and event.details["selected"] == made.selected
    assert len(event.details["weights"]) == 12
    [again] = draw.recorded_draws(office["round"])
    assert again["matches"] and len(again["selected"]) == 6


def test_weights_follow_open_items_recurring_faults_and_time_since_the_last_visit(office):
    often, fresh, never = office["units"][:3]
    for n, day in enumerate((datetime(2026, 3, 2), datetime(2026, 8, 4))):
        inspection = Inspection(uuid=f"00000000-0000-4000-8000-{n:012d}", unit=often,
                                team=office["team"], kind="planned", started_at=day)
        finding = Finding(uuid=f"10000000-0000-4000-8000-{n:012d}", inspection=inspection,
                          checklist_slug="mot-cua", item_id="MC-11", severity="major",
                          description="Chưa đạt")
        db.session.add_all([inspection, finding, RemediationItem(
            uuid=f"20000000-0000-4000-8000-{n:012d}", finding=finding, inspection=inspection,
            unit=often, action="Khắc phục", deadline=date(2026, 9, 1), state="open")])
    db.session.add(Inspection(uuid="00000000-0000-4000-8000-000000000009", unit=fresh,
                              team=office["team"], kind="planned",
                              started_at=datetime(2026, 11, 20)))
    db.session.commit()
    w = draw.unit_weights([often.id, fresh.id, never.id], date(2026, 11, 23))
    assert w[often.id] == pytest.approx(1 + 0.5 * 2 + 1 + 111 / 365, abs=1e-3)
    assert w[fresh.id] == pytest.approx(1 + 3 / 365, abs=1e-3)
    assert w[never.id] == 3.0


def test_office_draws_on_the_web_and_anyone_of_the_office_can_recheck(client, office, make_user):
    sign_in(client, office["lead"])
    url = f"/rounds/{office['round'].id}/draw"
    resp = client.post(url, data={"count": 4, "weighted": "y", "seed": "kiểm-tra"})
    assert resp.status_code == 302
    assert len(office["round"].units) == 4
    sign_in(client, make_user(roles.VIEWER))
    page = client.get(url).get_data(as_text=True)
    assert "kiểm-tra" in page and "khớp" in page and 'data-matches="yes"' in page
    assert client.post(url, data={"count": 2}).status_code == 403  # viewers change nothing


def test_too_many_units_or_a_planned_round_is_refused(client, office):
    sign_in(client, office["lead"])
    url = f"/rounds/{office['round'].id}/draw"
    resp = client.post(url, data={"count": 13})
    assert resp.status_code == 400 and "từ 1 đến 12" in resp.get_data(as_text=True)
    office["round"].kind = "planned"
    db.session.commit()
    assert client.post(url, data={"count": 3}).status_code == 400


def test_unit_heads_never_see_a_draw(client, office, make_user):
    sign_in(client, make_user(roles.UNIT_HEAD, unit=office["units"][0]))
    assert client.get(f"/rounds/{office['round'].id}/draw").status_code == 403


def test_a_lead_of_another_team_does_not_find_the_round(client, office, make_user, make_team):
    other = make_user(roles.LEAD)
    make_team(lead=other)
    sign_in(client, other)
    assert client.get(f"/rounds/{office['round'].id}/draw").status_code == 404
