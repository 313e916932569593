"""The device's twin of checklists/legal.py and of target scoring, run in Debian's Chromium: the
basis printed, what fails and the inspection's day agree with Python to the byte (the minutes
record holds the basis, and its hash is compared between device and server).
(tests/jsrun.py runs them)."""
from datetime import datetime

import pytest

from inspect_app.checklists import scoring
from inspect_app.checklists.legal import basis_text
from inspect_app.checklists.loader import iter_items, load_file, load_path
from inspect_app.timeutil import vietnam_time

from ..jsrun import evaluate
from .test_legal import SHIPPED, _file, _write

pytestmark = pytest.mark.browser
DAYS = ["2016-09-04", "2024-05-02", "2025-06-30", "2025-07-01", "2025-12-30", "2025-12-31",
        "2026-12-04"]
STARTS = ["2026-03-01T16:59:59Z", "2026-03-01T17:00:00Z", "2025-12-30T17:30:00.123Z",
          "2026-11-22T01:15:00Z"]
RUN = """async ({ cases, failures, starts }) => {
  const m = await import('/static/js/checklist.js');
  const v = await import('/static/js/visibility.js');
  return {
    basis: cases.map(({ definition, item, day }) => m.basisText(definition, item, day)),
    failed: failures.map(({ item, value }) => [m.isFailed(item, value), v.canFail(item)]),
    days: starts.map((s) => m.inspectionDay(s)),
  };
}"""


def _in_chromium(base_url: str, arg: dict) -> dict:
    return evaluate(base_url, (RUN, arg))


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    """Every shipped item on days around the 2025 replacement and amendment, and a made-up
    checklist with a replaced, an amended, an ended source, practice and a target."""
    definitions = [r.definition for r in load_path(SHIPPED)]
    made = load_file(_write(tmp_path_factory.mktemp("legal"), _file()), today="2026-12-04")
    assert made.ok, [str(p) for p in made.problems]
    definitions.append(made.definition)
    extra = [{"id": "X1", "basis": {"source": "ND61", "article": "Điều 19 khoản 9"}},
             {"id": "X2", "basis": {"source": "CU"}}, {"id": "X3", "basis": {"source": "NONE"}},
             {"id": "X4", "basis": {"practice": "Kế hoạch kiểm tra của Sở Nội vụ"}},
             {"id": "X5", "basis": {"source": "ND118", "article": "to verify"}}, {"id": "X6"}]
    out = [{"definition": d, "item": item, "day": day}
           for d in definitions for _, item in iter_items(d) for day in DAYS]
    out += [{"definition": made.definition, "item": item, "day": day}
            for item in extra for day in DAYS]
    failures = [{"item": item, "value": value}
                for d in definitions for _, item in iter_items(d) if item.get("target")
                for value in (0, 29.9, 30, 30.1, 100, None, "na")]
    return out, failures


def test_basis_failures_and_the_inspection_day_agree_with_python(served, cases):
    basis_cases, failures = cases
    got = _in_chromium(served, {"cases": basis_cases, "failures": failures, "starts": STARTS})
    expected = [basis_text(c["definition"], c["item"], c["day"]) for c in basis_cases]
    assert got["basis"] == expected
    assert any(b and "được sửa đổi, bổ sung bởi" in b for b in expected)
    assert any(b and b.startswith("Chỉ tiêu của cơ quan kiểm tra: ") for b in expected)
    assert None in expected
    assert got["failed"] == [[scoring.is_failed(f["item"], f["value"]),
                              scoring.can_fail(f["item"])] for f in failures]
    assert failures and any(f for f, _ in got["failed"])
    assert got["days"] == [vietnam_time(datetime.fromisoformat(s))
                           .date().isoformat() for s in STARTS]
