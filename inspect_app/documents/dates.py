"""Dates as Nghị định 30/2020 writes them (Phụ lục I, Phần I, Mục II, khoản 4)."""
from datetime import date

from .text import nfc


def long_date(d: date) -> str:
    """"ngày 05 tháng 3 năm 2026", "ngày 15 tháng 01 năm 2026": a leading zero only for days
    below 10 and for months 1 and 2 (khoản 4 điểm b)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_and_date(place: str, d: date) -> str:
    """"Minh Sơn, ngày 02 tháng 3 năm 2026": the place's name without its type, a comma; with
    no place known, "Ngày 02 tháng 3 năm 2026" rather than a stray comma."""
    said = long_date(d)
    return f"{nfc(place).strip()}, {said}" if nfc(place).strip() else said[:1].upper() + said[1:]
