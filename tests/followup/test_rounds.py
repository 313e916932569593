from datetime import date

from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.org import roles


def _round(team, units, **kw):
    rnd = Round(name=kw.pop("name", "Đợt kiểm tra đột xuất"), kind="surprise", status="planned",
                period_start=date(2026, 12, 1), period_end=date(2026, 12, 15), team=team,
                units=units, **kw)
    db.session.add(rnd)
    db.session.commit()
    return rnd


def _form(**overrides):
    data = {"name": "Đợt 1", "kind": "planned", "status": "planned", "period_start": "2026-12-01",
            "period_end": "2026-12-20", "office_unit_id": 0, "team_id": 0, "plan_ref": "", "notes": ""}
    data.update(overrides)
    return data


def test_admin_plans_a_round_with_units(client, login_as, make_unit, make_team, make_user):
    login_as(roles.ADMIN)
    a, b = make_unit("Xã A"), make_unit("Xã B")
    team = make_team(lead=make_user(roles.LEAD))
    resp = client.post("/rounds/new", data=_form(unit_ids=[a.id, b.id], team_id=team.id))
    assert resp.status_code == 302
    rnd = db.session.scalar(select(Round))
    assert {u.name for u in rnd.units} == {"Xã A", "Xã B"} and rnd.team_id == team.id
    assert "Xã A" in client.get(f"/rounds/{rnd.id}").get_data(as_text=True)


def test_round_ending_before_it_starts_is_refused(client, login_as):
    login_as(roles.ADMIN)
    resp = client.post("/rounds/new", data=_form(period_end="2026-11-01"))
    assert resp.status_code == 400
    assert "Ngày kết thúc phải sau" in resp.get_data(as_text=True)
    assert db.session.scalar(select(Round)) is None


def test_unit_head_never_sees_rounds(client, login_as, make_unit, make_team):
    head = login_as(roles.UNIT_HEAD)
    rnd = _round(make_team(), [head.unit])
    assert client.get("/rounds/").status_code == 403
    assert client.get(f"/rounds/{rnd.id}").status_code == 403
    assert "Đợt kiểm tra đột xuất" not in client.get("/").get_data(as_text=True)


def test_inspector_sees_only_rounds_of_their_own_teams(client, login_as, make_unit, make_team):
    me = login_as(roles.INSPECTOR)
    mine = _round(make_team(members=[me]), [make_unit()], name="Đợt của đoàn tôi")
    other = _round(make_team(), [make_unit()], name="Đợt của đoàn khác")
    page = client.get("/rounds/").get_data(as_text=True)
    assert "Đợt của đoàn tôi" in page and "Đợt của đoàn khác" not in page
    assert client.get(f"/rounds/{mine.id}").status_code == 200
    assert client.get(f"/rounds/{other.id}").status_code == 404


def test_lead_cannot_change_a_round(client, login_as, make_team, make_unit):
    me = login_as(roles.LEAD)
    rnd = _round(make_team(lead=me), [make_unit()])
    assert client.post(f"/rounds/{rnd.id}/edit", data=_form()).status_code == 403
