"""The five roles and what the UI calls them."""
ADMIN = "admin"          # the inspecting office: plans, manages, follows up
LEAD = "lead"            # team lead (Trưởng đoàn)
INSPECTOR = "inspector"  # team member in the field
UNIT_HEAD = "unit_head"  # head of one inspected unit, scoped to it
VIEWER = "viewer"        # reads office reports, changes nothing

ALL = (ADMIN, LEAD, INSPECTOR, UNIT_HEAD, VIEWER)
OFFICE = (ADMIN, LEAD, INSPECTOR, VIEWER)
FIELD = (ADMIN, LEAD, INSPECTOR)

LABELS = {
    ADMIN: "Quản trị (cơ quan kiểm tra)",
    LEAD: "Trưởng đoàn kiểm tra",
    INSPECTOR: "Thành viên đoàn kiểm tra",
    UNIT_HEAD: "Người đứng đầu đơn vị",
    VIEWER: "Người xem báo cáo",
}
