"""Deadlines across time: what a person sees as open, overdue, reported, in the unit's order."""
from datetime import date, datetime

from inspect_app.remediation import queries


def test_an_open_item_turns_overdue_the_day_after_its_deadline(unit_head, make_item):
    item = make_item(unit_head.unit, deadline=date(2026, 3, 20))
    assert item.display_state(date(2026, 3, 19)) == "open"
    assert item.display_state(date(2026, 3, 20)) == "open"  # the deadline day still counts
    assert item.display_state(date(2026, 3, 21)) == "overdue"


def test_reported_or_verified_items_are_never_overdue(unit_head, make_item):
    reported = make_item(unit_head.unit, state="reported", reported_at=datetime(2026, 3, 1))
    verified = make_item(unit_head.unit, state="verified")
    reopened = make_item(unit_head.unit, state="reopened")
    later = date(2027, 1, 1)
    assert reported.display_state(later) == "reported"
    assert verified.display_state(later) == "verified"
    assert reopened.display_state(later) == "overdue"


def test_unit_list_puts_what_needs_doing_first(unit_head, make_item):
    unit = unit_head.unit
    done = make_item(unit, state="verified", deadline=date(2026, 3, 1))
    waiting = make_item(unit, state="reported", deadline=date(2026, 3, 2),
                        reported_at=datetime(2026, 3, 1))
    soon = make_item(unit, deadline=date(2026, 4, 10))
    late = make_item(unit, deadline=date(2026, 3, 25))
    again = make_item(unit, state="reopened", deadline=date(2026, 4, 30))
    # Reopened first, then open by deadline, then those waiting for the office, then settled.
    assert queries.unit_items(unit.id, date(2026, 3, 20)) == [again, late, soon, waiting, done]
    # On 1 April the item due 25 March is overdue and goes first.
    assert queries.unit_items(unit.id, date(2026, 4, 1)) == [late, again, soon, waiting, done]


def test_the_page_shows_deadline_and_state_as_of_today(client, sign_in, unit_head, make_item):
    make_item(unit_head.unit, deadline=date(2020, 5, 4), action="Treo biển tên cơ quan")
    sign_in(unit_head)
    page = client.get("/remediation/").get_data(as_text=True)
    assert "04/05/2020" in page and "Quá hạn" in page and "quá hạn" in page


def test_office_summary_counts_overdue_as_of_the_given_day(unit_head, make_item):
    unit = unit_head.unit
    make_item(unit, deadline=date(2026, 3, 20))
    make_item(unit, deadline=date(2026, 3, 20), state="reported", reported_at=datetime(2026, 3, 1))
    [before] = queries.office_summary(date(2026, 3, 20))
    [after] = queries.office_summary(date(2026, 3, 21))
    assert before.counts == {"open": 1, "reported": 1}
    assert after.counts == {"overdue": 1, "reported": 1}
