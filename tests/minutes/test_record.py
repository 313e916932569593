"""The minutes record built from the database follows docs/minutes.md rule by rule."""
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.minutes.record import build_record, inspection_day

from .site import new_id, push, site_fixture, statuses, worked_fixture  # noqa: F401


def _record(key, site, **options):
    db.session.expire_all()
    inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == key))
    return build_record(inspection, site.draft(), "11111111-2222-4333-8444-555555555555",
                        **options)


def _items(record):
    return {i["id"]: i for c in record["checklists"] for s in c["sections"] for i in s["items"]}


def test_every_key_of_format_1_is_present(worked, site):
    record = _record(worked, site)
    assert list(record) == [
        "format", "minutes", "amends", "amendment_reason", "inspection", "kind", "body",
        "grounds", "unit", "location", "started_at", "ended_at", "members", "attendance", "roll_call",
        "checklists", "photos", "representatives", "assessment", "remediation", "unit_opinion"]
    assert record["format"] == 1 and record["inspection"] == worked
    assert record["kind"] == "planned" and record["unit"] == {"id": site.unit.id,
                                                              "name": "UBND xã Tân Lập"}


def test_body_and_grounds_come_from_the_team_office_and_round_plan(worked, site):
    record = _record(worked, site)
    assert record["body"] == {"parent": "UBND tỉnh Minh Sơn", "name": "Sở Nội vụ"}
    assert record["grounds"] == {
        "team_decision": "Quyết định số 45/QĐ-SNV ngày 01/08/2026 của Giám đốc Sở Nội vụ",
        "plan": "Kế hoạch số 12/KH-SNV ngày 15/10/2026"}


def test_body_falls_back_to_the_round_office(worked, site):
    site.team.office_unit_id = None
    site.round.office_unit_id = site.province.id
    db.session.commit()
    assert _record(worked, site)["body"] == {"parent": None, "name": "UBND tỉnh Minh Sơn"}


def test_times_are_utc_seconds_and_the_draft_ends_the_inspection(worked, site):
    record = _record(worked, site)
    assert (record["started_at"], record["ended_at"]) == ("2026-11-22T01:15:42Z",
                                                          "2026-11-22T04:40:30Z")


def test_members_by_role_then_as_listed(worked, site):
    assert [(m["team_role"], m["full_name"]) for m in _record(worked, site)["members"]] == [
        # Sent decomposed, stored composed (issue 14: the database holds what the PDF prints).
        ("lead", "Trần Văn Khải"), ("member", "Lê Thị Thu Hà"),
        ("secretary", "Phạm Văn Thư")]


def test_attendance_sorted_by_name_as_hashed(worked, site):
    rows = _record(worked, site)["attendance"]
    # "Nguyễn Văn An" < "Nguyễn Văn Ân" once both are NFC; "Đ" (U+0110) sorts after "N".
    assert [r["status"] for r in rows] == ["absent_unexcused", "present", "late"]


def test_checklists_by_slug_with_every_item(worked, site):
    record = _record(worked, site)
    assert [c["slug"] for c in record["checklists"]] == ["chu-trong", "ky-luat-ky-cuong"]
    items = _items(record)
    assert list(items) == ["CT-01", "KL-01", "KL-02", "KL-03", "KL-04", "KL-05", "KL-06",
                           "KL-07"]
    assert {k: (i["value"], i["failed"]) for k, i in items.items()} == {
        "CT-01": ("na", False), "KL-01": ("yes", False), "KL-02": ("yes", True),
        "KL-03": (2, True), "KL-04": (47.5, True), "KL-05": ("outdated", True),
        "KL-06": ("  Bàn tiếp dân sạch sẽ  ", False),
        "KL-07": (None, False)}


def test_basis_is_the_law_in_force_on_the_inspection_day(worked, site):
    items = _items(_record(worked, site))
    assert items["KL-01"]["basis"] == "Chỉ thị 26/CT-TTg ngày 05/09/2016"
    assert items["KL-03"]["basis"] == "Chỉ thị 26/CT-TTg ngày 05/09/2016, Mục 3"
    # The amendment in force on 31/12/2025 is named for an inspection after that day.
    day = inspection_day(db.session.scalar(select(Inspection).where(Inspection.uuid == worked)))
    amended = "" if day < "2025-12-31" else \
        " (được sửa đổi, bổ sung bởi Nghị định số 367/2025/NĐ-CP)"
    assert items["KL-04"]["basis"] == f"Nghị định số 118/2025/NĐ-CP{amended}, Điều 10 khoản 3"
    assert items["KL-05"]["basis"] == "Kế hoạch kiểm tra của Sở Nội vụ"
    # A source the checklist does not list prints nothing rather than a guess.
    assert items["KL-06"]["basis"] is None
    assert items["KL-07"]["basis"] is None and items["CT-01"]["basis"] is None


def test_photos_by_time_then_hash_and_removed_ones_left_out(client, worked, site):
    photos = _record(worked, site)["photos"]
    # Two at 02:05:00 once the milliseconds are cut: their hashes decide.
    assert [p["captured_at"] for p in photos] == ["2026-11-22T02:05:00Z"] * 2 + [
        "2026-11-22T02:20:13Z"]
    assert photos[0]["sha256"] < photos[1]["sha256"]
    assert photos[2]["checklist"] == "ky-luat-ky-cuong" and photos[2]["item"] == "KL-03"
    pulled = client.get("/api/sync/pull").get_json()["inspections"][0]["photos"]
    gone = next(p["uuid"] for p in pulled if p["item_id"] == "KL-03")
    assert statuses(push(client, {"op_id": new_id(), "type": "photo.remove", "inspection": worked,
                                  "at": None, "data": {"uuid": gone}})) == ["applied"]
    assert len(_record(worked, site)["photos"]) == 2


def test_draft_is_reduced_to_the_record_keys(worked, site):
    draft = site.draft()
    draft["representatives"][0]["phone"] = "0912"
    draft["secret"] = "not in the record"
    db.session.expire_all()
    inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == worked))
    record = build_record(inspection, draft, new_id(), None, None)
    assert record["representatives"] == [{"full_name": draft["representatives"][0]["full_name"],
                                          "position": "Chủ tịch UBND xã"}]
    assert "secret" not in record and record["assessment"]["causes"] == ""
    assert [r["item"] for r in record["remediation"]] == ["KL-03", None]


def test_amendment_fields(worked, site):
    old = new_id()
    record = _record(worked, site, amends_uuid=old, amendment_reason="Bổ sung ý kiến")
    assert (record["amends"], record["amendment_reason"]) == (old, "Bổ sung ý kiến")

