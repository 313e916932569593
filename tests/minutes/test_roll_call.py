"""The roll-call and the discipline items agree (issue 14): the record states the roll-call's
figures, people met on site apart, and minutes whose answers contradict it are not signed."""
import copy

from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.minutes import files
from inspect_app.minutes.models import Minutes
from inspect_app.storage import storage

from .conftest import pdftotext
from .site import (  # noqa: F401  (fixtures)
    DEFINITION,
    new_id,
    op,
    push,
    sign_in,
    site_fixture,
    statuses,
)

# The site's checklist with KL-03 ("Số cán bộ vắng không lý do") counted from the roll-call.
COUNTED = copy.deepcopy(DEFINITION)
COUNTED["sections"][0]["items"][2]["roll_call"] = "absent_unexcused"


def _roll_call(site, key, make_staff) -> list[dict]:
    on_list = [make_staff(site.unit, full_name=n) for n in ("Hoàng Thị Dung", "Vũ Văn Giang",
                                                             "Lê Văn Hùng")]
    return [op("attendance.set", key, uuid=new_id(), staff_member_id=person.id,
               full_name=person.full_name, position="Công chức", status=status, note=None)
            for person, status in zip(on_list, ("absent_unexcused", "present", "late"),
                                      strict=True)]


def test_answers_that_contradict_the_roll_call_are_not_signed(client, site, make_staff):
    site.version.definition = COUNTED
    db.session.commit()
    key = new_id()
    sign_in(client, site.lead)
    # The site's work: KL-03 answered 2, and three people met on site (not on the list).
    assert set(statuses(push(client, *site.work(key), *_roll_call(site, key, make_staff)))) == {
        "applied"}
    [result] = push(client, site.sign(key))
    assert result["status"] == "refused"
    assert "mâu thuẫn với điểm danh" in result["reason"]
    assert "KL-03: điểm danh có 1 người vắng không phép, mục ghi 2 người" in result["reason"]
    assert db.session.scalar(select(Minutes)) is None

    # Answered again, later than the first answer (the later answer wins).
    assert statuses(push(client, op("response.set", key, checklist_version_id=site.version.id,
                                    item_id="KL-03", value=1, note=None,
                                    answered_at="2026-11-22T02:30:00Z"))) == ["applied"]
    site.upload_all(client)
    [result] = push(client, site.sign(key))
    assert result["status"] == "applied", result
    db.session.expire_all()
    minutes = db.session.scalar(select(Minutes))
    assert minutes.record["roll_call"] == {"expected": 3, "present": 2, "late": 1,
                                           "absent_excused": 0, "absent_unexcused": 1,
                                           "met_on_site": 3}
    met = sorted(r["full_name"] for r in minutes.record["attendance"] if r.get("met_on_site"))
    assert met == ["Nguyễn Văn An", "Nguyễn Văn Ân", "Đỗ Thị Bình"]
    assert minutes.status == "issued"
    text = " ".join(pdftotext(storage().get(files.pdf_key(minutes.pdf_sha256))).split())
    assert ("Có mặt 2/3 người theo danh sách (1 người đi muộn), vắng không phép 1; ngoài ra làm "
            "việc với 3 người ngoài danh sách:") in text
    assert "Hoàng Thị Dung" in text


def test_a_checklist_without_roll_call_items_signs_whatever_the_roll_call(client, site,
                                                                          make_staff):
    key = new_id()
    sign_in(client, site.lead)
    assert set(statuses(push(client, *site.work(key), *_roll_call(site, key, make_staff)))) == {
        "applied"}
    assert statuses(push(client, site.sign(key))) == ["applied"]
