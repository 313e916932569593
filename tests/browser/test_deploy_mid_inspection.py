"""A new version of the app and of a checklist published while an inspection is open and not
synced: the inspection goes on with the checklist it started with, survives the reload into the
new app, and the server accepts what was recorded on the old version."""
import copy

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.checklists.models import ChecklistVersion
from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response
from inspect_app.photos.models import Photo

from .conftest import DEFINITION, jpeg


@pytest.fixture
def deploy(app, server, world):
    """Publish a new release: a changed JS module and style sheet, and version 2 of the checklist
    (KL-03 reworded and KL-07 added). Put the old files back after the test."""
    files = [server.static_dir / "js" / "ui" / "dom.js", server.static_dir / "css" / "offline.css"]
    before = [path.read_text() for path in files]

    def publish():
        for path, text in zip(files, before):
            path.write_text(text + "\n/* release 2 */\n")
        definition = copy.deepcopy(DEFINITION)
        items = definition["sections"][0]["items"]
        items[2] = {**items[2], "text": "Số cán bộ vắng mặt không có lý do chính đáng"}
        items.append({**items[0], "id": "KL-07", "text": "Cán bộ mặc trang phục đúng quy định"})
        with app.app_context():
            old = db.session.get(ChecklistVersion, world.version_id)
            new = ChecklistVersion(version=2, content_hash="c" * 64, definition=definition)
            old.checklist.versions.append(new)
            db.session.commit()
            return new.id

    yield publish
    for path, text in zip(files, before):
        path.write_text(text)


def test_inspection_open_across_a_release_keeps_its_checklist_and_syncs(app, devices, world,
                                                                          deploy):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Không đạt")
    phone.attach_photos("KL-01", [{"name": "a.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}])
    phone.page.evaluate("window.stillTheSamePage = true")

    new_version = deploy()
    # Back in signal: the work syncs, the new checklist arrives, the new app waits for a reload.
    phone.come_online()
    phone.page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    expect(phone.page.locator("#update")).to_be_visible()

    # The open inspection goes on with the version it started with: KL-07 is not asked.
    phone.answer("KL-02", "Đạt")
    expect(phone.item("KL-03")).to_contain_text("Số cán bộ vắng không lý do")
    expect(phone.item("KL-07")).to_have_count(0)
    assert phone.page.evaluate("window.stillTheSamePage") is True

    # Offline again, the inspector reloads into the new version: every answer and photo is there.
    phone.offline()
    phone.page.locator("#update").get_by_role("button", name="Tải lại").click()
    phone.page.wait_for_function("() => window.stillTheSamePage === undefined")
    phone.wait_ready()
    expect(phone.page.locator("h1")).to_contain_text("Giờ giấc và thẻ công chức")
    expect(phone.item("KL-01").locator("figure.thumb")).to_have_count(1)
    for item_id, label in (("KL-01", "Không đạt"), ("KL-02", "Đạt")):
        expect(phone.item(item_id).get_by_role("button", name=label, exact=True)).to_have_attribute(
            "aria-pressed", "true")
    phone.fill("KL-03", "1")  # answered on the old version, under the new app
    expect(phone.item("KL-07")).to_have_count(0)

    phone.come_online()
    phone.page.goto("/app#/")
    expect(phone.badge(uuid)).to_have_text("đã đồng bộ")

    # A new inspection started now uses the new version.
    fresh = phone.start_inspection("Xã Tân Lập", None, checklists=["Kỷ luật, kỷ cương"])
    phone.open_section(fresh, "Giờ giấc và thẻ công chức")
    expect(phone.item("KL-07")).to_be_visible()
    expect(phone.item("KL-03")).to_contain_text("Số cán bộ vắng mặt không có lý do chính đáng")

    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        answers = {(r.item_id, r.checklist_version_id): r.value for r in db.session.scalars(
            select(Response).where(Response.inspection_id == inspection.id))}
        assert answers == {("KL-01", world.version_id): "no", ("KL-02", world.version_id): "no",
                           ("KL-03", world.version_id): 1}
        assert [p.item_id for p in db.session.scalars(
            select(Photo).where(Photo.inspection_id == inspection.id))] == ["KL-01"]
        assert new_version != world.version_id
