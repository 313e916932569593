"""The issuing body of a document, as the header of Nghị định 30/2020 prints it.

Khoản 2, Phụ lục I: the directly superior body on the first line (upright capitals), the issuing
body below it (bold capitals), the province not repeated. The office's data may say each part
(`OrgUnit.header_superior`, `header_name`, `place_name`, `abbreviation`); what it leaves empty is
derived from the unit tree: a Sở under "Tỉnh Minh Sơn" is issued by "Sở Nội vụ" under
"UBND tỉnh Minh Sơn", dated from "Minh Sơn".
"""
import re
from dataclasses import dataclass

from .text import in_sentence, nfc, split_unit_type

# Units that are administrative areas, whose People's Committee governs the bodies in them.
AREA_KINDS = ("province", "district", "commune", "ward", "town", "special_zone")
COMMUNE_KINDS = ("commune", "ward", "town", "special_zone")
COMMITTEE = re.compile(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Issuer:
    """Who issues a document: the header's lines, the name in running text, the place."""

    superior: str | None  # "UBND tỉnh Minh Sơn"; None when the body has none above it
    name: str  # "Sở Nội vụ", as the header prints it
    full_name: str  # "Sở Nội vụ tỉnh Minh Sơn", as running text names it
    place: str  # "Minh Sơn", written before the date
    abbreviation: str | None = None  # "SNV", in document symbols ("BC-SNV") and "Lưu: VT, SNV"

    def header_lines(self) -> list[tuple[str, bool]]:
        """The header's lines in capitals, each with whether it is bold."""
        name = nfc(self.name)
        committee = "Ủy ban nhân dân "
        if self.superior is None and name.lower().startswith(committee.lower()):
            # A People's Committee prints its name on two bold lines: "ỦY BAN NHÂN DÂN / XÃ …".
            return [(committee.strip().upper(), True), (name[len(committee):].upper(), True)]
        lines = [(nfc(self.superior).upper(), False)] if self.superior else []
        return lines + [(name.upper(), True)]


def _area(unit):
    """The administrative area the unit sits in (itself when it is one)."""
    while unit is not None and unit.kind not in AREA_KINDS:
        unit = unit.parent
    return unit


def _area_name(unit) -> str:
    """"tỉnh Minh Sơn" for an area unit named "Tỉnh Minh Sơn" or "UBND tỉnh Minh Sơn"."""
    return in_sentence(COMMITTEE.sub("", nfc(unit.name).strip()))


def _place(unit) -> str:
    area = _area(unit)
    return split_unit_type(_area_name(area))[1] if area is not None else nfc(unit.name)


def _derived_superior(unit) -> str | None:
    parent = unit.parent
    if parent is None:
        return None
    if parent.kind in AREA_KINDS:
        return f"UBND {_area_name(parent)}"
    return parent.header_name or parent.name


def _derived_name(unit) -> str:
    """"Sở Nội vụ tỉnh Minh Sơn" → "Sở Nội vụ" under "UBND tỉnh Minh Sơn": not said twice."""
    name = nfc(unit.name).strip()
    if unit.parent is not None and unit.parent.kind in AREA_KINDS:
        tail = " " + _area_name(unit.parent)
        if name.lower().endswith(tail.lower()) and len(name) > len(tail):
            return name[:-len(tail)].strip()
    return name


def issuer_of(unit) -> Issuer:
    """The issuer a unit's documents print; a commune's People's Committee for a commune."""
    if unit.kind in COMMUNE_KINDS:
        # "ỦY BAN NHÂN DÂN / XÃ TÂN LẬP": a commune's People's Committee has no body above it
        # in the header; both lines are its own name.
        name = f"Ủy ban nhân dân {_area_name(unit)}"
        return Issuer(superior=None, name=name, full_name=name,
                      place=unit.place_name or _place(unit), abbreviation=unit.abbreviation)
    return Issuer(superior=unit.header_superior or _derived_superior(unit),
                  name=unit.header_name or _derived_name(unit), full_name=nfc(unit.name),
                  place=unit.place_name or _place(unit), abbreviation=unit.abbreviation)
