"""A unit head's list: grouped by the minutes that asked for each item, filtered by state."""
from datetime import date, datetime

from inspect_app.extensions import db
from inspect_app.org import roles

from ..inspections.conftest import sign_in


def _groups(html: str) -> list[str]:
    return [chunk.split("</h3>")[0].split("<span")[0].strip()
            for chunk in html.split('<h3 class="group">')[1:]]


def test_items_are_grouped_by_minutes_newest_first_and_filtered_by_state(
        client, make_unit, make_user, make_inspection, make_minutes, make_item, monkeypatch):
    from inspect_app.remediation import labels

    monkeypatch.setattr(labels, "vietnam_today", lambda now=None: date(2026, 9, 1))
    unit = make_unit("Xã Tân Lập")
    march, august = make_inspection(unit), make_inspection(unit)
    make_minutes(march, "01/BB-ĐKT", datetime(2026, 3, 3, 2, 0))
    make_minutes(august, "07/BB-ĐKT", datetime(2026, 8, 12, 2, 0))
    make_item(unit, march, date(2026, 3, 20), action="Niêm yết lại thủ tục")       # overdue
    make_item(unit, march, date(2026, 3, 20), state="verified", action="Treo Quốc kỳ")
    make_item(unit, august, date(2026, 9, 20), action="Bố trí nơi để xe")         # open
    sign_in(client, make_user(roles.UNIT_HEAD, unit=unit))

    html = client.get("/remediation/").get_data(as_text=True)
    assert _groups(html) == ["Theo biên bản kiểm tra số 07/BB-ĐKT ngày 12/08/2026",
                             "Theo biên bản kiểm tra số 01/BB-ĐKT ngày 03/03/2026"]
    assert "Quá hạn (1)" in html and "Chưa khắc phục (1)" in html and "Đã xác minh (1)" in html

    html = client.get("/remediation/?state=overdue").get_data(as_text=True)
    assert _groups(html) == ["Theo biên bản kiểm tra số 01/BB-ĐKT ngày 03/03/2026"]
    assert "Niêm yết lại thủ tục" in html and "Treo Quốc kỳ" not in html
    assert "Bố trí nơi để xe" not in html

    resp = client.get("/remediation/?state=xyz")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Không có trạng thái này" in html
    assert len(_groups(html)) == 2


def test_a_group_bears_the_minutes_own_date_not_the_day_they_reached_the_server(
        client, make_unit, make_user, make_inspection, make_minutes, make_item):
    unit = make_unit("Xã Tân Lập")
    inspection = make_inspection(unit)
    # Signed on site on 4 August (09:30 in Vietnam), synced and issued months later.
    minutes = make_minutes(inspection, "07/BB-ĐKT", datetime(2026, 12, 6, 2, 0))
    minutes.record = {**minutes.record, "started_at": "2026-08-04T02:30:00Z"}
    db.session.commit()
    make_item(unit, inspection, date(2026, 12, 20), action="Bố trí nơi để xe")
    sign_in(client, make_user(roles.UNIT_HEAD, unit=unit))
    html = client.get("/remediation/").get_data(as_text=True)
    assert _groups(html) == ["Theo biên bản kiểm tra số 07/BB-ĐKT ngày 04/08/2026"]
