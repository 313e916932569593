"""Dates as Nghị định 30/2020 writes them: a leading zero for days below 10 and months 1, 2."""
from datetime import date

import pytest

from inspect_app.documents.dates import long_date, place_and_date


@pytest.mark.parametrize("month", range(1, 13))
def test_only_january_and_february_take_a_leading_zero(month):
    written = long_date(date(2026, month, 15))
    expected = {1: "01", 2: "02"}.get(month, str(month))
    assert written == f"ngày 15 tháng {expected} năm 2026"


@pytest.mark.parametrize("day", range(1, 32))
def test_days_below_ten_take_a_leading_zero(day):
    expected = f"0{day}" if day < 10 else str(day)
    assert long_date(date(2026, 3, day)) == f"ngày {expected} tháng 3 năm 2026"


def test_place_is_written_before_the_date_with_a_comma():
    assert place_and_date("Minh Sơn", date(2026, 3, 2)) == "Minh Sơn, ngày 02 tháng 3 năm 2026"
    assert place_and_date("Minh Sơn", date(2026, 1, 15)) == "Minh Sơn, ngày 15 tháng 01 năm 2026"


def test_with_no_place_known_the_date_stands_alone_without_a_stray_comma():
    assert place_and_date("", date(2026, 3, 2)) == "Ngày 02 tháng 3 năm 2026"
