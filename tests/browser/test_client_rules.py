"""The app's pure rules, run in Chromium and held against the server's own functions."""
import pytest

from inspect_app.checklists.scoring import is_failed

from .conftest import DEFINITION

ITEMS = {item["id"]: item for section in DEFINITION["sections"] for item in section["items"]}
CASES = [
    ("KL-01", "yes"), ("KL-01", "no"), ("KL-01", "na"), ("KL-01", None),
    ("KL-02", "yes"), ("KL-02", "no"), ("KL-02", "na"),
    ("KL-03", 0), ("KL-03", 1), ("KL-03", 7), ("KL-03", None),
    ("KL-04", 49.9), ("KL-04", 50), ("KL-04", 80), ("KL-04", -1),
    ("KL-05", "full"), ("KL-05", "outdated"), ("KL-05", "missing"),
    ("KL-06", "Bình thường"), ("KL-06", ""),
]


@pytest.fixture
def page(devices):
    phone = devices("nobody")
    phone.page.goto("/login")  # any page of ours: the modules load from the same origin
    return phone.page


def run(page, module: str, body: str, arg):
    """Import /static/js/<module> as `m` and evaluate `body` (an expression of m and arg)."""
    return page.evaluate(
        f"async (arg) => {{ const m = await import('/static/js/{module}'); return {body}; }}", arg)


def test_device_and_server_agree_on_what_fails(page):
    cases = [{"item": ITEMS[item_id], "value": value} for item_id, value in CASES]
    on_device = run(page, "checklist.js", "arg.map((c) => m.isFailed(c.item, c.value))", cases)
    assert on_device == [is_failed(c["item"], c["value"]) for c in cases]


def test_device_and_server_agree_on_every_shipped_checklist(page):
    """Every item of checklists/*.yaml, as the loader stores it, with answers of each kind."""
    from inspect_app import ROOT
    from inspect_app.checklists import loader

    results = loader.load_path(ROOT / "checklists")
    assert results and all(r.ok for r in results), [str(p) for r in results for p in r.problems]
    probes = {"yes_no": ["yes", "no", "na"], "count": [0, 1, 3, 100],
              "number": [-1, 0, 49.5, 50, 100], "text": ["", "ghi chú"]}
    cases = [{"item": item, "value": value}
             for r in results for _, item in loader.iter_items(r.definition)
             for value in probes.get(item["type"]) or [c["key"] for c in item.get("choices", [])]]
    on_device = run(page, "checklist.js", "arg.map((c) => m.isFailed(c.item, c.value))", cases)
    assert on_device == [is_failed(c["item"], c["value"]) for c in cases]
    assert any(on_device) and not all(on_device)


def test_yes_no_buttons_follow_the_compliant_answer(page):
    options = run(page, "checklist.js",
                  "arg.map((item) => m.yesNoOptions(item).map((o) => [o.label, o.value]))",
                  [ITEMS["KL-01"], ITEMS["KL-02"]])
    assert options == [
        [["Đạt", "yes"], ["Không đạt", "no"], ["Không áp dụng", "na"]],
        [["Đạt", "no"], ["Không đạt", "yes"], ["Không áp dụng", "na"]],
    ]


def test_backoff_grows_exponentially_up_to_its_cap(page):
    delays = run(page, "backoff.js",
                 "[...Array(12).keys()].map((n) => m.delayFor(n, { random: () => 0.5 }))", None)
    assert delays[:5] == [2000, 4000, 8000, 16000, 32000]
    assert delays[-1] == 300000 and delays == sorted(delays)
    spread = run(page, "backoff.js",
                 "[0, 1].map((r) => m.delayFor(3, { random: () => r }))", None)
    assert spread == [12800, 19200]  # ±20 % jitter


def test_pull_keeps_queued_answers_over_the_servers_older_view(page):
    server = {
        "uuid": "9a8b7c6d-0000-4000-8000-000000000001", "unit_id": 5, "round_id": 1, "team_id": 1,
        "kind": "planned", "status": "in_progress", "started_at": "2026-11-22T01:00:00Z",
        "checklist_version_ids": [2],
        "responses": [
            {"checklist_version_id": 2, "item_id": "KL-01", "value": "yes", "note": None,
             "answered_at": "2026-11-22T02:00:00Z", "answered_by": "A"},
            {"checklist_version_id": 2, "item_id": "KL-02", "value": "no", "note": None,
             "answered_at": "2026-11-22T03:00:00Z", "answered_by": "B"},
        ],
        "attendance": [], "photos": [],
    }

    def answer(item_id, value, at, status="queued"):
        return {"op_id": f"op-{item_id}", "type": "response.set", "inspection": server["uuid"],
                "at": at, "status": status, "data": {"checklist_version_id": 2, "item_id": item_id,
                                                     "value": value, "answered_at": at}}

    ops = [answer("KL-01", "no", "2026-11-22T02:30:00Z"),      # later than the server's: wins
           answer("KL-02", "yes", "2026-11-22T02:30:00Z"),     # earlier than the server's: loses
           answer("KL-03", 4, "2026-11-22T02:30:00Z"),         # new
           answer("KL-04", 10, "2026-11-22T02:30:00Z", "refused")]  # not on the server: not shown
    merged = run(page, "records.js", "m.merge(arg.server, null, arg.ops).responses",
                 {"server": server, "ops": ops})
    assert {k: v["value"] for k, v in merged.items()} == {
        "2/KL-01": "no", "2/KL-02": "no", "2/KL-03": 4}


