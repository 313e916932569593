"""An office's document settings, read as data (table `office_settings`), with the defaults
Nghị định 30/2020 and the office's abbreviation give when a setting is left empty."""
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from .issuer import issuer_of
from .models import OfficeSettings

# Kind → the symbol's prefix (Phụ lục III, NĐ 30/2020: KH kế hoạch, QĐ quyết định, TB thông
# báo, BC báo cáo). The minutes are made by the team, whatever office it belongs to.
PREFIXES = {"plan": "KH", "decision": "QĐ", "notice": "TB", "report": "BC"}
MINUTES_SYMBOL = "BB-ĐKT"
REPORT_DAYS = 15  # a unit reports its remediation within 15 days of the notice (practice)


@dataclass(frozen=True)
class Settings:
    symbols: dict  # kind → "TB-SNV"
    signer_name: str | None
    signer_title: str  # "Giám đốc", printed in capitals under the capacity
    signer_capacity: str | None  # "KT. GIÁM ĐỐC" when a deputy signs; None for the head
    superior_recipient: str | None
    report_days: int

    def symbol(self, kind: str) -> str:
        return self.symbols[kind]

    def signer_heading(self) -> list[str]:
        """["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["GIÁM ĐỐC"]: the lines above the signature."""
        lines = [self.signer_capacity] if self.signer_capacity else []
        return [line.upper() for line in [*lines, self.signer_title]]


def _default_title(issuer) -> str:
    name = issuer.name.lower()
    if name.startswith(("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")):
        return "Chủ tịch"
    return "Giám đốc" if name.startswith("sở ") else "Thủ trưởng cơ quan"


def settings_for(office) -> Settings:
    """The settings of `office` (an OrgUnit), each empty one filled by its default."""
    row = db.session.scalar(select(OfficeSettings).where(
        OfficeSettings.office_unit_id == office.id)) if office is not None else None
    issuer = issuer_of(office) if office is not None else None
    abbreviation = issuer.abbreviation if issuer else None
    symbols = {kind: f"{prefix}-{abbreviation}" if abbreviation else prefix
               for kind, prefix in PREFIXES.items()}
    symbols["minutes"] = MINUTES_SYMBOL
    symbols.update({k: v for k, v in ((row.symbols or {}) if row else {}).items() if v})
    return Settings(
        symbols=symbols,
        signer_name=row.signer_name if row else None,
        signer_title=(row.signer_title if row and row.signer_title
                      else _default_title(issuer) if issuer else "Trưởng đoàn"),
        signer_capacity=row.signer_capacity if row else None,
        superior_recipient=(row.superior_recipient if row and row.superior_recipient
                            else issuer.superior if issuer else None),
        report_days=row.report_days if row and row.report_days else REPORT_DAYS)
