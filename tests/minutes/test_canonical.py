"""The canonical form in Python: the shared fixtures, and the rules stated one by one."""
import hashlib
import json
import math
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from inspect_app.minutes.canonical import (
    canonical_minutes,
    first_difference,
    format_date,
    format_time,
    js_number,
    minutes_hash,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "minutes"


def fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", fixtures(), ids=lambda p: p.stem)
def test_fixture_gives_its_canonical_bytes_and_hash(path):
    fixture = load(path)
    data = canonical_minutes(fixture["record"])
    assert data == fixture["canonical"].encode("utf-8")
    assert minutes_hash(fixture["record"]) == fixture["sha256"] == hashlib.sha256(data).hexdigest()


def test_fixtures_cover_what_the_contract_names():
    assert {p.stem for p in fixtures()} >= {"nfd-vietnamese", "crlf-and-trim", "empty-strings",
                                            "numbers", "nested-order", "control-chars",
                                            "full-record"}


def test_decomposed_and_composed_vietnamese_hash_alike():
    assert minutes_hash({"n": "Nguye\u0302\u0303n"}) == minutes_hash({"n": "Nguyễn"})


def test_text_rules_written_out():
    record = {"b": " Dòng 1\r\nDòng 2\r ", "a": "", "c": "\ufeff\u00a0x\u3000", "d": "\u200b"}
    assert canonical_minutes(record) == (
        '{"a":null,"b":"Dòng 1\\nDòng 2","c":"x","d":"\u200b"}'.encode())


@pytest.mark.parametrize("value, text", [
    (2.0, "2"), (0.1, "0.1"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"),
    (1e-6, "0.000001"), (-0.0, "0"), (0, "0"), (-1.5, "-1.5"), (0.1 + 0.2, "0.30000000000000004"),
    (1.5e300, "1.5e+300"), (5e-324, "5e-324"), (123456789.125, "123456789.125"),
    (2**53, "9007199254740992"), (2**53 + 1, "9007199254740992"), (10**21, "1e+21"),
])
def test_numbers_as_javascript_writes_them(value, text):
    assert js_number(value) == text


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinities_are_refused(bad):
    with pytest.raises(ValueError):
        canonical_minutes({"value": bad})


def test_lone_surrogate_and_unformatted_values_are_refused():
    with pytest.raises(ValueError):
        canonical_minutes({"text": "\ud800"})
    with pytest.raises(TypeError):
        canonical_minutes({"at": datetime(2026, 11, 22)})
    with pytest.raises(TypeError):
        canonical_minutes({1: "key not a string"})


def test_keys_sorted_by_code_point_not_utf16_unit():
    text = canonical_minutes({"\U0001f600": 1, "\uff21": 2}).decode()
    assert text == '{"\uff21":2,"\U0001f600":1}'


@pytest.mark.parametrize("given, expected", [
    (datetime(2026, 11, 22, 1, 15, 0, 999999), "2026-11-22T01:15:00Z"),
    (datetime(2026, 11, 22, 8, 15, tzinfo=timezone(timedelta(hours=7))), "2026-11-22T01:15:00Z"),
    (datetime(2026, 11, 22, 1, 15, tzinfo=UTC), "2026-11-22T01:15:00Z"),
    ("2026-11-22T01:15:00.123456Z", "2026-11-22T01:15:00Z"),
    ("2026-11-22T01:15:59.9999", "2026-11-22T01:15:59Z"),
    ("2026-11-22T08:15:00+07:00", "2026-11-22T01:15:00Z"),
    ("2026-11-22T00:15:00-0130", "2026-11-22T01:45:00Z"),
    ("2026-11-22T01:15Z", "2026-11-22T01:15:00Z"),
    (None, None),
])
def test_times_are_utc_to_the_second(given, expected):
    assert format_time(given) == expected


def test_dates_and_bad_times():
    assert format_date(date(2026, 12, 7)) == "2026-12-07"
    with pytest.raises(ValueError):
        format_time("22/11/2026")


def _record(value=2, note=None, photos=1):
    return {"checklists": [{"slug": "ky-luat", "sections": [{"id": "A", "items": [
        {"id": "KL-03", "value": value, "note": note, "failed": bool(value)}]}]}],
        "photos": [{"sha256": "a" * 64}] * photos,
        "attendance": [{"full_name": "Nguyễn Văn An", "status": "present"}]}


def test_first_difference_names_the_item_and_both_values():
    assert first_difference(_record(2), _record(3)) == "câu KL-03 (máy: 2, máy chủ: 3)"
    assert first_difference(_record(note=" "), _record(note="Vắng")) == (
        "câu KL-03, ghi chú (máy: trống, máy chủ: Vắng)")
    assert first_difference(_record(photos=1), _record(photos=2)) == "số ảnh (máy: 1, máy chủ: 2)"


def test_first_difference_of_equal_records_is_empty():
    nfd = _record(note="Nguye\u0302\u0303n")
    assert first_difference(nfd, _record(note="Nguyễn")) == ""
    other = _record()
    other["attendance"][0]["status"] = "late"
    assert first_difference(_record(), other) == (
        "dòng điểm danh “Nguyễn Văn An”, tình trạng (máy: present, máy chủ: late)")
