"""wording.js, the device's twin of minutes/wording.py, gives every answer of the shared fixture
(tests/fixtures/wording/cases.json) in Chromium: the preview words the minutes as the PDF does."""
import pytest

from .test_canonical_js import in_page
from .test_wording import CASES

pytestmark = pytest.mark.browser

RUN = """
  const w = await import('/static/js/minutes/wording.js');
  return {
    answers: arg.answers.map((c) => w.answer(c.value, c.spec)),
    items: arg.items.map((c) => ({ finding: w.finding(c.item, c.spec), remedy: w.remedy(c.item, c.spec),
                                   reference: w.reference(c.item) })),
    results: arg.results.map((c) => w.result(c.item, c.spec)),
    units: arg.units.map((c) => ({ in_sentence: w.inSentence(c.name), unit_in_sentence: w.unitInSentence(c.name) })),
    places: arg.places.map((c) => w.placeOf(c.name)),
    dates: arg.dates.map((c) => w.longDate(c.date)),
    records: arg.records.map(({ record, definitions }) => ({
      subject: w.subject(record), shortcomings: w.shortcomings(record, definitions),
      strengths: w.strengths(record), minutes_date: w.minutesDate(record),
      due_15: w.dueDate(record, 15), due_30: w.dueDate(record, 30),
      report_by: w.reportBy(record), by: w.byDate(w.reportBy(record)),
    })),
  };"""


def test_javascript_words_the_minutes_as_python_does(served):
    got = in_page(served, RUN, CASES)
    assert got["answers"] == [c["text"] for c in CASES["answers"]]
    assert got["items"] == [{k: c[k] for k in ("finding", "remedy", "reference")}
                            for c in CASES["items"]]
    assert got["results"] == [c["text"] for c in CASES["results"]]
    assert got["units"] == [{k: c[k] for k in ("in_sentence", "unit_in_sentence")}
                            for c in CASES["units"]]
    assert got["places"] == [c["place"] for c in CASES["places"]]
    assert got["dates"] == [c["long"] for c in CASES["dates"]]
    assert got["records"] == [{k: v for k, v in c.items() if k not in ("record", "definitions")}
                              for c in CASES["records"]]