def test_an_answer_over_the_one_shown_wins_and_the_leads_choice_settles_a_conflict(page):
    """As the server does (docs/sync-protocol.md, "Conflicts"): `base` = the answer shown
    replaces it whatever the clocks say; conflict.settle makes the chosen answer current and
    the item no longer open."""
    entry = {"op_id": "srv-2", "value": 0, "note": None, "by": "B", "at": "2026-11-22T03:00:00Z"}
    mine = dict(entry, op_id="srv-1", value=1, by="A", at="2026-11-22T02:00:00Z")
    server = {
        "uuid": "9a8b7c6d-0000-4000-8000-000000000002", "unit_id": 5, "round_id": 1,
        "team_id": 1, "kind": "planned", "status": "in_progress",
        "started_at": "2026-11-22T01:00:00Z", "checklist_version_ids": [2],
        "responses": [{"checklist_version_id": 2, "item_id": "KL-03", "value": 0, "note": None,
                       "answered_at": "2026-11-22T03:00:00Z", "answered_by": "B",
                       "op_id": "srv-2"}],
        "conflicts": [{"checklist_version_id": 2, "item_id": "KL-03", "answers": [mine, entry],
                       "settled_at": None, "chosen": None, "settled_by": None}],
        "attendance": [], "photos": [],
    }
    settle = {"op_id": "op-s", "type": "conflict.settle", "inspection": server["uuid"],
              "at": "2026-11-22T04:00:00Z", "status": "queued",
              "data": {"checklist_version_id": 2, "item_id": "KL-03", "chosen": "srv-1"}}
    over = {"op_id": "op-o", "type": "response.set", "inspection": server["uuid"],
            "at": "2026-11-22T01:30:00Z", "status": "queued",  # an earlier clock, yet current
            "data": {"checklist_version_id": 2, "item_id": "KL-04", "value": 3,
                     "answered_at": "2026-11-22T01:30:00Z", "base": "srv-4"}}
    server["responses"].append({"checklist_version_id": 2, "item_id": "KL-04", "value": 9,
                                "note": None, "answered_at": "2026-11-22T02:00:00Z",
                                "answered_by": "B", "op_id": "srv-4"})
    before = run(page, "records.js", "m.openConflictItems(m.merge(arg, null, []))", server)
    assert before == ["KL-03"]
    after = run(page, "records.js", """(() => { const r = m.merge(arg.server, null, arg.ops);
        return [m.openConflictItems(r), r.responses['2/KL-03'].value, r.responses['2/KL-04'].value,
                m.settledConflict(r, 2, 'KL-03').chosen]; })()""",
                {"server": server, "ops": [settle, over]})
    assert after == [[], 1, 3, "srv-1"]


def test_refused_creation_holds_back_the_ops_refused_for_want_of_it(page):
    batch = [
        {"seq": 1, "op_id": "a", "type": "inspection.create", "inspection": "i1"},
        {"seq": 2, "op_id": "b", "type": "response.set", "inspection": "i1"},
        {"seq": 3, "op_id": "c", "type": "response.set", "inspection": "i2"},
    ]
    results = [{"op_id": "a", "status": "refused", "reason": "không thuộc đoàn"},
               {"op_id": "b", "status": "refused", "reason": "chưa có phiếu"},
               {"op_id": "c", "status": "refused", "reason": "đã ký"}]
    settled = run(page, "sync.js", "m.settlement(arg.batch, arg.results)",
                  {"batch": batch, "results": results})
    assert [(s["seq"], s["status"]) for s in settled] == [
        (1, "refused"), (2, "queued"), (3, "refused")]
    later = [dict(op, status=s["status"]) for op, s in zip(batch, settled, strict=True)]
    sendable = run(page, "outbox.js", "m.sendable(arg).map((op) => op.op_id)", later)
    # "b" waits for its inspection; "c" stays refused until the inspector acts.
    assert sendable == []


def test_photos_go_up_in_batches_the_server_takes(app, page):
    """Ten ~300 KB photos a request at most, 2 MB together, in the order taken; a large one
    alone; never more parts or bytes than POST /api/photos/batch accepts."""
    from inspect_app.photos.operations import MAX_BATCH

    sizes = [300_000] * 23 + [3_000_000] + [300_000] * 2 + [2_000_000, 100_000]
    batches = run(page, "sync.js", """m.uploadBatches(arg.map((size, n) => ({ n, blob: { size } })))
                  .map((batch) => batch.map((photo) => photo.n))""", sizes)
    assert [n for batch in batches for n in batch] == list(range(len(sizes)))
    assert [len(b) for b in batches] == [6, 6, 6, 5, 1, 2, 1, 1]
    limits = run(page, "sync.js", "[m.UPLOAD_PHOTOS, m.UPLOAD_BYTES]", None)
    assert limits[0] <= MAX_BATCH and limits[1] < app.config["MAX_CONTENT_LENGTH"]


def test_unit_search_ignores_case_and_diacritics(page):
    folded = run(page, "ui/dom.js", "arg.map(m.fold)",
                 ["Xã Tân Lập", "ĐỒNG XUÂN", "Phường Hữu Nghị"])
    assert folded == ["xa tan lap", "dong xuan", "phuong huu nghi"]
