from sqlalchemy import select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.org import roles
from inspect_app.org.models import OrgUnit, StaffMember, Team, User


def _audited(action):
    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == action))


def test_admin_creates_a_commune_under_a_province(client, login_as, make_unit):
    login_as(roles.ADMIN)
    province = make_unit("Tỉnh Thử", kind="province")
    resp = client.post("/admin/units/new", data={
        "name": "Xã Mới", "kind": "commune", "parent_id": province.id, "code": "T-01",
        "merged_into_id": 0})
    assert resp.status_code == 302
    unit = db.session.scalar(select(OrgUnit).where(OrgUnit.code == "T-01"))
    assert unit.parent.name == "Tỉnh Thử"
    assert _audited("unit.created").object_id == str(unit.id)
    assert "Xã Mới" in client.get("/admin/units").get_data(as_text=True)


def test_the_office_says_how_its_documents_name_it(client, login_as, make_unit):
    login_as(roles.ADMIN)
    province = make_unit("Tỉnh Thử", kind="province")
    resp = client.post("/admin/units/new", data={
        "name": "Sở Nội vụ tỉnh Thử", "kind": "office", "parent_id": province.id,
        "merged_into_id": 0, "header_superior": "UBND tỉnh Thử", "header_name": "Sở Nội vụ",
        "abbreviation": " SNV ", "place_name": ""})
    assert resp.status_code == 302
    office = db.session.scalar(select(OrgUnit).where(OrgUnit.name == "Sở Nội vụ tỉnh Thử"))
    assert (office.header_superior, office.header_name, office.abbreviation,
            office.place_name) == ("UBND tỉnh Thử", "Sở Nội vụ", "SNV", None)
    assert "Chữ viết tắt trong số, ký hiệu văn bản" in client.get(
        f"/admin/units/{office.id}/edit").get_data(as_text=True)


def test_duplicate_unit_code_is_refused_in_vietnamese_and_nothing_written(client, login_as, make_unit):
    login_as(roles.ADMIN)
    make_unit("Xã A", code="DUP")
    resp = client.post("/admin/units/new", data={"name": "Xã B", "kind": "commune", "code": "DUP",
                                                 "parent_id": 0, "merged_into_id": 0})
    assert resp.status_code == 400
    assert "Mã đơn vị DUP đã được dùng" in resp.get_data(as_text=True)
    assert db.session.scalar(select(OrgUnit).where(OrgUnit.name == "Xã B")) is None


def test_a_unit_cannot_be_moved_under_its_own_child(client, login_as, make_unit):
    login_as(roles.ADMIN)
    top = make_unit("Tỉnh Trên", kind="province")
    child = make_unit("Xã Dưới", parent=top)
    resp = client.post(f"/admin/units/{top.id}/edit", data={
        "name": top.name, "kind": "province", "parent_id": child.id, "merged_into_id": 0})
    assert resp.status_code == 400
    assert "cấp dưới" in resp.get_data(as_text=True)
    db.session.refresh(top)
    assert top.parent_id is None


def test_recording_a_merger_makes_the_old_unit_historical(client, login_as, make_unit):
    login_as(roles.ADMIN)
    old, new = make_unit("Thị trấn Cũ", kind="town"), make_unit("Xã Mới Gộp")
    client.post(f"/admin/units/{old.id}/edit", data={
        "name": old.name, "kind": "town", "parent_id": 0, "merged_into_id": new.id})
    db.session.refresh(old)
    assert old.historical and old.merged_into_id == new.id


def test_roster_add_edit_and_deactivate_keeps_the_person(client, login_as, make_unit):
    login_as(roles.ADMIN)
    unit = make_unit()
    client.post(f"/admin/units/{unit.id}/staff", data={"full_name": "Lê Thị Hoa", "position": "Công chức"})
    person = db.session.scalar(select(StaffMember).where(StaffMember.full_name == "Lê Thị Hoa"))
    client.post(f"/admin/staff/{person.id}/edit", data={"full_name": "Lê Thị Hoa", "position": "Phó Chủ tịch"})
    client.post(f"/admin/staff/{person.id}/toggle")
    db.session.refresh(person)
    assert (person.position, person.active) == ("Phó Chủ tịch", False)
    assert _audited("staff.deactivated") is not None


