"""The minutes on the phone: drafted, previewed and signed offline, issued once synced."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.documents.dates import long_date
from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response
from inspect_app.minutes.models import Minutes
from inspect_app.timeutil import utcnow

SECTION_A = "Giờ giấc và thẻ công chức"
SECTION_B = "Niêm yết và một cửa"
BASIS = "Chỉ thị 26/CT-TTg ngày 05/09/2016 của Thủ tướng Chính phủ"


def _in_days(days: int) -> str:
    """The date `days` after today on a phone in Vietnam, as a date input holds it."""
    return (datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date() + timedelta(days=days)).isoformat()


def _work(phone, uuid: str) -> None:
    """Answers with three failures (KL-02 critical, KL-03 and KL-05 major), then finish."""
    phone.open_section(uuid, SECTION_A)
    phone.answer("KL-01", "Đạt")
    phone.answer("KL-02", "Không đạt")
    phone.fill("KL-03", "2")
    phone.open_section(uuid, SECTION_B)
    phone.fill("KL-04", "80")
    phone.answer("KL-05", "Có nhưng chưa cập nhật")
    _finish(phone, uuid)


def _finish(phone, uuid: str) -> None:
    """"Kết thúc kiểm tra", confirmed."""
    phone.page.goto(f"/app#/i/{uuid}")
    phone.page.get_by_role("button", name="Kết thúc kiểm tra", exact=True).click()
    phone.page.get_by_role("button", name="Xác nhận kết thúc kiểm tra").click()
    expect(phone.page.locator("#view")).to_contain_text("Đã kết thúc lúc")


def _draw(page, canvas) -> None:
    """A signature stroke with the mouse (pointer events, as a finger gives them)."""
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = box["x"], box["y"] + box["height"] / 2
    page.mouse.move(x + 20, y)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(x + 20 + step * 25, y + (-1) ** step * 20, steps=2)
    page.mouse.up()


def _draft(phone, uuid: str) -> None:
    """Open the minutes as the lead, name the unit's representative, see the preview."""
    page = phone.page
    page.goto(f"/app#/i/{uuid}")
    page.click("#open-minutes")
    page.locator(".rep-name").fill("Nguyễn Văn An")
    page.locator(".rep-position").fill("Phó Chủ tịch UBND xã")
    page.locator("#assess-strengths").fill("Đơn vị bố trí cán bộ tiếp đoàn đầy đủ.")
    page.locator("#unit-opinion").fill("Đơn vị thống nhất với nội dung biên bản.")
    page.locator("#unit-opinion").evaluate("e => e.blur()")
    page.click("#preview-minutes")
    expect(page.locator(".minutes-doc")).to_contain_text("BIÊN BẢN KIỂM TRA")


def _sign(phone, refusal: str | None = None) -> None:
    """"Ký biên bản", then the lead draws; the unit's representative draws or refuses."""
    page = phone.page
    page.click("#sign-minutes")
    lead = page.locator(".sign-block[data-role=lead]")
    # What was shown may change just before the tap (a photo processed, a sync): the device then
    # shows it again and says so, and the lead taps again, as a person would.
    changed = page.get_by_text("Biên bản vừa được cập nhật")
    expect(lead.or_(changed).first).to_be_visible()
    if not lead.count():
        page.click("#sign-minutes")
    expect(lead.locator(".sign-name")).to_have_value("Trần Văn Khải")
    _draw(page, lead.locator("canvas"))
    lead.locator(".sign-confirm").click()
    expect(lead).to_have_count(0)
    rep = page.locator(".sign-block[data-role=unit_rep]")
    expect(rep.locator(".sign-name")).to_have_value("Nguyễn Văn An")
    if refusal:
        rep.locator("input.refuse").check()
        rep.locator(".refusal-reason").fill(refusal)
    else:
        _draw(page, rep.locator("canvas"))
    rep.locator(".sign-confirm").click()
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "queued")


