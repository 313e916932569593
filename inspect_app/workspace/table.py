"""The list's columns as a spreadsheet has them."""
from ..followup.models import ROUND_KINDS
from .listing import Row

COLUMNS = ("Đơn vị", "Ngày kiểm tra", "Giờ bắt đầu", "Đợt kiểm tra", "Hình thức", "Bộ phiếu",
           "Trạng thái", "Số biên bản", "Số thông báo kết luận", "Tồn tại, hạn chế",
           "Yêu cầu quá hạn")
WIDTHS = (28, 12, 10, 30, 22, 50, 28, 16, 18, 12, 12)


def values(row: Row) -> tuple:
    return (row.unit, row.started.date(), row.started.strftime("%H:%M"), row.round_name,
            ROUND_KINDS.get(row.kind, row.kind), "; ".join(row.checklists), row.status_label,
            row.minutes_number or "", row.notice_number or "", row.findings, row.overdue)
