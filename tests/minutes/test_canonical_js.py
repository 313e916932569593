"""The canonical form and the record in JavaScript, run in Chromium: the same bytes and hash as
Python for every shared fixture, and for a real inspection as the pull sends it to a device.
(tests/jsrun.py runs them)."""
import json

import pytest
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.minutes.canonical import canonical_text, first_difference, format_time
from inspect_app.minutes.record import build_record

from ..jsrun import evaluate
from .site import new_id, push, site_fixture, statuses, worked_fixture  # noqa: F401
from .test_canonical import FIXTURES, fixtures

pytestmark = pytest.mark.browser
TIMES = ["2026-11-22T01:15:00.123456Z", "2026-11-22T01:15:59.9999", "2026-11-22T08:15:00+07:00",
         "2026-11-22T00:15:00-0130", "2026-11-22T01:15Z", "2026-11-22 01:15:07.5Z"]
IMPORTS = """
  const c = await import('/static/js/minutes/canonical.js');
  const r = await import('/static/js/minutes/record.js');
  const { fromServer } = await import('/static/js/records.js');
"""


def in_page(base_url: str, body: str, arg):
    """Run `body` (of an async function of `arg`) in a fresh page of the app; its result."""
    return evaluate(base_url, (f"async (arg) => {{ {IMPORTS}\n{body} }}", arg))


def test_every_fixture_gives_the_same_bytes_and_hash_in_javascript(served):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in fixtures()}
    got = in_page(served, """
      const out = {};
      for (const [name, text] of Object.entries(arg)) {
        const { record } = JSON.parse(text);  // as the device reads JSON
        const bytes = c.canonicalMinutes(record);
        out[name] = { hex: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
                      hash: await c.minutesHash(record) };
      }
      return out;""", texts)
    assert set(got) == set(texts) and len(got) >= 7
    for name, text in texts.items():
        fixture = json.loads(text)
        assert bytes.fromhex(got[name]["hex"]) == fixture["canonical"].encode("utf-8"), name
        assert got[name]["hash"] == fixture["sha256"], name
    assert FIXTURES.is_dir()


def test_javascript_refuses_what_python_refuses_and_formats_times_alike(served):
    got = in_page(served, """
      const refused = (value) => { try { c.canonicalMinutes({ value }); return false; }
                                   catch (e) { return true; } };
      return {
        refused: [NaN, Infinity, -Infinity, undefined, '\\ud800', new Date()].map(refused),
        times: arg.map(c.formatTime),
        date: c.formatTime(new Date(Date.UTC(2026, 10, 22, 1, 15, 7, 999))),
        order: c.canonicalText({ '\\u{1F600}': 1, '\\uFF21': 2 }),
      };""", TIMES)
    assert got["refused"] == [True] * 6
    assert got["times"] == [format_time(t) for t in TIMES]
    assert got["date"] == "2026-11-22T01:15:07Z"
    assert got["order"] == '{"\uff21":2,"\U0001f600":1}'


RECORD = """
  const pull = JSON.parse(arg.pull);
  const inspection = pull.inspections[0];
  const input = {
    inspection, checklists: pull.checklists, draft: arg.draft, minutes: arg.minutes,
    amends: arg.amends, amendment_reason: arg.reason,
    unit: pull.units.find((u) => u.id === inspection.unit_id),
    team: pull.user.teams.find((t) => t.id === inspection.team_id) || null,
    round: pull.rounds.find((x) => x.id === inspection.round_id) || null,
  };
  const record = r.buildRecord(input);
  // The device keeps the inspection as records.js shapes it (maps by id): same record.
  const kept = r.buildRecord({ ...input, inspection: fromServer(inspection) });
  return { record, text: c.canonicalText(record), hash: await c.minutesHash(record),
           kept: await c.minutesHash(kept) };"""


def _server_record(key, draft, minutes, amends=None, reason=None) -> dict:
    db.session.expire_all()
    inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == key))
    return build_record(inspection, draft, minutes, amends, reason)


def test_pull_fed_to_javascript_builds_the_servers_record(client, served, site, worked):
    draft, minutes = site.draft(), new_id()
    pulled = client.get("/api/sync/pull").get_data(as_text=True)
    got = in_page(served, RECORD, {"pull": pulled, "draft": draft, "minutes": minutes,
                                   "amends": None, "reason": None})
    server = _server_record(worked, draft, minutes)
    assert first_difference(got["record"], server) == ""
    assert got["text"] == canonical_text(server)
    assert got["hash"] == got["kept"]
    # The device's hash is what the server accepts: the lead's signing goes through.
    sign = site.sign(worked, draft, minutes=minutes, content_hash=got["hash"])
    assert statuses(push(client, sign)) == ["applied"]


def test_amendment_record_agrees_after_edits(client, served, site, worked):
    first = site.sign(worked)
    push(client, first)
    old, new = first["data"]["minutes"], new_id()
    push(client, {"op_id": new_id(), "type": "minutes.amend", "inspection": worked, "at": None,
                  "data": {"minutes": new, "amends": old, "reason": "Sửa câu KL-03"}})
    assert statuses(push(client, site.answer(worked, "KL-03", 0, note="\r\n"))) == ["applied"]
    draft = first["data"]["draft"]
    pulled = client.get("/api/sync/pull").get_data(as_text=True)
    got = in_page(served, RECORD, {"pull": pulled, "draft": draft, "minutes": new,
                                   "amends": old, "reason": "Sửa câu KL-03"})
    server = _server_record(worked, draft, new, old, "Sửa câu KL-03")
    assert first_difference(got["record"], server) == ""
    assert got["text"] == canonical_text(server)
