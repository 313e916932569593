"""Browser tests of the offline app: Chromium (Debian's, headless) driven by Playwright against a
live server. Select them with `-m browser`, leave them out with `-m "not browser"`.

The live server is pytest-flask's, forked once per session from the session's `app` (so it keeps
the config it had then: CSRF on, as in production). Data is seeded through the database before a
test drives the browser, and read back from it afterwards; both processes share the database.
"""
import io
import logging
import shutil
from datetime import date, datetime

import pytest
from PIL import Image

from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Finding, Inspection
from inspect_app.org import roles
from inspect_app.remediation.models import RemediationItem

from ..minutes.conftest import make_minutes  # noqa: F401  (a fixture: issued minutes)
from .device import Device

CHROMIUM = "/usr/bin/chromium"
PHOTO_MAX_BYTES = 1536 * 1024  # the live server's; the default (10 MB) no phone photo reaches

# The normalised shape checklists/loader.py stores in a version's definition.
DEFINITION = {
    "slug": "ky-luat",
    "title": "Kỷ luật, kỷ cương hành chính",
    "description": "",
    "legal_sources": {"CT26": {"title": "Chỉ thị 26/CT-TTg ngày 05/09/2016 của Thủ tướng Chính phủ",
                               "kind": "directive", "in_force_from": "2016-09-05",
                               "verified": True}},
    "deadline_days": {"minor": 30, "major": 15, "critical": 7},
    "sections": [
        {"id": "A", "title": "Giờ giấc và thẻ công chức", "items": [
            {"id": "KL-01", "text": "Cán bộ đeo thẻ công chức khi làm việc", "type": "yes_no",
             "compliant": "yes", "severity": "minor", "weight": 1, "photo_required_on_fail": True,
             "guidance": "Xem tại bộ phận một cửa và các phòng làm việc",
             "basis": {"source": "CT26"}},
            {"id": "KL-02", "text": "Có cán bộ uống rượu bia trong giờ làm việc", "type": "yes_no",
             "compliant": "no", "severity": "critical", "weight": 4,
             "photo_required_on_fail": False,
             "basis": {"source": "CT26"}},
            {"id": "KL-03", "text": "Số cán bộ vắng không lý do", "type": "count", "fail_if": "> 0",
             "unit": "người", "severity": "major", "weight": 2, "photo_required_on_fail": False,
             "basis": {"source": "CT26"}},
        ]},
        {"id": "B", "title": "Niêm yết và một cửa", "items": [
            {"id": "KL-04", "text": "Tỷ lệ hồ sơ nộp trực tuyến (%)", "type": "number",
             "fail_if": "< 50", "severity": "minor", "weight": 1, "photo_required_on_fail": False,
             "basis": {"source": "CT26"}},
            {"id": "KL-05", "text": "Bảng niêm yết thủ tục hành chính", "type": "choice",
             "choices": [
                {"key": "full", "label": "Đầy đủ, cập nhật", "fails": False},
                {"key": "outdated", "label": "Có nhưng chưa cập nhật", "fails": True},
                {"key": "missing", "label": "Không có", "fails": True}],
             "severity": "major", "weight": 2, "photo_required_on_fail": True,
             "basis": {"source": "CT26", "article": "Mục 3"}},
            {"id": "KL-06", "text": "Ghi nhận khác", "type": "text", "severity": "minor",
             "weight": 1,
             "photo_required_on_fail": False, "basis": {"source": "CT26"}},
        ]},
    ],
}


def pytest_configure(config):
    config.addinivalue_line("markers",
                            "browser: drives Chromium against a live server (Playwright)")
    # Chromium cannot resolve pytest-flask's default name, and only 127.0.0.1 is a secure context
    # for service workers without TLS.
    if config.getoption("live_server_host", "localhost") == "localhost":
        config.option.live_server_host = "127.0.0.1"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server(app, request, tmp_path_factory):
    """The live server, forked with CSRF protection on (the app fixture turns it off for clients)
    and serving a copy of static/, which a test may change to publish a new version of the app.
    Its photo limit is PHOTO_MAX_BYTES, as an office may set it, so a phone's photo can exceed it."""
    static_copy = tmp_path_factory.mktemp("shell") / "static"
    shutil.copytree(app.static_folder, static_copy)
    saved = app.static_folder, app.config["WTF_CSRF_ENABLED"], app.config.get("PHOTO_MAX_BYTES")
    app.static_folder, app.config["WTF_CSRF_ENABLED"] = str(static_copy), True
    app.config["PHOTO_MAX_BYTES"] = PHOTO_MAX_BYTES
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request drowns failures
    with app.app_context():
        db.engine.dispose()  # the child must not share the parent's pooled connections
    try:
        live = request.getfixturevalue("live_server")  # forks now, keeping the settings above
    finally:
        app.static_folder, app.config["WTF_CSRF_ENABLED"], app.config["PHOTO_MAX_BYTES"] = saved
        if saved[2] is None:
            del app.config["PHOTO_MAX_BYTES"]
    live.static_dir = static_copy
    return live


