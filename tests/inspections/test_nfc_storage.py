"""Text is stored in NFC (issue 14): decomposed Vietnamese sent through a web form, a sync op and
a checklist import comes back composed from the database, the CSV/XLSX export and the API."""
import csv
import io
import json
import unicodedata

from openpyxl import load_workbook
from sqlalchemy import text

from inspect_app.extensions import db
from inspect_app.org import roles

from .conftest import answer_op, new_id, op, push, sign_in, statuses

NFD = lambda s: unicodedata.normalize("NFD", s)
UNIT = "Xã Tiền Phong"
PERSON = "Nguyễn Thị Hường"
NOTE = "Hồ sơ của bà Phượng trễ hạn"
ANSWER = "Bảng niêm yết đặt ở hành lang"


def composed(value) -> bool:
    return unicodedata.is_normalized("NFC", value)


def _stored(sql: str, **params):
    # Read back with a plain query: what the database holds, untouched by any model.
    return db.session.execute(text(sql), params).scalar_one()


def test_decomposed_text_is_stored_exported_and_served_composed(client, field, inspection,
                                                                make_user):
    assert not composed(NFD(UNIT)) and NFD(UNIT) != UNIT
    admin = make_user(roles.ADMIN)
    sign_in(client, admin)
    form = client.get(f"/admin/units/{field.unit.id}/edit")
    assert form.status_code == 200
    resp = client.post(f"/admin/units/{field.unit.id}/edit",
                       data={"name": NFD(UNIT), "kind": "commune", "parent_id": 0,
                             "merged_into_id": 0})
    assert resp.status_code in (200, 302), resp.get_data(as_text=True)[:500]
    assert _stored("SELECT name FROM org_units WHERE id = :i", i=field.unit.id) == UNIT

    sign_in(client, field.inspector)
    row = new_id()
    assert statuses(push(
        client,
        op("attendance.set", inspection, uuid=row, staff_member_id=None, full_name=NFD(PERSON),
           position=NFD("Công chức Văn phòng"), status="absent_unexcused", note=NFD("Không báo")),
        answer_op(field, inspection, "T-03", 2, note=NFD(NOTE)),
        answer_op(field, inspection, "T-05", NFD(ANSWER)),
    )) == ["applied"] * 3
    assert _stored("SELECT full_name FROM attendance WHERE uuid = :u", u=row) == PERSON
    assert _stored("SELECT note FROM attendance WHERE uuid = :u", u=row) == "Không báo"
    assert _stored("SELECT note FROM responses WHERE item_id = 'T-03'") == NOTE
    stored_json = _stored("SELECT CAST(value AS TEXT) FROM responses WHERE item_id = 'T-05'")
    assert json.loads(stored_json) == ANSWER
    description = _stored("SELECT description FROM findings WHERE item_id = 'T-03'")
    assert NOTE in description and composed(description)

    pulled = client.get("/api/sync/pull").get_json()
    served = next(i for i in pulled["inspections"] if i["uuid"] == inspection)
    assert [a["full_name"] for a in served["attendance"]] == [PERSON]
    assert {r["item_id"]: r["value"] for r in served["responses"]}["T-05"] == ANSWER
    assert UNIT in [u["name"] for u in pulled["units"]]

    sign_in(client, admin)
    data = client.get("/exports/findings.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[1][1] == UNIT and NOTE in rows[1][7] and all(composed(c) for c in rows[1])
    sheet = load_workbook(io.BytesIO(client.get("/exports/findings.xlsx").data)).active
    values = list(sheet.iter_rows(values_only=True))[1]
    assert values[1] == UNIT and NOTE in values[7]


def test_an_imported_checklist_is_stored_composed(app, tmp_path):
    source = tmp_path / "nfd.yaml"
    source.write_text(NFD("""slug: nfd-thu
title: Kiểm tra việc niêm yết
legal_sources:
  ND63: {title: Nghị định 63/2010/NĐ-CP, short: Nghị định số 63/2010/NĐ-CP, kind: decree,
         in_force_from: 2010-10-14, verified: true}
sections:
  - id: a
    title: Niêm yết thủ tục
    items:
      - {id: N-01, text: Có bảng niêm yết đúng quy định, type: yes_no, severity: minor,
         basis: {source: ND63, article: Điều 13},
         finding: Chưa có bảng niêm yết, remedy: Lập bảng niêm yết}
"""), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["checklists", "import", str(source)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert _stored("SELECT title FROM checklists WHERE slug = 'nfd-thu'") == \
            "Kiểm tra việc niêm yết"
        definition = json.loads(_stored("SELECT CAST(definition AS TEXT) FROM checklist_versions"))
        assert definition["sections"][0]["items"][0]["text"] == "Có bảng niêm yết đúng quy định"
