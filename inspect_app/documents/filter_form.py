"""The documents list's filters, read from the query string (a GET form: nothing changes)."""
from ..org.admin_forms import choices
from ..workspace.forms import ANY, Choice, UnitRoundDatesForm
from .kinds import KINDS
from .listing import Filters


class DocumentFilterForm(UnitRoundDatesForm):
    kind = Choice("Loại văn bản", default=ANY,
                  choices=choices([(ANY, "Tất cả")] + [(k, m.NAME) for k, m in KINDS.items()]))

    def filters(self) -> Filters:
        v = self.value
        return Filters(kind=v("kind"), unit_id=self.unit_id(), round=v("round"),
                       date_from=v("date_from"), date_to=v("date_to"))
