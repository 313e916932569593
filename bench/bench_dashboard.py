"""The office's follow-up pages at the country's scale, on PostgreSQL.

Fills a fresh PostgreSQL database with 3,321 commune-level units (the number after the 2025
reform), 10 rounds that each inspect every unit against a 60-item checklist (33,210 inspections,
about 2 million answers), their findings (about 1 in 12 answers fails) and remediation items in
every state; then times the server side of the follow-up pages through the app (Flask test client,
signed in as a viewer, no network): a round's page and a unit's page, p50 and p95.

    .venv/bin/python bench/bench_dashboard.py [--requests 40] [--keep]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); makes the database
`inspect_bench_dashboard` and drops it at the end (unless --keep). Filling takes a few minutes.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DB = "inspect_bench_dashboard"
URL = f"postgresql+psycopg://postgres@127.0.0.1/{DB}"
UNITS, ROUNDS, ITEMS = 3321, 10, 60
TARGET_MS = 300


def definition() -> dict:
    items = [{"id": f"BD-{n:02d}", "text": f"Nội dung kiểm tra số {n}", "type": "yes_no",
              "severity": ("minor", "major", "critical")[n % 3], "weight": 1 + n % 4}
             for n in range(1, ITEMS + 1)]
    return {"slug": "quy-mo", "title": "Bảng kiểm quy mô", "sections": [
        {"id": f"S{s}", "title": f"Phần {s}", "items": items[s * 10:(s + 1) * 10]}
        for s in range(ITEMS // 10)]}


def fill(app) -> dict:
    """Small tables through the ORM, the big ones with COPY; returns ids to request."""
    from flask_migrate import upgrade

    from inspect_app.checklists.models import Checklist, ChecklistVersion
    from inspect_app.extensions import db
    from inspect_app.followup.models import Round, round_units
    from inspect_app.org import roles
    from inspect_app.org.models import OrgUnit, Team, User

    with app.app_context():
        upgrade()
        province = OrgUnit(name="Tỉnh Quy Mô", kind="province")
        viewer = User(username="xem", full_name="Người xem", role=roles.VIEWER, password_hash="x")
        team = Team(name="Đoàn quy mô")
        checklist = Checklist(slug="quy-mo", title="Bảng kiểm quy mô")
        version = ChecklistVersion(checklist=checklist, version=1, content_hash="",
                                   definition=definition())
        db.session.add_all([province, viewer, team, checklist, version])
        db.session.flush()
        db.session.execute(OrgUnit.__table__.insert(), [
            {"parent_id": province.id, "kind": "commune", "name": f"Xã Quy Mô {n:04d}",
             "historical": False, "created_at": datetime(2025, 7, 1),
             "updated_at": datetime(2025, 7, 1)} for n in range(UNITS)])
        unit_ids = list(db.session.scalars(
            db.select(OrgUnit.id).where(OrgUnit.kind == "commune").order_by(OrgUnit.id)))
        rounds = [Round(name=f"Đợt {r + 1}", kind="planned", status="closed", team=team,
                        period_start=date(2022, 1, 1) + timedelta(days=120 * r),
                        period_end=date(2022, 1, 20) + timedelta(days=120 * r))
                  for r in range(ROUNDS)]
        db.session.add_all(rounds)
        db.session.flush()
        db.session.execute(round_units.insert(), [{"round_id": r.id, "unit_id": u}
                                                  for r in rounds for u in unit_ids])
        ids = {"viewer": viewer.id, "tv": viewer.token_version, "team": team.id,
               "version": version.id, "rounds": [r.id for r in rounds], "units": unit_ids,
               "starts": [r.period_start for r in rounds]}
        db.session.commit()
        db.engine.dispose()
    _copy_inspections(ids)
    return ids


def _copy_inspections(ids: dict) -> None:
    import psycopg

    rng = random.Random(2026)
    items = [f"BD-{n:02d}" for n in range(1, ITEMS + 1)]
    states = ["open", "reported", "verified", "verified", "reopened"]
    with psycopg.connect(URL.replace("+psycopg", "")) as conn, conn.cursor() as cur:
        with cur.copy("COPY inspections (uuid, unit_id, round_id, team_id, kind, status, "
                      "started_at, created_at, updated_at) FROM STDIN") as copy:
            for r, round_id in enumerate(ids["rounds"]):
                for n, unit_id in enumerate(ids["units"]):
                    at = datetime.combine(ids["starts"][r], datetime.min.time()) + timedelta(
                        minutes=n % 1440)
                    copy.write_row((str(uuid.uuid4()), unit_id, round_id, ids["team"],
                                    "planned", "issued", at, at, at))
        cur.execute("SELECT id, unit_id, started_at FROM inspections")
        inspections = cur.fetchall()
        failed = []
        with cur.copy("COPY responses (inspection_id, checklist_version_id, item_id, value, "
                      "answered_at) FROM STDIN") as copy:
            for inspection_id, unit_id, at in inspections:
                for item in items:
                    bad = rng.random() < 0.08
                    copy.write_row((inspection_id, ids["version"], item,
                                    json.dumps("no" if bad else "yes"), at))
                    if bad:
                        failed.append((inspection_id, unit_id, item, at))
        with cur.copy("COPY findings (uuid, inspection_id, checklist_version_id, checklist_slug, "
                      "item_id, severity, description, created_at) FROM STDIN") as copy:
            for inspection_id, _, item, at in failed:
                copy.write_row((str(uuid.uuid4()), inspection_id, ids["version"], "quy-mo",
                                item, "major", f"Chưa đạt: {item}", at))
        cur.execute("SELECT f.id, f.inspection_id, i.unit_id, i.started_at FROM findings f "
                    "JOIN inspections i ON i.id = f.inspection_id")
        findings_rows = cur.fetchall()
        with cur.copy("COPY remediation_items (uuid, finding_id, inspection_id, unit_id, action, "
                      "deadline, state, created_at, updated_at) FROM STDIN") as copy:
            for finding_id, inspection_id, unit_id, at in findings_rows:
                copy.write_row((str(uuid.uuid4()), finding_id, inspection_id, unit_id,
                                "Khắc phục", (at + timedelta(days=15)).date(),
                                rng.choice(states), at, at))
        cur.execute("ANALYZE")
        cur.execute("SELECT (SELECT count(*) FROM responses), (SELECT count(*) FROM findings)")
        answers, findings = cur.fetchone()
    print(f"filled: {UNITS} units, {ROUNDS} rounds, {len(inspections)} inspections, "
          f"{answers} answers, {findings} findings")


def timed(client, path: str) -> float:
    start = time.perf_counter()
    resp = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    assert resp.status_code == 200, (path, resp.status_code)
    return elapsed


def report(name: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[18]
    print(f"{name:<28} p50 {statistics.median(times):6.0f} ms   p95 {p95:6.0f} ms   "
          f"({len(times)} requests; target p95 < {TARGET_MS} ms: "
          f"{'OK' if p95 < TARGET_MS else 'OVER'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the filled database")
    args = parser.parse_args()
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
    subprocess.run(psql + [f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], check=True)
    subprocess.run(psql + [f"CREATE DATABASE {DB}"], check=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ.update(DATABASE_URL=URL, STORAGE_DIR=tmp, SECRET_KEY="bench")
            from inspect_app import create_app

            app = create_app()
            start = time.perf_counter()
            ids = fill(app)
            print(f"fill time: {time.perf_counter() - start:.0f} s")
            client = app.test_client()
            with client.session_transaction() as s:
                s["uid"], s["tv"] = ids["viewer"], ids["tv"]
            rng = random.Random(7)
            timed(client, f"/followup/rounds/{ids['rounds'][-1]}")  # warm-up
            rounds = [timed(client, f"/followup/rounds/{rng.choice(ids['rounds'])}"
                                    f"?page={rng.randint(1, 60)}") for _ in range(args.requests)]
            units = [timed(client, f"/followup/units/{rng.choice(ids['units'])}")
                     for _ in range(args.requests)]
            print("server time through the app (Flask test client, PostgreSQL 15, 2 cores):")
            report("round page (50 units a page)", rounds)
            report("unit page (10 rounds)", units)
            with app.app_context():
                from inspect_app.extensions import db
                db.engine.dispose()
    finally:
        if not args.keep:
            subprocess.run(psql + [f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], check=True)


if __name__ == "__main__":
    main()
