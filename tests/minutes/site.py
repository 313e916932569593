"""An inspection carried out through the sync API, ready for its minutes: a province office
with a team and a round, a checklist of every answer type, and the ops and draft a device sends.

Test modules import `site_fixture` and `worked_fixture` from here (tests/minutes/conftest.py is the PDF tests').
"""
import hashlib
import io
import itertools
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import select

from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Inspection
from inspect_app.minutes.canonical import minutes_hash
from inspect_app.minutes.record import build_record
from inspect_app.org import roles
from inspect_app.org.models import TeamMember

NFD = "NFD"
SEEDS = itertools.count(1)
DEFINITION = {
    "slug": "ky-luat-ky-cuong",
    "title": "Kỷ luật, kỷ cương hành chính",
    "legal_sources": {
        "CT26": {"title": "Chỉ thị 26/CT-TTg ngày 05/09/2016", "kind": "directive",
                 "in_force_from": "2016-09-05", "verified": True},
        "ND118": {"title": "Nghị định 118/2025/NĐ-CP", "short": "Nghị định số 118/2025/NĐ-CP",
                  "kind": "decree", "in_force_from": "2025-07-01", "amended_by": ["ND367"],
                  "verified": True},
        "ND367": {"title": "Nghị định 367/2025/NĐ-CP", "short": "Nghị định số 367/2025/NĐ-CP",
                  "kind": "decree", "in_force_from": "2025-12-31", "verified": True}},
    "deadline_days": {"minor": 30, "major": 15, "critical": 7},
    "sections": [
        {"id": "gio-lam-viec", "title": "Giờ làm việc", "items": [
            {"id": "KL-01", "text": "Cán bộ đeo thẻ công chức", "type": "yes_no",
             "severity": "minor", "basis": {"source": "CT26"}},
            {"id": "KL-02", "text": "Có cán bộ uống rượu bia trong giờ làm việc",
             "type": "yes_no", "compliant": "no", "severity": "critical",
             "basis": {"source": "CT26", "article": "Mục 2"}},
            {"id": "KL-03", "text": "Số cán bộ vắng không lý do", "type": "count",
             "fail_if": "> 0", "severity": "major",
             "basis": {"source": "CT26", "article": "Mục 3"}},
        ]},
        {"id": "mot-cua", "title": "Một cửa", "items": [
            {"id": "KL-04", "text": "Tỷ lệ hồ sơ trực tuyến (%)", "type": "number",
             "fail_if": "< 50", "severity": "minor",
             "basis": {"source": "ND118", "article": "Điều 10 khoản 3"}},
            {"id": "KL-05", "text": "Bảng niêm yết thủ tục", "type": "choice", "choices": [
                {"key": "full", "label": "Đầy đủ", "fails": False},
                {"key": "outdated", "label": "Chưa cập nhật", "fails": True}],
             "severity": "major", "basis": {"practice": "Kế hoạch kiểm tra của Sở Nội vụ"}},
            {"id": "KL-06", "text": "Ghi nhận khác", "type": "text", "severity": "minor",
             "basis": {"source": "KHAC", "article": "Điều 1"}},
            {"id": "KL-07", "text": "Mục không trả lời", "type": "yes_no"},
        ]},
    ],
}
# A second checklist whose slug sorts first, so the record's order is by slug, not by id.
SMALL = {"slug": "chu-trong", "title": "Bảng kiểm nhỏ", "legal_sources": {},
         "sections": [{"id": "A", "title": "Phần A", "items": [
             {"id": "CT-01", "text": "Có sổ theo dõi", "type": "yes_no", "severity": "minor"}]}]}


def new_id() -> str:
    return str(uuid.uuid4())


def nfd(text: str) -> str:
    return unicodedata.normalize(NFD, text)


