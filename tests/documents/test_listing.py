"""The office's list of documents: filtered by kind, unit, round (or none) and date, a page at a
time, the same rows as a spreadsheet; each reader sees only what they may open."""
import csv
import io
from datetime import date, datetime, timedelta

from openpyxl import load_workbook

from inspect_app.documents.models import OfficeDocument
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.org import roles

from ..inspections.conftest import sign_in

ON = date(2026, 11, 2)


def _doc(n, kind, *, round=None, unit=None, on=ON):
    """A row of the register as issuing leaves it (the list never opens the PDF)."""
    doc = OfficeDocument(public_id=f"ds{n:05d}", kind=kind, chain_key=f"{kind}:test:{n}",
                         number=f"{n:02d}/{'TB' if kind == 'notice' else 'KH'}-SNV",
                         round=round, unit=unit, issued_on=on,
                         issued_at=datetime.combine(on, datetime.min.time()) + timedelta(hours=2),
                         record={"subject": f"Văn bản thử {n}"}, pdf_sha256=f"{n:064d}")
    db.session.add(doc)
    return doc


def _numbers(client, query=""):
    html = client.get("/office/documents" + query).get_data(as_text=True)
    return [line.split('data-document="')[1][:7] for line in html.split("\n")
            if 'data-document="' in line]


def test_the_list_filters_by_kind_unit_round_and_date(app, client, make_unit, make_user):
    tan_lap, minh_khai = make_unit(name="Xã Tân Lập"), make_unit(name="Phường Minh Khai")
    rnd = Round(name="Kiểm tra đột xuất quý IV/2026", kind="surprise", units=[tan_lap],
                period_start=ON, period_end=ON)
    db.session.add(rnd)
    _doc(1, "plan", round=rnd)
    _doc(2, "notice", round=rnd, unit=tan_lap, on=date(2026, 11, 20))
    _doc(3, "notice", unit=minh_khai, on=date(2026, 11, 25))  # a visit outside any round
    db.session.commit()
    sign_in(client, make_user(roles.ADMIN))
    assert _numbers(client) == ["ds00003", "ds00002", "ds00001"]
    assert _numbers(client, "?kind=notice") == ["ds00003", "ds00002"]
    # A unit's documents: its notices, and the documents of rounds that include it.
    assert _numbers(client, f"?unit={tan_lap.id}") == ["ds00002", "ds00001"]
    assert _numbers(client, "?round=none") == ["ds00003"]
    assert _numbers(client, f"?round={rnd.id}") == ["ds00002", "ds00001"]
    assert _numbers(client, "?date_from=2026-11-20&date_to=2026-11-24") == ["ds00002"]
    html = client.get("/office/documents?date_from=2026-11-25&date_to=2026-11-01").get_data(
        as_text=True)
    assert "“Đến ngày” phải sau hoặc trùng “Từ ngày”." in html


def test_the_list_pages_by_fifty_and_exports_every_page(app, client, make_user):
    for n in range(1, 53):
        _doc(n, "notice", on=ON + timedelta(days=n % 20))
    db.session.commit()
    sign_in(client, make_user(roles.VIEWER))
    first, second = _numbers(client), _numbers(client, "?page=2")
    assert len(first) == 50 and len(second) == 2 and not set(first) & set(second)
    assert "52 văn bản, trang 1/2." in client.get("/office/documents").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(
        client.get("/office/documents.csv").get_data().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Số", "Ngày ban hành", "Loại văn bản"] and len(rows) == 53
    assert rows[1][2] == "Thông báo kết luận kiểm tra" and "/verify/" in rows[1][6]
    book = load_workbook(io.BytesIO(client.get("/office/documents.xlsx?kind=plan").get_data()))
    assert book.active.max_row == 1  # the header: no plan was issued
    assert client.get("/office/documents.pdf").status_code == 404


def test_a_lead_lists_only_their_teams_documents_and_a_unit_head_not_at_all(
        app, client, make_unit, make_user, make_team):
    lead = make_user(roles.LEAD)
    ours = Round(name="Đợt của đoàn", kind="planned", team=make_team(lead=lead),
                 period_start=ON, period_end=ON)
    theirs = Round(name="Đợt khác", kind="planned", period_start=ON, period_end=ON)
    db.session.add_all([ours, theirs])
    _doc(1, "plan", round=ours)
    _doc(2, "plan", round=theirs)
    db.session.commit()
    sign_in(client, lead)
    assert _numbers(client) == ["ds00001"]
    assert len(list(csv.reader(io.StringIO(
        client.get("/office/documents.csv").get_data().decode("utf-8-sig"))))) == 2
    sign_in(client, make_user(roles.UNIT_HEAD, unit=make_unit(name="Xã Tân Lập")))
    assert client.get("/office/documents").status_code == 403
