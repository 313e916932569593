"""The register of outgoing documents: one sequence per issuer, kind and year; no gap, no
duplicate, even when documents are issued at the same moment."""
import threading
from datetime import datetime

from sqlalchemy import select

from inspect_app.documents import register
from inspect_app.documents.models import RegisteredDocument
from inspect_app.extensions import db
from inspect_app.org.models import OrgUnit

NOON = datetime(2026, 3, 2, 5, 0)


def test_numbers_run_per_kind_and_issuer_with_a_leading_zero_below_ten(app, make_unit):
    office, other = make_unit(kind="office"), make_unit(kind="office")
    with app.app_context():
        numbers = [register.allocate("minutes", "BB-ĐKT", office, NOON) for _ in range(10)]
        assert numbers[0] == "01/BB-ĐKT" and numbers[9] == "10/BB-ĐKT"
        assert register.allocate("round_report", "BC-SNV", office, NOON) == "01/BC-SNV"
        assert register.allocate("minutes", "BB-ĐKT", other, NOON) == "01/BB-ĐKT"


def test_a_new_year_in_vietnam_starts_again_at_one(app, make_unit):
    office = make_unit(kind="office")
    with app.app_context():
        assert register.allocate("minutes", "BB-ĐKT", office, datetime(2026, 12, 31, 16, 0)) \
            == "01/BB-ĐKT"  # 23:00 on 31/12 in Vietnam
        assert register.allocate("minutes", "BB-ĐKT", office, datetime(2026, 12, 31, 17, 0)) \
            == "01/BB-ĐKT"  # 00:00 on 01/01/2027 in Vietnam: the 2027 register
        entries = db.session.scalars(select(RegisteredDocument.year)).all()
        assert sorted(entries) == [2026, 2027]


def test_a_document_that_fails_to_issue_gives_its_number_back(app, make_unit):
    office = make_unit(kind="office")
    with app.app_context():
        register.allocate("minutes", "BB-ĐKT", office, NOON)
        savepoint = db.session.begin_nested()
        assert register.allocate("minutes", "BB-ĐKT", office, NOON) == "02/BB-ĐKT"
        savepoint.rollback()  # e.g. signing failed: the issue is rolled back
        assert register.allocate("minutes", "BB-ĐKT", office, NOON) == "02/BB-ĐKT"
        db.session.commit()


def test_documents_issued_at_once_get_distinct_consecutive_numbers(app, make_unit):
    office_id = make_unit(kind="office").id
    numbers, errors = [], []

    def issue():
        # A request that writes, as the photo upload that issues minutes is: on SQLite it
        # queues for the writer's turn, on PostgreSQL on the register's advisory lock.
        with app.test_request_context("/", method="POST"):
            try:
                office = db.session.get(OrgUnit, office_id)
                numbers.append(register.allocate("minutes", "BB-ĐKT", office, NOON))
                db.session.commit()
            except Exception as err:  # noqa: BLE001  reported below, not swallowed
                errors.append(err)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [f"{n:02d}/BB-ĐKT" for n in range(1, 9)]