def _local_minutes(phone, uuid: str) -> dict:
    return phone.page.evaluate(
        "async (u) => (await import('/static/js/store.js')).get('minutes', u)", uuid)


def _issued_online(app, phone, uuid: str) -> Minutes:
    """The phone comes online with signed minutes: the server issues them, and its record of
    the answers is the device's (same hash)."""
    phone.come_online()
    phone.page.goto(f"/app#/i/{uuid}")
    expect(phone.page.locator(".minutes-status")).to_have_attribute("data-phase", "issued")
    [issued] = _server_minutes(app, uuid)
    assert issued.content_hash == _local_minutes(phone, uuid)["content_hash"]
    return issued


def _server_answers(app, uuid: str) -> dict:
    """{item id (with #instance in a repeat): value} as the server stored them."""
    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        answers = {r.item_id: r.value for r in db.session.scalars(
            select(Response).where(Response.inspection_id == inspection.id))}
        db.session.remove()
    return answers


def _server_minutes(app, uuid: str) -> list[Minutes]:
    with app.app_context():
        rows = db.session.scalars(select(Minutes).join(Inspection).where(
            Inspection.uuid == uuid, Minutes.status != "draft").order_by(Minutes.id)).all()
        for m in rows:
            _ = [(s.signer_role, s.refused, s.refusal_reason, s.image_sha256)
                 for s in m.signatures]  # loaded before the session goes
        db.session.expunge_all()
        db.session.remove()
    return rows


def test_lead_signs_offline_and_gets_the_issued_pdf(app, devices, world):
    phone = devices("truongdoan").sign_in()
    page = phone.page
    phone.offline()  # the whole inspection, from its start, with no signal
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    _work(phone, uuid)

    # The draft is pre-filled, one request per failed item, due per the checklist's severity.
    page.get_by_role("link", name="Lập biên bản", exact=True).click()
    requests = page.locator(".request")
    expect(requests).to_have_count(3)
    expect(requests.nth(0).locator(".req-action")).to_have_value(
        "Chấn chỉnh, chấm dứt tình trạng cán bộ uống rượu bia trong giờ làm việc.")
    expect(requests.nth(2).locator(".req-basis")).to_have_value(f"{BASIS}, Mục 3")
    deadlines = [requests.nth(n).locator(".req-deadline").input_value() for n in range(3)]
    assert deadlines == [_in_days(7), _in_days(15), _in_days(15)]
    expect(requests.nth(1).locator(".req-responsible")).to_have_value("Lãnh đạo UBND xã Tân Lập")
    # Editable: a request removed, one added by hand.
    requests.nth(1).get_by_role("button", name="Xoá").click()
    expect(requests).to_have_count(2)
    page.click("#add-request")
    expect(requests).to_have_count(3)
    requests.nth(2).locator(".req-action").fill("Rà soát, bố trí lại lịch trực một cửa.")
    requests.nth(2).locator(".req-action").evaluate("e => e.blur()")
    page.click("#add-missing")  # KL-03 is failed and lacks a request again
    expect(requests).to_have_count(4)
    _draft(phone, uuid)

    doc = page.locator(".minutes-doc")
    expect(doc).to_contain_text("Trần Văn Khải – Trưởng đoàn")
    expect(doc).to_contain_text("Nguyễn Văn An, Phó Chủ tịch UBND xã")
    expect(doc).to_contain_text("Rà soát, bố trí lại lịch trực một cửa.")
    expect(doc.locator("li[data-item]")).to_have_count(3)
    # Worded as the PDF is: the date by NĐ 30's rule, the unit lower case mid-sentence,
    # failed items as findings with their severity and code, choice labels, no "Kết quả: …".
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    expect(doc).to_contain_text(f", {long_date(today)}")
    expect(doc).to_contain_text("tại UBND xã Tân Lập")
    expect(doc).to_contain_text("Có cán bộ uống rượu bia trong giờ làm việc (mức độ rất nghiêm trọng; KL-02).")
    expect(doc).to_contain_text("Có nhưng chưa cập nhật")
    expect(doc).not_to_contain_text("Kết quả:")
    expect(doc).to_contain_text(f"Trước ngày {(today + timedelta(days=7)):%d/%m/%Y}")
    _sign(phone)

    # Offline reload: everything kept, the inspection read-only.
    assert page.reload().from_service_worker
    phone.wait_ready()
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "queued")
    expect(page.locator(".signed-list li")).to_have_count(2)
    # The signature blocks show both drawings, as the PDF will print them.
    drawn = page.locator(".minutes-doc .msign-image")
    expect(drawn).to_have_count(2)
    assert all(drawn.nth(n).evaluate("i => i.complete && i.naturalWidth > 0") for n in range(2))
    phone.open_section(uuid, SECTION_A)
    expect(page.locator(".locked-note")).to_be_visible()
    expect(phone.item("KL-01").get_by_role("button", name="Không đạt", exact=True)).to_be_disabled()
    [op] = [o for o in phone.outbox() if o["type"] == "minutes.sign"]
    data = op["data"]
    local = _local_minutes(phone, uuid)
    assert data["minutes"] == local["uuid"] and data["content_hash"] == local["content_hash"]
    assert (data["amends"], data["amendment_reason"]) == (None, None)
    assert [s["role"] for s in data["signatures"]] == ["lead", "unit_rep"]
    assert all(len(s["image_sha256"]) == 64 and not s["refused"] for s in data["signatures"])
    assert set(data["draft"]) == {"representatives", "assessment", "remediation", "unit_opinion",
                                  "ended_at"}
    assert [r["item"] for r in data["draft"]["remediation"]] == ["KL-02", "KL-05", None, "KL-03"]

    phone.come_online()
    page.goto(f"/app#/i/{uuid}")
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "issued")
    link = page.locator("#minutes-pdf")
    expect(link).to_have_text("Tải biên bản (PDF)")
    expect(page.locator("#minutes-verify")).to_have_text("Kiểm tra tính xác thực")
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    [issued] = _server_minutes(app, uuid)
    assert (issued.status, issued.uuid) == ("issued", local["uuid"])
    assert issued.content_hash == local["content_hash"]  # the server's record is the device's
    assert phone.outbox() == []