def test_admin_creates_a_unit_head_for_a_unit(client, login_as, make_unit):
    login_as(roles.ADMIN)
    unit = make_unit("Xã Có Chủ tịch")
    resp = client.post("/admin/users/new", data={
        "username": "ChuTich", "full_name": "Nguyễn Văn Chủ", "role": roles.UNIT_HEAD,
        "unit_id": unit.id, "password": "mat-khau-dai-du"})
    assert resp.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "chutich"))
    assert user.unit_id == unit.id and user.role == roles.UNIT_HEAD
    assert _audited("user.created").object_id == str(user.id)


def test_unit_head_without_a_unit_is_refused(client, login_as):
    login_as(roles.ADMIN)
    resp = client.post("/admin/users/new", data={
        "username": "khongdonvi", "full_name": "Ai Đó", "role": roles.UNIT_HEAD, "unit_id": 0,
        "password": "mat-khau-dai-du"})
    assert resp.status_code == 400
    assert "phải gắn với một đơn vị" in resp.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "khongdonvi")) is None


def test_short_password_is_refused(client, login_as):
    login_as(roles.ADMIN)
    resp = client.post("/admin/users/new", data={
        "username": "ngan", "full_name": "Ai Đó", "role": roles.VIEWER, "unit_id": 0, "password": "123"})
    assert resp.status_code == 400
    assert "ít nhất 8 ký tự" in resp.get_data(as_text=True)


def test_revoking_a_user_signs_out_their_existing_session(app, client, login_as, make_user, auth):
    victim = make_user(roles.INSPECTOR)
    phone = app.test_client()
    phone.post("/login", data={"username": victim.username, "password": "mat-khau-thu-nghiem"})
    assert phone.get("/").status_code == 200
    login_as(roles.ADMIN)
    client.post(f"/admin/users/{victim.id}/toggle")
    assert phone.get("/").status_code == 302
    assert phone.get("/api/sync/pull").status_code == 401
    assert _audited("user.revoked").object_id == str(victim.id)


def test_admin_cannot_lock_themselves_out(client, login_as):
    me = login_as(roles.ADMIN)
    resp = client.post(f"/admin/users/{me.id}/toggle", follow_redirects=True)
    assert "Không thể tự khóa" in resp.get_data(as_text=True)
    db.session.refresh(me)
    assert me.active


def test_team_has_one_lead_members_and_a_secretary(client, login_as, make_user):
    login_as(roles.ADMIN)
    lead, a, b = make_user(roles.LEAD), make_user(roles.INSPECTOR), make_user(roles.INSPECTOR)
    resp = client.post("/admin/teams/new", data={
        "name": "Đoàn số 9", "office_unit_id": 0, "lead_id": lead.id, "member_ids": [a.id],
        "secretary_id": b.id})
    assert resp.status_code == 302
    team = db.session.scalar(select(Team).where(Team.name == "Đoàn số 9"))
    assert {(m.user_id, m.team_role) for m in team.members} == {
        (lead.id, "lead"), (a.id, "member"), (b.id, "secretary")}


def test_a_team_decision_cited_without_its_date_issuer_or_subject_is_sent_back(
        client, login_as, make_user):
    login_as(roles.ADMIN)
    lead = make_user(roles.LEAD)
    form = {"name": "Đoàn số 10", "office_unit_id": 0, "lead_id": lead.id, "member_ids": [],
            "secretary_id": 0, "decision_ref": "QĐ số 112/QĐ-SNV"}
    resp = client.post("/admin/teams/new", data=form)
    assert resp.status_code == 400
    page = resp.get_data(as_text=True)
    assert "Còn thiếu: ngày (dd/mm/yyyy)" in page and "trích yếu" in page
    assert db.session.scalar(select(Team).where(Team.name == "Đoàn số 10")) is None
    form["decision_ref"] = ("Quyết định số 112/QĐ-SNV ngày 10/02/2026 của Giám đốc Sở Nội vụ "
                            "về việc thành lập Đoàn kiểm tra")
    assert client.post("/admin/teams/new", data=form).status_code == 302


def test_a_unit_head_cannot_join_a_team(client, login_as, make_user, make_unit):
    login_as(roles.ADMIN)
    lead, head = make_user(roles.LEAD), make_user(roles.UNIT_HEAD, unit=make_unit())
    resp = client.post("/admin/teams/new", data={
        "name": "Đoàn sai", "office_unit_id": 0, "lead_id": lead.id, "member_ids": [head.id],
        "secretary_id": 0})
    assert resp.status_code == 400
    assert db.session.scalar(select(Team).where(Team.name == "Đoàn sai")) is None