@pytest.fixture(scope="session")
def browser(server):
    """Debian's Chromium, headless (never `playwright install`)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make system-test-deps` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


@pytest.fixture
def devices(browser, server, request):
    """Factory: a new phone (browser context) for `username`, talking to the live server (or to
    `base_url`, a proxy in front of it); closed after the test, after printing what each phone
    showed and logged if the test failed. A test whose phones broke the app's
    Content-Security-Policy fails."""
    made = []

    def make(username: str, base_url: str | None = None, **options) -> Device:
        device = Device(browser, base_url or server.url(), username, **options)
        made.append(device)
        return device

    yield make
    refused = [line for device in made for line in device.csp_violations()]
    for device in made:
        if getattr(request.node, "failed_call", False):
            print(device.report())
        device.close()
    if refused and not getattr(request.node, "failed_call", False):
        # The app must work under its Content-Security-Policy: whatever it refused is a bug.
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(refused))


def jpeg(size=(4000, 3000), colour=(150, 40, 30), orientation: int | None = None) -> bytes:
    """A real JPEG as a phone makes it (big, optionally with an EXIF orientation)."""
    im = Image.new("RGB", size, colour)
    # A bright corner, so a test can see which way up the stored photo is.
    im.paste((250, 250, 250), (0, 0, size[0] // 4, size[1] // 4))
    buf = io.BytesIO()
    options = {"quality": 90}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif
    im.save(buf, "JPEG", **options)
    return buf.getvalue()


@pytest.fixture
def demo(app):
    """The demo office (`flask seed-demo`): every page has something to show."""
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


class World:
    """A commune with its roster, a team of three on an active round there, a checklist, and an
    open remediation item from an earlier inspection."""


@pytest.fixture
def world(app, make_unit, make_staff, make_user, make_team):
    w = World()
    with app.app_context():
        w.unit = make_unit("Xã Tân Lập", code="MS-01")
        w.other_unit = make_unit("Phường Minh Khai", kind="ward", code="MS-09")
        w.staff = [make_staff(w.unit, "Nguyễn Văn An", "Phó Chủ tịch UBND"),
                   make_staff(w.unit, "Trần Thị Bình", "Công chức Văn phòng - Thống kê"),
                   make_staff(w.unit, "Lê Văn Cường", "Công chức tiếp nhận hồ sơ")]
        w.inspector = make_user(roles.INSPECTOR, username="kiemtra1", full_name="Lê Thị Thu Hà")
        w.inspector2 = make_user(roles.INSPECTOR, username="kiemtra2", full_name="Vũ Đức Minh")
        w.lead = make_user(roles.LEAD, username="truongdoan", full_name="Trần Văn Khải")
        w.team = make_team("Đoàn kiểm tra số 1", lead=w.lead, members=[w.inspector, w.inspector2])
        checklist = Checklist(slug=DEFINITION["slug"], title=DEFINITION["title"])
        w.version = ChecklistVersion(version=1, content_hash="b" * 64, definition=DEFINITION)
        checklist.versions.append(w.version)
        w.round = Round(name="Đợt kiểm tra tháng 11", kind="planned", status="active", team=w.team,
                        period_start=date(2026, 11, 1), period_end=date(2027, 12, 31),
                        units=[w.unit], checklists=[checklist])
        db.session.add_all([checklist, w.round])
        db.session.commit()
        earlier = Inspection(uuid="5f1d7a52-54a8-4bb1-9d0c-1d2e3f405060", unit=w.unit, team=w.team,
                             kind="planned", status="issued", started_at=datetime(2026, 5, 10, 2))
        finding = Finding(uuid="6a2e8b63-65b9-4cc2-8e1d-2e3f40516171", inspection=earlier,
                          checklist_slug="ky-luat", item_id="KL-05", severity="major",
                          description="Bảng niêm yết chưa cập nhật thủ tục mới")
        w.remediation = RemediationItem(uuid="7b3f9c74-76ca-4dd3-9f2e-3f4051627282",
                                        inspection=earlier, finding=finding, unit=w.unit,
                                        action="Cập nhật bảng niêm yết thủ tục hành chính",
                                        responsible="Văn phòng UBND xã", deadline=date(2026, 6, 30),
                                        state="reported")
        db.session.add_all([earlier, finding, w.remediation])
        db.session.commit()
        for name in ("unit", "other_unit", "inspector", "inspector2", "lead", "team", "version",
                     "round", "remediation"):
            setattr(w, name + "_id", getattr(w, name).id)
        db.session.remove()
    return w