def test_unit_representative_refuses_with_a_reason(app, devices, world):
    phone = devices("truongdoan").sign_in()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    _work(phone, uuid)
    phone.sync()  # the team's members, as the server listed them, are on the phone
    _draft(phone, uuid)
    _sign(phone, refusal="Đơn vị chưa thống nhất kết luận về mục KL-03.")
    expect(phone.page.locator(".minutes-doc .refusal")).to_contain_text(
        "(Nguyễn Văn An) từ chối ký biên bản. Lý do: Đơn vị chưa thống nhất")
    phone.sync()
    phone.page.goto(f"/app#/i/{uuid}")
    expect(phone.page.locator(".minutes-status")).to_have_attribute("data-phase", "issued")
    [issued] = _server_minutes(app, uuid)
    rep = next(s for s in issued.signatures if s.signer_role == "unit_rep")
    assert (rep.refused, rep.image_sha256) == (True, None)
    assert rep.refusal_reason == "Đơn vị chưa thống nhất kết luận về mục KL-03."

    # "Lập biên bản sửa đổi": the inspection opens again, new minutes amend the issued ones.
    page = phone.page
    page.click("#open-minutes")
    page.fill("#amend-reason", "Sửa số cán bộ vắng")
    page.click("#amend-minutes")
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "draft")
    phone.sync()
    phone.open_section(uuid, SECTION_A)
    phone.fill("KL-03", "1")  # editable again
    page.goto(f"/app#/i/{uuid}/minutes")
    page.click("#preview-minutes")
    expect(page.locator(".minutes-doc")).to_contain_text("Lý do sửa đổi: Sửa số cán bộ vắng.")
    _sign(phone)
    phone.sync()
    page.goto(f"/app#/i/{uuid}")
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "issued")
    first, second = _server_minutes(app, uuid)
    assert (second.status, second.amends_id, second.amendment_reason) == (
        "issued", first.id, "Sửa số cán bộ vắng")


