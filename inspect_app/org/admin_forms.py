"""WTForms for the admin screens. `values()` hands operations plain data, never the form."""
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from ..documents.grounds import Citation
from ..extensions import db
from . import roles
from .forms import REQUIRED
from .models import UNIT_KINDS, OrgUnit, User

NONE = 0  # "no choice" in integer select fields


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3 wants them."""
    return [SelectChoice(v, label) for v, label in pairs]


def _coerce_int(value):
    return int(value) if value not in (None, "", "None") else NONE


class _Form(FlaskForm):
    def values(self) -> dict:
        return {name: f.data for name, f in self._fields.items() if name != "csrf_token"}


class UnitForm(_Form):
    name = StringField("Tên đơn vị", validators=[DataRequired(REQUIRED), Length(max=200)])
    kind = SelectField("Loại đơn vị", choices=choices(UNIT_KINDS.items()))
    parent_id = SelectField("Trực thuộc", coerce=_coerce_int)
    code = StringField("Mã đơn vị", validators=[Optional(), Length(max=32)])
    address = StringField("Địa chỉ", validators=[Optional(), Length(max=300)])
    historical = BooleanField("Đơn vị cũ (chỉ giữ lịch sử)")
    merged_into_id = SelectField("Đã sáp nhập vào", coerce=_coerce_int)
    # How the unit's documents name it (Nghị định 30/2020); empty: derived from the unit tree.
    header_superior = StringField(
        "Cơ quan chủ quản (dòng trên của tiêu đề văn bản)", validators=[Optional(), Length(max=200)],
        description="Ví dụ: UBND tỉnh Minh Sơn. Để trống: lấy theo đơn vị cấp trên.")
    header_name = StringField(
        "Tên cơ quan trên văn bản", validators=[Optional(), Length(max=200)],
        description="Ví dụ: Sở Nội vụ. Để trống: tên đơn vị, bỏ phần trùng với cơ quan chủ quản.")
    abbreviation = StringField("Chữ viết tắt trong số, ký hiệu văn bản",
                               validators=[Optional(), Length(max=32)],
                               description="Ví dụ: SNV (trong “Số: 05/BC-SNV”).")
    place_name = StringField("Địa danh ghi trên văn bản", validators=[Optional(), Length(max=100)],
                             description="Ví dụ: Minh Sơn. Để trống: tên tỉnh, xã nơi đơn vị đóng trụ sở.")


class StaffForm(_Form):
    full_name = StringField("Họ và tên", validators=[DataRequired(REQUIRED), Length(max=120)])
    position = StringField("Chức vụ", validators=[Optional(), Length(max=120)])


class UserForm(_Form):
    username = StringField("Tên đăng nhập", validators=[DataRequired(REQUIRED), Length(max=64)])
    full_name = StringField("Họ và tên", validators=[DataRequired(REQUIRED), Length(max=120)])
    position = StringField("Chức vụ", validators=[Optional(), Length(max=120)])
    email = EmailField("Thư điện tử", validators=[Optional(), Length(max=200)])
    role = SelectField("Vai trò", choices=choices((r, roles.LABELS[r]) for r in roles.ALL))
    unit_id = SelectField("Đơn vị", coerce=_coerce_int,
                          description="Bắt buộc với người đứng đầu đơn vị được kiểm tra.")
    password = PasswordField("Mật khẩu mới", validators=[Optional(), Length(max=256)],
                             description="Bắt buộc khi tạo mới; để trống nếu không đổi.")


class TeamForm(_Form):
    name = StringField("Tên đoàn", validators=[DataRequired(REQUIRED), Length(max=200)])
    decision_ref = StringField(
        "Quyết định thành lập đoàn", validators=[Optional(), Length(max=200), Citation(
            "Quyết định số 112/QĐ-SNV ngày 10/02/2026 của Giám đốc Sở Nội vụ về việc thành lập "
            "Đoàn kiểm tra công tác cải cách hành chính năm 2026")],
        description="Biên bản ghi “Căn cứ …” đúng như ô này: số, ngày, người ban hành, trích yếu.")
    office_unit_id = SelectField("Cơ quan kiểm tra", coerce=_coerce_int)
    lead_id = SelectField("Trưởng đoàn", coerce=_coerce_int)
    member_ids = SelectMultipleField("Thành viên", coerce=int)
    secretary_id = SelectField("Thư ký", coerce=_coerce_int)


def unit_choices(exclude: OrgUnit | None = None, blank="— Không —") -> list[tuple[int, str]]:
    units = db.session.scalars(select(OrgUnit).order_by(OrgUnit.name))
    return choices([(NONE, blank)] + [(u.id, u.path) for u in units
                                      if exclude is None or u.id != exclude.id])


def fill_unit_choices(form: UnitForm, exclude: OrgUnit | None = None) -> None:
    form.parent_id.choices = unit_choices(exclude)
    form.merged_into_id.choices = unit_choices(exclude)


def fill_user_choices(form: UserForm) -> None:
    form.unit_id.choices = unit_choices()


def fill_team_choices(form: TeamForm) -> None:
    field_staff = db.session.scalars(
        select(User).where(User.role.in_((roles.ADMIN, roles.LEAD, roles.INSPECTOR)),
                           User.active.is_(True)).order_by(User.full_name))
    people = [(u.id, f"{u.full_name} ({u.username})") for u in field_staff]
    form.office_unit_id.choices = unit_choices()
    form.lead_id.choices = choices([(NONE, "— Chọn —")] + people)
    form.member_ids.choices = choices(people)
    form.secretary_id.choices = choices([(NONE, "— Không —")] + people)


def load_team_members(form: TeamForm, team) -> None:
    by_role = {"lead": [], "member": [], "secretary": []}
    for m in team.members:
        by_role.setdefault(m.team_role, []).append(m.user_id)
    form.lead_id.data = (by_role["lead"] or [NONE])[0]
    form.member_ids.data = by_role["member"]
    form.secretary_id.data = (by_role["secretary"] or [NONE])[0]