def png(seed: int) -> bytes:
    """A drawn signature as the device uploads it (a PNG)."""
    im = Image.new("RGBA", (240, 100), (0, 0, 0, 0))
    for x in range(10, 230):
        im.putpixel((x, 50 + (x * seed) % 30), (10, 20, 90, 255))
    im.putpixel((0, 0), (seed % 256, seed // 256 % 256, seed // 65536 % 256, 255))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def jpeg(seed: int) -> bytes:
    buf = io.BytesIO()
    im = Image.new("RGB", (128, 48), (150, 90, 30))
    for bit in range(16):  # the seed's bits as black and white blocks: survives JPEG
        im.paste((255, 255, 255) if seed >> bit & 1 else (0, 0, 0), (bit * 8, 0, bit * 8 + 8, 8))
    im.save(buf, "JPEG")
    return buf.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sign_in(client, user) -> None:
    with client.session_transaction() as s:
        s["uid"] = user.id
        s["tv"] = user.token_version


def op(op_type: str, inspection: str | None, op_id: str | None = None, **data) -> dict:
    return {"op_id": op_id or new_id(), "type": op_type, "inspection": inspection,
            "at": "2026-11-22T02:00:00.250Z", "data": data}


def push(client, *ops) -> list[dict]:
    resp = client.post("/api/sync/push", json={"device_id": "d-test", "ops": list(ops)})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()["results"]


def statuses(results: list[dict]) -> list[str]:
    return [r["status"] for r in results]


def upload(client, data: bytes, content_type: str) -> None:
    resp = client.put(f"/api/photos/{sha(data)}", data=data, content_type=content_type)
    assert resp.status_code in (200, 201), resp.get_data(as_text=True)


def pull(client, cursor: str | None = None) -> dict:
    resp = client.get("/api/sync/pull", query_string={"cursor": cursor} if cursor else {})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()


@dataclass
class Site:
    province: object
    office: object
    unit: object
    lead: object
    inspector: object
    admin: object
    team: object
    round: object
    versions: list
    secretary: object = None
    # New bytes in every test: storage outlives a test, and stored images would issue at once.
    photos: list[bytes] = field(default_factory=lambda: [jpeg(next(SEEDS)) for _ in range(3)])
    signatures: list[bytes] = field(default_factory=lambda: [png(next(SEEDS)) for _ in range(2)])

    @property
    def version(self):
        return self.versions[0]

    def create(self, key: str) -> dict:
        return op("inspection.create", key, unit_id=self.unit.id, round_id=self.round.id,
                  team_id=self.team.id, kind="planned", started_at="2026-11-22T01:15:42.780Z",
                  checklist_version_ids=[v.id for v in self.versions],
                  location="Trụ sở UBND xã Tân Lập",
                  members=[{"user_id": self.inspector.id, "full_name": "Lê Thị Thu Hà",
                            "position": "Chuyên viên", "team_role": "member"},
                           {"user_id": self.secretary.id, "full_name": "Phạm Văn Thư",
                            "position": "Chuyên viên", "team_role": "secretary"},
                           {"user_id": self.lead.id, "full_name": nfd("Trần Văn Khải"),
                            "position": "Phó Giám đốc Sở", "team_role": "lead"}])

    def answer(self, key: str, item_id: str, value, note=None, version=None) -> dict:
        return op("response.set", key, checklist_version_id=(version or self.version).id,
                  item_id=item_id, value=value, note=note,
                  answered_at="2026-11-22T02:10:00.500Z")

    def work(self, key: str) -> list[dict]:
        """Answers, attendance and photos as a device records them (with NFD and CRLF)."""
        small = self.versions[1]
        return [
            self.create(key),
            self.answer(key, "KL-01", "yes"),
            self.answer(key, "KL-02", "yes", note="Một cán bộ\r\ncó mùi rượu "),
            self.answer(key, "KL-03", 2, note=nfd("Hai công chức vắng")),
            self.answer(key, "KL-04", 47.5),
            self.answer(key, "KL-05", "outdated"),
            self.answer(key, "KL-06", nfd("  Bàn tiếp dân sạch sẽ  ")),
            self.answer(key, "CT-01", "na", version=small),
            op("attendance.set", key, uuid=new_id(), staff_member_id=None,
               full_name=nfd("Nguyễn Văn Ân"), position="Công chức", status="present", note=""),
            op("attendance.set", key, uuid=new_id(), staff_member_id=None,
               full_name="Nguyễn Văn An", position="Phó Chủ tịch UBND",
               status="absent_unexcused", note="Không báo\r\n"),
            op("attendance.set", key, uuid=new_id(), staff_member_id=None,
               full_name="Đỗ Thị Bình", position=None, status="late", note=None),
            op("photo.add", key, uuid=new_id(), sha256=sha(self.photos[0]),
               checklist_version_id=self.version.id, item_id="KL-03",
               captured_at="2026-11-22T02:20:13.999Z", caption=nfd("Sổ chấm công ")),
            op("photo.add", key, uuid=new_id(), sha256=sha(self.photos[1]),
               checklist_version_id=None, item_id=None, captured_at="2026-11-22T02:05:00Z",
               caption=None),
            op("photo.add", key, uuid=new_id(), sha256=sha(self.photos[2]),
               checklist_version_id=self.version.id, item_id="KL-05",
               captured_at="2026-11-22T02:05:00.100Z", caption=""),
        ]

    def draft(self) -> dict:
        return {
            "representatives": [{"full_name": nfd("Nguyễn Văn Ân"),
                                 "position": "Chủ tịch UBND xã"}],
            "assessment": {"strengths": "Đơn vị chấp hành tốt giờ giấc.\r\n",
                           "shortcomings": "Hai công chức vắng không lý do.", "causes": ""},
            "remediation": [
                {"uuid": new_id(), "checklist": "ky-luat-ky-cuong", "item": "KL-03",
                 "action": "Chấn chỉnh việc chấp hành giờ làm việc",
                 "basis": "Chỉ thị 26/CT-TTg ngày 05/09/2016, Mục 3",
                 "responsible": "Chủ tịch UBND xã", "deadline": "2026-12-07"},
                {"uuid": new_id(), "checklist": None, "item": None,
                 "action": "Rà soát bảng phân công nhiệm vụ", "basis": None,
                 "responsible": None, "deadline": "2026-12-22"}],
            "unit_opinion": "Đơn vị thống nhất với nội dung biên bản.",
            "ended_at": "2026-11-22T04:40:30.123Z",
        }

    def signatures_data(self, refused: bool = False, lead: bool = True) -> list[dict]:
        out = []
        if lead:
            out.append({"uuid": new_id(), "role": "lead", "full_name": "Trần Văn Khải",
                        "title": "Trưởng đoàn", "image_sha256": sha(self.signatures[0]),
                        "refused": False, "refusal_reason": None,
                        "signed_at": "2026-11-22T04:41:00.100Z"})
        out.append({"uuid": new_id(), "role": "unit_rep", "full_name": "Nguyễn Văn Ân",
                    "title": "Chủ tịch UBND xã",
                    "image_sha256": None if refused else sha(self.signatures[1]),
                    "refused": refused,
                    "refusal_reason": "Không đồng ý kết luận câu KL-02" if refused else None,
                    "signed_at": "2026-11-22T04:42:00Z"})
        return out

    def sign(self, key: str, draft: dict | None = None, *, minutes: str | None = None,
             amends: str | None = None, reason: str | None = None, content_hash=None,
             record: dict | None = None, op_id: str | None = None, **sig_options) -> dict:
        """The `minutes.sign` op, hashed as the server's record hashes unless told otherwise."""
        draft = draft if draft is not None else self.draft()
        minutes = minutes or new_id()
        if content_hash is None:
            db.session.expire_all()  # the pushes ran in the client's own session
            inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == key))
            content_hash = minutes_hash(record or build_record(inspection, draft, minutes,
                                                               amends, reason))
        data = {"minutes": minutes, "amends": amends, "amendment_reason": reason,
                "draft": draft, "content_hash": content_hash,
                "signatures": self.signatures_data(**sig_options)}
        if record is not None:
            data["record"] = record
        return op("minutes.sign", key, op_id=op_id, **data)

    def upload_all(self, client) -> None:
        for data in self.photos:
            upload(client, data, "image/jpeg")
        for data in self.signatures:
            upload(client, data, "image/png")