def test_changed_answer_on_the_server_refuses_the_signing_and_keeps_everything(
        app, devices, world):
    phone = devices("truongdoan").sign_in()
    page = phone.page
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    _work(phone, uuid)
    phone.sync()
    phone.offline()
    _draft(phone, uuid)
    _sign(phone)
    with app.app_context():  # another device's answer, behind this one's back
        response = db.session.scalar(select(Response).join(Inspection).where(
            Inspection.uuid == uuid, Response.item_id == "KL-03"))
        response.value = 3
        response.inspection.updated_at = utcnow()  # as the server marks a pushed change
        db.session.commit()
        db.session.remove()

    phone.come_online()
    page.goto(f"/app#/i/{uuid}/minutes")
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "refused")
    reason = page.locator(".minutes-reason")
    expect(reason).to_contain_text("khác với máy chủ")
    expect(reason).to_contain_text("KL-03")
    assert _server_minutes(app, uuid) == []
    # Nothing lost: the signed minutes stay, with the refused op and its reason, after a reload.
    page.reload()
    phone.wait_ready()
    expect(page.locator(".minutes-reason")).to_contain_text("KL-03")
    expect(page.locator(".signed-list li")).to_have_count(2)
    [op] = phone.outbox()
    assert (op["type"], op["status"]) == ("minutes.sign", "refused")
    old = _local_minutes(phone, uuid)
    assert len(old["signatures"]) == 2

    # "Sửa và ký lại": the draft again, under a new uuid, signatures to be given again.
    page.click("#redo-minutes")
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "draft")
    new = _local_minutes(phone, uuid)
    assert new["uuid"] != old["uuid"] and new["signatures"] == [] and new["content_hash"] is None
    assert new["draft"]["representatives"] == old["draft"]["representatives"]
    assert phone.outbox() == []
    phone.open_section(uuid, SECTION_A)
    expect(phone.item("KL-03").locator(".answer-number")).to_have_value("3")  # the server's
    expect(phone.item("KL-03").locator(".answer-number")).to_be_enabled()


def test_inspector_who_is_not_lead_does_not_see_the_minutes_button(devices, world):
    phone = devices("kiemtra1").sign_in()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    page = phone.page
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "none")
    expect(page.get_by_role("link", name="Lập biên bản")).to_have_count(0)
    page.goto(f"/app#/i/{uuid}/minutes")
    expect(page.locator("#view")).to_contain_text("Chỉ trưởng đoàn lập và ký biên bản.")
    assert _local_minutes(phone, uuid) is None



def test_a_sync_ending_as_the_minutes_open_keeps_what_is_typed(app, devices, world):
    """A sync that ends while the minutes screen is being drawn used to draw it a second time,
    over a name already typed: the minutes were then signed with no representative."""
    phone = devices("truongdoan").sign_in()
    page = phone.page
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    page.goto(f"/app#/i/{uuid}")
    # The lead opens the minutes just as a sync ends: each form drawn is counted.
    page.evaluate("""() => {
        window.formsDrawn = 0;
        new MutationObserver(() => {
          const field = document.querySelector('.rep-name');
          if (field && !field.counted) { field.counted = true; window.formsDrawn += 1; }
        }).observe(document.body, { childList: true, subtree: true });
        window.location.hash += '/minutes';
        dispatchEvent(new CustomEvent('data-changed'));
    }""")
    page.locator(".rep-name").fill("Nguyễn Văn An")
    page.wait_for_timeout(500)  # a second draw, were one made, is done by now
    assert page.evaluate("window.formsDrawn") == 1
    expect(page.locator(".rep-name")).to_have_value("Nguyễn Văn An")
    # Kept in the draft as typed, before the field is left: the preview names the person.
    page.goto(f"/app#/i/{uuid}/minutes/preview")
    expect(page.locator(".minutes-doc")).to_contain_text("Nguyễn Văn An")
