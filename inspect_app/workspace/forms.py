"""The list's filters, read from the query string (a GET form: no CSRF token, nothing changes)."""
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from ..checklists.models import Checklist
from ..extensions import db
from ..followup.models import Round
from ..org.admin_forms import choices
from ..org.models import OrgUnit
from .listing import OUTSIDE_ROUNDS, OUTSIDE_ROUNDS_LABEL, STATUSES, Filters

ANY = ""
BAD_DATE = "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm."


class Choice(SelectField):
    """A select whose refusal of an unknown value is said in Vietnamese."""

    def pre_validate(self, form):
        try:
            super().pre_validate(form)
        except ValidationError:
            raise ValidationError("Giá trị này không có trong danh sách để chọn.") from None


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    unit = Choice("Đơn vị", default=ANY)
    round = Choice("Đợt kiểm tra", default=ANY)
    checklist = Choice("Bộ phiếu", default=ANY)
    status = Choice("Trạng thái", default=ANY,
                         choices=choices([(ANY, "Tất cả")] + list(STATUSES.items())))
    date_from = DateField("Từ ngày", validators=[Optional()], invalid_value_message=BAD_DATE)
    date_to = DateField("Đến ngày", validators=[Optional()], invalid_value_message=BAD_DATE)

    def __init__(self, *args, rounds: list[Round], **kwargs):
        super().__init__(*args, **kwargs)
        self.unit.choices = choices([(ANY, "Tất cả")] + [
            (str(u.id), u.path) for u in db.session.scalars(select(OrgUnit).order_by(OrgUnit.name))])
        self.round.choices = choices([(ANY, "Tất cả"), (OUTSIDE_ROUNDS, OUTSIDE_ROUNDS_LABEL)]
                                     + [(str(r.id), r.name) for r in rounds])
        self.checklist.choices = choices([(ANY, "Tất cả")] + [
            (c.slug, c.title) for c in db.session.scalars(select(Checklist).order_by(Checklist.title))])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("“Đến ngày” phải sau hoặc trùng “Từ ngày”.")

    def filters(self) -> Filters:
        """The filters that read correctly; a field in error filters nothing."""
        def ok(f):
            return f.data if f.data not in (None, ANY) and not f.errors else None

        unit = ok(self.unit)
        return Filters(unit_id=int(unit) if unit else None, round=ok(self.round),
                       checklist=ok(self.checklist), status=ok(self.status),
                       date_from=ok(self.date_from), date_to=ok(self.date_to))
