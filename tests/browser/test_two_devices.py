"""Two phones of one team on one inspection: their answers merge; on one item the later one wins,
and both phones show the two answers until the team lead chooses one."""
from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import AnswerConflict, Inspection, Response

from .a11y import axe_violations
from .conftest import jpeg


def test_two_phones_share_an_inspection_and_the_lead_settles_their_conflict(app, devices, world):
    first = devices("kiemtra1").sign_in()
    second = devices("kiemtra2").sign_in()

    uuid = first.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    first.sync()
    second.sync()
    second.page.goto("/app#/")
    expect(second.badge(uuid)).to_have_text("đã đồng bộ")  # the other phone's inspection, pulled

    # Different sections on each phone, offline; and one item on both, the second phone later.
    first.offline()
    second.offline()
    first.open_section(uuid, "Giờ giấc và thẻ công chức")
    first.answer("KL-01", "Đạt")
    first.answer("KL-02", "Không đạt")
    first.fill("KL-03", "1")
    second.open_section(uuid, "Niêm yết và một cửa")
    second.fill("KL-04", "80")
    second.answer("KL-05", "Đầy đủ, cập nhật")
    second.open_section(uuid, "Giờ giấc và thẻ công chức")
    second.fill("KL-03", "0")
    # A photo on one phone, a roll-call row on the other: both phones later show who added them.
    first.attach_photos("KL-01", [{"name": "the.jpg", "mimeType": "image/jpeg",
                                   "buffer": jpeg((800, 600))}])
    second.page.goto(f"/app#/i/{uuid}/attendance")
    second.page.locator(".person", has_text="Nguyễn Văn An").get_by_role(
        "button", name="Có mặt").click()
    expect(second.page.locator(".person", has_text="Nguyễn Văn An").get_by_role(
        "button", name="Có mặt")).to_have_attribute("aria-pressed", "true")

    # The later answer reaches the server first; the earlier one must not overwrite it.
    for phone in (second, first):
        phone.come_online()
    first.sync()  # picks up what the second phone sent…
    second.sync()  # …and the other way round

    with app.app_context():
        inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == uuid))
        rows = {r.item_id: r for r in inspection.responses}
        assert {k: r.value for k, r in rows.items()} == {
            "KL-01": "yes", "KL-02": "yes", "KL-03": 0, "KL-04": 80, "KL-05": "full"}
        assert rows["KL-03"].answered_by_id == world.inspector2_id
        # The earlier answer is kept in the item's history, not lost.
        assert [(h.value, h.answered_by_id) for h in rows["KL-03"].history] == [
            (1, world.inspector_id)]
        assert db.session.scalar(select(Response.id).where(Response.item_id == "KL-06")) is None
        db.session.remove()

    # Both phones now show the same answers, and on KL-03 both answers, who gave each and when;
    # the item counts as open until the lead chooses.
    for phone in (first, second):
        phone.open_section(uuid, "Giờ giấc và thẻ công chức")
        expect(phone.item("KL-03").locator(".answer-number")).to_have_value("0")
        conflict = phone.item("KL-03").locator(".conflict")
        expect(conflict).to_contain_text("Hai người trả lời khác nhau")
        expect(conflict.locator(".conflict-answer")).to_have_count(2)
        answers = conflict.locator(".conflict-answer")
        expect(answers.filter(has_text="Lê Thị Thu Hà")).to_contain_text("1 người")
        expect(answers.filter(has_text="Vũ Đức Minh")).to_contain_text("0 người")
        expect(conflict).to_contain_text("Trưởng đoàn sẽ chọn")
        expect(conflict.get_by_role("button")).to_have_count(0)  # only the lead chooses
        expect(phone.page.locator(".section-progress")).to_contain_text("Đã trả lời 2/3")
        expect(phone.item("KL-02").get_by_role("button", name="Không đạt", exact=True)
               ).to_have_attribute("aria-pressed", "true")
        phone.open_section(uuid, "Niêm yết và một cửa")
        expect(phone.item("KL-04").locator(".answer-number")).to_have_value("80")
        expect(phone.item("KL-05").get_by_role("button", name="Đầy đủ, cập nhật")
               ).to_have_attribute("aria-pressed", "true")

    for phone in (first, second):
        phone.open_section(uuid, "Giờ giấc và thẻ công chức")
        expect(phone.item("KL-01").locator(".added-by")).to_have_text("Lê Thị Thu Hà")
        phone.page.goto(f"/app#/i/{uuid}/attendance")
        expect(phone.page.locator(".person", has_text="Nguyễn Văn An").locator(".recorded-by")
               ).to_have_text(" · ghi bởi Vũ Đức Minh")

    # The team lead sees both answers in the item's history, the later one current.
    lead = devices("truongdoan").sign_in()
    history = lead.page.request.get(
        f"/api/inspections/{uuid}/responses/{world.version_id}/KL-03/history").json()
    assert [(e["value"], e["by_id"], e["current"]) for e in history] == [
        (1, world.inspector_id, False), (0, world.inspector2_id, True)]

    # Signing waits for the lead's choice, saying which item.
    lead.page.goto(f"/app#/i/{uuid}/minutes/preview")
    expect(lead.page.locator("#sign-minutes")).to_have_text("Ký biên bản (chờ chọn mục KL-03)")
    expect(lead.page.locator(".raced-items")).to_contain_text("KL-03")

    # One tap: the first inspector's answer. Both phones see the choice after their next sync.
    lead.open_section(uuid, "Giờ giấc và thẻ công chức")
    lead.screenshot("app-conflict.png", of=lead.item("KL-03").locator(".conflict"))
    assert axe_violations(lead.page, "conflict") == []
    lead.item("KL-03").locator(".conflict-answer", has_text="Lê Thị Thu Hà").get_by_role(
        "button", name="Chọn câu trả lời này").click()
    expect(lead.item("KL-03").locator(".answer-number")).to_have_value("1")
    expect(lead.item("KL-03").locator(".conflict")).to_have_count(0)
    lead.sync()
    for phone in (first, second):
        phone.sync()
        phone.open_section(uuid, "Giờ giấc và thẻ công chức")
        expect(phone.item("KL-03").locator(".answer-number")).to_have_value("1")
        expect(phone.item("KL-03").locator(".conflict-settled")).to_contain_text(
            "Trần Văn Khải đã chọn câu trả lời của Lê Thị Thu Hà (1 người)")
        expect(phone.page.locator(".section-progress")).to_contain_text("Đã trả lời 3/3")
    with app.app_context():
        [conflict] = db.session.scalars(select(AnswerConflict)).all()
        assert (conflict.settled_by_id, conflict.item_id) == (world.lead_id, "KL-03")
        response = db.session.scalar(select(Response).where(Response.item_id == "KL-03"))
        assert (response.value, response.answered_by_id) == (1, world.inspector_id)
        db.session.remove()

    # The minutes now carry the chosen answer, and can be signed.
    lead.page.goto(f"/app#/i/{uuid}/minutes/preview")
    expect(lead.page.locator("#sign-minutes")).to_have_text("Ký biên bản")
    expect(lead.page.locator(".minutes-doc")).to_contain_text("1 người")