@pytest.fixture(name="site")
def site_fixture(app, make_unit, make_user, make_team):
    province = make_unit("UBND tỉnh Minh Sơn", kind="province")
    office = make_unit("Sở Nội vụ", kind="office", parent=province)
    unit = make_unit("UBND xã Tân Lập", parent=province)
    lead = make_user(roles.LEAD, full_name="Trần Văn Khải")
    inspector = make_user(roles.INSPECTOR, full_name="Lê Thị Thu Hà")
    admin = make_user(roles.ADMIN, full_name="Quản Trị Viên")
    team = make_team("Đoàn kiểm tra số 1", lead=lead, members=[inspector], office_unit_id=office.id,
                     decision_ref="Quyết định số 45/QĐ-SNV ngày 01/08/2026 của Giám đốc Sở Nội vụ")
    team.members.append(TeamMember(user=admin, team_role="member"))
    secretary = make_user(roles.INSPECTOR, full_name="Phạm Văn Thư")
    team.members.append(TeamMember(user=secretary, team_role="secretary"))
    versions = []
    for definition in (DEFINITION, SMALL):
        checklist = Checklist(slug=definition["slug"], title=definition["title"])
        version = ChecklistVersion(version=1, content_hash=sha(definition["slug"].encode()),
                                   definition=definition)
        checklist.versions.append(version)
        db.session.add(checklist)
        versions.append(version)
    rnd = Round(name="Đợt kiểm tra tháng 11", kind="planned", status="active", team=team,
                period_start=date(2026, 11, 1), period_end=date(2026, 11, 30), units=[unit],
                plan_ref="Kế hoạch số 12/KH-SNV ngày 15/10/2026",
                checklists=[v.checklist for v in versions])
    db.session.add(rnd)
    db.session.commit()
    return Site(province, office, unit, lead, inspector, admin, team, rnd, versions,
                secretary=secretary)


@pytest.fixture(name="worked")
def worked_fixture(client, site):
    """An inspection with its work pushed by the lead, who stays signed in; returns its uuid."""
    key = new_id()
    sign_in(client, site.lead)
    assert set(statuses(push(client, *site.work(key)))) == {"applied"}
    return key
