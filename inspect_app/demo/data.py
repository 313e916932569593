"""The demo world: a province after the 2025 reform, its Department of Home Affairs, 12 communes.

Names are invented but ordinary; the old district and a merged town stay as historical units
so that the app shows how history follows a unit across the reform.
"""

PROVINCE = ("Tỉnh Minh Sơn", "province", "MS")
OFFICE = ("Sở Nội vụ tỉnh Minh Sơn", "office", "MS-SNV")
OFFICE_ABBREVIATION = "SNV"


def decision(number: int, on) -> str:
    """The grounds the minutes cite for the team: number, date, issuer and subject."""
    return (f"Quyết định số {number}/QĐ-SNV ngày {on:%d/%m/%Y} của Giám đốc Sở Nội vụ về việc "
            f"thành lập Đoàn kiểm tra công tác cải cách hành chính năm {on.year}")


def plan(number: int, on, year: int) -> str:
    """The round's plan, as the minutes cite it."""
    return (f"Kế hoạch số {number}/KH-SNV ngày {on:%d/%m/%Y} của Sở Nội vụ về kiểm tra công tác "
            f"cải cách hành chính, kỷ luật, kỷ cương hành chính năm {year}")
OLD_DISTRICT = ("Huyện Đồng Xuân (trước 01/7/2025)", "district", "MS-DX")
OLD_DISTRICT_OFFICE = ("Phòng Nội vụ huyện Đồng Xuân", "district_department", "MS-DX-PNV")
# A town abolished by the reform and merged into Xã Đồng Xuân.
MERGED_TOWN = ("Thị trấn Đồng Xuân", "town", "MS-TTDX")

# (name, kind, code, head's name, head's title)
COMMUNES = [
    ("Xã Tân Lập", "commune", "MS-01", "Nguyễn Văn Hùng", "Chủ tịch UBND xã"),
    ("Xã Đồng Xuân", "commune", "MS-02", "Trần Thị Mai", "Chủ tịch UBND xã"),
    ("Xã Phú Cường", "commune", "MS-03", "Lê Văn Thắng", "Chủ tịch UBND xã"),
    ("Xã Hòa Bình", "commune", "MS-04", "Phạm Thị Hương", "Chủ tịch UBND xã"),
    ("Xã Thanh Sơn", "commune", "MS-05", "Hoàng Văn Nam", "Chủ tịch UBND xã"),
    ("Xã Yên Thủy", "commune", "MS-06", "Vũ Thị Lan", "Chủ tịch UBND xã"),
    ("Xã Kim Bôi", "commune", "MS-07", "Đặng Văn Long", "Chủ tịch UBND xã"),
    ("Xã Lạc Sơn", "commune", "MS-08", "Bùi Thị Nga", "Chủ tịch UBND xã"),
    ("Phường Minh Khai", "ward", "MS-09", "Đỗ Văn Tuấn", "Chủ tịch UBND phường"),
    ("Phường Quang Trung", "ward", "MS-10", "Ngô Thị Thu", "Chủ tịch UBND phường"),
    ("Phường Hữu Nghị", "ward", "MS-11", "Dương Văn Đức", "Chủ tịch UBND phường"),
    ("Phường Thống Nhất", "ward", "MS-12", "Lý Thị Hạnh", "Chủ tịch UBND phường"),
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Thanh"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Phương", "Quân", "Sơn",
         "Trang", "Tú", "Vân", "Yến", "Hải", "Hiếu", "Loan", "Nhung", "Thảo"]
POSITIONS = [
    "Phó Chủ tịch UBND",
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Văn hóa - Xã hội",
    "Công chức tiếp nhận hồ sơ (bộ phận một cửa)",
    "Công chức tiếp nhận hồ sơ (bộ phận một cửa)",
    "Chỉ huy trưởng Quân sự",
]

# username, full name, position, role; all with the password "demo".
ACCOUNTS = [
    ("admin", "Nguyễn Thị Hồng", "Trưởng phòng Cải cách hành chính, Sở Nội vụ", "admin"),
    ("lead", "Trần Văn Khải", "Phó Giám đốc Sở Nội vụ", "lead"),
    ("inspector", "Lê Thị Thu Hà", "Chuyên viên Sở Nội vụ", "inspector"),
    ("unithead", "Nguyễn Văn Hùng", "Chủ tịch UBND xã Tân Lập", "unit_head"),
    ("viewer", "Phạm Minh Tuấn", "Chuyên viên Văn phòng UBND tỉnh", "viewer"),
]
# Further team members, not printed as demo accounts.
EXTRA_STAFF = [
    ("lead2", "Hoàng Thị Diệu", "Phó Trưởng phòng Cải cách hành chính", "lead"),
    ("inspector2", "Vũ Đức Minh", "Chuyên viên Sở Nội vụ", "inspector"),
    ("inspector3", "Đặng Thu Trang", "Chuyên viên Văn phòng UBND tỉnh", "inspector"),
    ("secretary", "Bùi Ngọc Anh", "Chuyên viên Sở Nội vụ", "inspector"),
]
