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


class UnitRoundDatesForm(FlaskForm):
    """Filters every office list has: a unit, a round (or none), a span of dates."""

    class Meta:
        csrf = False

    unit = Choice("Đơn vị", default=ANY)
    round = Choice("Đợt kiểm tra", default=ANY)
    date_from = DateField("Từ ngày", validators=[Optional()], invalid_value_message=BAD_DATE)
    date_to = DateField("Đến ngày", validators=[Optional()], invalid_value_message=BAD_DATE)

    def __init__(self, *args, rounds: list[Round], **kwargs):
        super().__init__(*args, **kwargs)
        self.unit.choices = choices([(ANY, "Tất cả")] + [
            (str(u.id), u.path) for u in db.session.scalars(select(OrgUnit).order_by(OrgUnit.name))])
        self.round.choices = choices([(ANY, "Tất cả"), (OUTSIDE_ROUNDS, OUTSIDE_ROUNDS_LABEL)]
                                     + [(str(r.id), r.name) for r in rounds])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("“Đến ngày” phải sau hoặc trùng “Từ ngày”.")

    def value(self, name: str):
        """A field's value when it reads correctly; None when empty or in error (filters nothing)."""
        f = self[name]
        return f.data if f.data not in (None, ANY) and not f.errors else None

    def unit_id(self) -> int | None:
        unit = self.value("unit")
        return int(unit) if unit else None


class FilterForm(UnitRoundDatesForm):
    checklist = Choice("Bộ phiếu", default=ANY)
    status = Choice("Trạng thái", default=ANY,
                    choices=choices([(ANY, "Tất cả")] + list(STATUSES.items())))

    def __init__(self, *args, rounds: list[Round], **kwargs):
        super().__init__(*args, rounds=rounds, **kwargs)
        self.checklist.choices = choices([(ANY, "Tất cả")] + [
            (c.slug, c.title) for c in db.session.scalars(select(Checklist).order_by(Checklist.title))])

    def filters(self) -> Filters:
        """The filters that read correctly; a field in error filters nothing."""
        v = self.value
        return Filters(unit_id=self.unit_id(), round=v("round"), checklist=v("checklist"),
                       status=v("status"), date_from=v("date_from"), date_to=v("date_to"))
