"""The form to plan an inspection round."""
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..documents.grounds import Citation
from ..org.admin_forms import NONE, _coerce_int, _Form, choices, unit_choices
from ..org.forms import REQUIRED
from .models import ROUND_KINDS, ROUND_STATUSES


class RoundForm(_Form):
    name = StringField("Tên đợt kiểm tra", validators=[DataRequired(REQUIRED), Length(max=200)])
    kind = SelectField("Hình thức", choices=choices(ROUND_KINDS.items()))
    status = SelectField("Trạng thái", choices=choices(ROUND_STATUSES.items()))
    period_start = DateField("Từ ngày", validators=[DataRequired(REQUIRED)])
    period_end = DateField("Đến ngày", validators=[DataRequired(REQUIRED)])
    office_unit_id = SelectField("Cơ quan kiểm tra", coerce=_coerce_int)
    team_id = SelectField("Đoàn kiểm tra", coerce=_coerce_int)
    unit_ids = SelectMultipleField("Đơn vị được kiểm tra", coerce=int)
    checklist_ids = SelectMultipleField("Bộ phiếu kiểm tra", coerce=int)
    plan_ref = StringField(
        "Kế hoạch kiểm tra", validators=[Optional(), Length(max=200), Citation(
            "Kế hoạch số 35/KH-SNV ngày 05/02/2026 của Sở Nội vụ về kiểm tra công tác cải cách "
            "hành chính năm 2026")],
        description="Biên bản ghi “Căn cứ …” đúng như ô này: số, ngày, cơ quan ban hành, trích yếu.")
    notes = TextAreaField("Ghi chú", validators=[Optional(), Length(max=5000)])


def fill_choices(form: RoundForm, units, teams, checklists) -> None:
    form.office_unit_id.choices = unit_choices()
    form.team_id.choices = choices([(NONE, "— Chưa chọn —")] + [(t.id, t.name) for t in teams])
    form.unit_ids.choices = choices((u.id, u.path) for u in units)
    form.checklist_ids.choices = choices((c.id, c.title) for c in checklists)


class DrawForm(_Form):
    count = IntegerField("Số đơn vị cần bốc thăm",
                         validators=[DataRequired(REQUIRED), NumberRange(min=1, max=10_000)])
    weighted = BooleanField(
        "Ưu tiên đơn vị còn tồn tại chưa khắc phục, tái phạm, lâu chưa kiểm tra", default=True)
    seed = StringField("Mã bốc thăm (để trống: máy chọn ngẫu nhiên)",
                       validators=[Optional(), Length(max=64)])
