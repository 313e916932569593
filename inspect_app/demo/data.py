"""The demo world: a province after the 2025 reform, its Department of Home Affairs, 12 communes.

Names are invented but ordinary; the old district and a merged town stay as historical units
so that the app shows how history follows a unit across the reform.
"""

PROVINCE = ("Tỉnh Minh Sơn", "province", "MS")
OFFICE = ("Sở Nội vụ tỉnh Minh Sơn", "office", "MS-SNV")
OFFICE_ABBREVIATION = "SNV"
# Who signs the office's documents, and to whom its reports go (office_settings).
OFFICE_SIGNER = ("Đỗ Quang Vinh", "Giám đốc")
OFFICE_SUPERIOR = "UBND tỉnh Minh Sơn"


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

# What an inspector writes in a text item, by item: observations made on site, not a formula.
OBSERVATIONS = {
    "KL-16": ["Lịch công tác tuần được lập nhưng chưa ghi rõ người chủ trì từng nội dung.",
              "Sổ theo dõi đi công tác, nghỉ phép ghi đến hết tuần trước.",
              "Máy chấm công vân tay hoạt động; dữ liệu chấm công tháng này in ra đầy đủ."],
    "MC-18": ["Bộ phận một cửa có 02 công chức trực; 01 người dân đang chờ nộp hồ sơ đất đai.",
              "Sổ theo dõi hồ sơ ghi đến ngày kiểm tra; màn hình lấy số thứ tự hỏng từ tuần trước.",
              "Khu vực chờ có quạt, nước uống; bảng hướng dẫn nộp hồ sơ trực tuyến dán cạnh quầy."],
    "NY-16": ["Bảng niêm yết đặt tại hành lang tầng 1, đủ ánh sáng; mã QR tra cứu quét được.",
              "Sổ thủ tục đặt trên bàn chờ; một số trang bị rách mép.",
              "Hòm thư góp ý có khóa; sổ theo dõi phản ánh ghi 02 phản ánh trong quý."],
    "VH-16": ["Trụ sở sạch sẽ; nhà vệ sinh dành cho người dân có biển chỉ dẫn.",
              "Phòng làm việc của công chức địa chính còn để nhiều hồ sơ trên sàn.",
              "Cán bộ, công chức mặc trang phục lịch sự; khu để xe có mái che."],
}

# Remediation reports in the unit's own words, by checklist; {unit} is "UBND xã …", {date}
# the day the work was done.
# How a unit says it keeps a fix in place, by checklist: the close of each item's report, after
# what it did (the request's own action, so report and request never talk past each other).
REPORT_NOTES = {
    "ky-luat-ky-cuong": [
        "các cá nhân liên quan đã viết bản kiểm điểm, cam kết không tái phạm",
        "Chủ tịch UBND đã quán triệt tại cuộc họp giao ban đầu tuần và giao Văn phòng theo dõi",
        "nội dung này được đưa vào tiêu chí đánh giá, xếp loại cán bộ, công chức cuối năm",
    ],
    "mot-cua": [
        "công chức phụ trách bộ phận một cửa theo dõi hằng ngày và báo cáo Chủ tịch UBND",
        "kết quả đã được báo cáo tại cuộc họp giao ban của UBND",
    ],
    "niem-yet-cong-khai": [
        "công chức phụ trách rà soát lại nội dung niêm yết hằng tháng",
        "Văn phòng UBND kiểm tra lại sau mỗi quyết định công bố thủ tục mới của tỉnh",
    ],
    "van-hoa-cong-so": [
        "Văn phòng UBND kiểm tra hằng tuần",
        ("đơn vị đã quán triệt tại cuộc họp cơ quan để cán bộ, công chức thực hiện đúng Quy chế "
         "văn hóa công sở"),
    ],
}
EXTENSION = ("Gia hạn theo đề nghị tại Văn bản số {number}/UBND ngày {date} của {unit}: "
             "đang chờ kinh phí để thực hiện.")
# Why faults happen, by checklist, as the assessment's "Nguyên nhân" names them.
CAUSES = {
    "ky-luat-ky-cuong": "người đứng đầu chưa thường xuyên kiểm tra, nhắc nhở việc chấp hành "
                        "kỷ luật, kỷ cương hành chính",
    "mot-cua": "việc bố trí công chức và trang thiết bị cho bộ phận một cửa chưa đáp ứng yêu cầu",
    "niem-yet-cong-khai": "chưa kịp thời cập nhật thủ tục hành chính theo quyết định công bố mới",
    "van-hoa-cong-so": "một số cán bộ, công chức chưa nghiêm túc thực hiện Quy chế văn hóa "
                       "công sở",
}
