"""Offline cold start of the app: from opening /app with no network to an interactive inspection
list, in headless Chromium (Debian's, /usr/bin/chromium).

    .venv/bin/python bench/bench_coldstart.py              # 7 runs, 20 inspections on the phone
    .venv/bin/python bench/bench_coldstart.py --runs 15 --inspections 50

A server on 127.0.0.1 (werkzeug, in a thread; SQLite in a temporary folder) holds a team, three
checklists of 40 items and N open inspections with answers. One browser profile signs in online,
pulls everything into IndexedDB and installs the service worker; then, for each run, the browser
is started again on that profile (a new process: nothing in memory), the network is cut, and /app
is opened. Printed per run and as the median:

- page: navigation start → the list drawn from IndexedDB with its handlers in place
  (`performance.mark('app-interactive')`, set by static/js/app.js), as the page measures it;
- wall: `page.goto()` called → that mark seen by the driver (includes the service worker waking).

Target: <= 1 s. The browser's own start is not counted (the phone's home screen does that).
"""
import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid as uuid_lib
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "bench-mat-khau"
TARGET_MS = 1000


def _definition(n: int) -> dict:
    return {"slug": f"bang-kiem-{n}", "title": f"Bảng kiểm số {n}", "sections": [
        {"id": s, "title": f"Phần {s}", "items": [
            {"id": f"{n}{s}-{i:02d}", "text": f"Nội dung kiểm tra {s}{i} của bảng kiểm {n}",
             "type": "yes_no" if i % 4 else "count", **({} if i % 4 else {"fail_if": "> 0"})}
            for i in range(1, 11)]}
        for s in "ABCD"]}


def seed(app, inspections: int) -> None:
    from inspect_app.checklists.models import Checklist, ChecklistVersion
    from inspect_app.extensions import db
    from inspect_app.followup.models import Round
    from inspect_app.inspections.models import Inspection, InspectionChecklist, Response
    from inspect_app.org import passwords, roles
    from inspect_app.org.models import OrgUnit, StaffMember, Team, TeamMember, User

    with app.app_context():
        db.create_all()
        units = [OrgUnit(name=f"Xã Thử Nghiệm {i}", kind="commune", code=f"B-{i}")
                 for i in range(100)]
        db.session.add_all(units)
        db.session.add_all(StaffMember(unit=u, full_name=f"Cán bộ {i}", position="Công chức")
                           for u in units[:30] for i in range(8))
        user = User(username="inspector", full_name="Người kiểm tra", role=roles.INSPECTOR,
                    password_hash=passwords.hash_password(PASSWORD))
        team = Team(name="Đoàn kiểm tra", members=[TeamMember(user=user, team_role="member")])
        versions = []
        for n in range(1, 4):
            checklist = Checklist(slug=f"bang-kiem-{n}", title=f"Bảng kiểm số {n}")
            checklist.versions.append(ChecklistVersion(version=1, content_hash=f"{n:064d}",
                                                       definition=_definition(n)))
            versions.append(checklist.versions[0])
            db.session.add(checklist)
        rnd = Round(name="Đợt kiểm tra", kind="planned", status="active", team=team,
                    period_start=date(2026, 1, 1), period_end=date(2030, 12, 31), units=units[:30],
                    checklists=[v.checklist for v in versions])
        db.session.add_all([user, team, rnd])
        start = datetime(2026, 11, 2, 1)
        for k in range(inspections):
            inspection = Inspection(uuid=str(uuid_lib.uuid4()), unit=units[k % 30], team=team,
                                    round=rnd, kind="planned", status="in_progress",
                                    started_at=start + timedelta(hours=k))
            for v in versions:
                inspection.checklist_versions.append(InspectionChecklist(checklist_version=v))
                for section in v.definition["sections"][:2]:
                    for item in section["items"]:
                        inspection.responses.append(Response(
                            checklist_version=v, item_id=item["id"],
                            value=0 if item.get("type") == "count" else "yes",
                            answered_at=start + timedelta(hours=k, minutes=5)))
            db.session.add(inspection)
        db.session.commit()


def serve(app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--inspections", type=int, default=20)
    args = parser.parse_args()

    import logging

    from playwright.sync_api import sync_playwright

    from inspect_app import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/b.db",
                          "STORAGE_DIR": f"{tmp}/storage"})
        seed(app, args.inspections)
        server, base = serve(app)
        profile = f"{tmp}/profile"
        options = {"executable_path": CHROMIUM, "headless": True, "base_url": base,
                   "viewport": {"width": 360, "height": 740}}
        with sync_playwright() as p:
            # Online once: sign in, pull, install the service worker.
            context = p.chromium.launch_persistent_context(profile, **options)
            page = context.pages[0] if context.pages else context.new_page()
            page.goto("/login?next=/app")
            page.fill("input[name=username]", "inspector")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_function("document.getElementById('sync-status').dataset.done",
                                   timeout=60_000)
            page.wait_for_function("navigator.serviceWorker.controller !== null")
            shown = page.locator("a.inspection-card").count()
            context.close()
            print(f"server {base}; {shown} inspections on the phone, 3 checklists × 40 items")

            pages, walls = [], []
            for run in range(1, args.runs + 1):
                context = p.chromium.launch_persistent_context(profile, **options)
                context.set_offline(True)
                page = context.pages[0] if context.pages else context.new_page()
                t0 = time.perf_counter()
                response = page.goto("/app", wait_until="commit")
                page.wait_for_function("document.documentElement.dataset.ready === 'true'")
                wall = (time.perf_counter() - t0) * 1000
                mark = page.evaluate("performance.getEntriesByName('app-interactive')[0].startTime")
                cards = page.locator("a.inspection-card").count()
                assert response.from_service_worker and cards == shown, (cards, shown)
                context.close()
                pages.append(mark)
                walls.append(wall)
                print(f"run {run}: page {mark:6.0f} ms   wall {wall:6.0f} ms   "
                      f"({cards} inspections, offline)")
        server.shutdown()

    median = statistics.median(pages)
    print(f"median: page {median:.0f} ms, wall {statistics.median(walls):.0f} ms "
          f"(min {min(pages):.0f}, max {max(pages):.0f}); target <= {TARGET_MS} ms: "
          f"{'OK' if median <= TARGET_MS else 'OVER'}")


if __name__ == "__main__":
    main()
