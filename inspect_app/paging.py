"""A page of a query's rows, counted in SQL, so a list's filters and its pages agree."""
from dataclasses import dataclass

from sqlalchemy import func, select

from .extensions import db

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    rows: list
    number: int  # from 1, clamped to the pages there are
    pages: int
    total: int


def paginate(query, number: int, size: int = PAGE_SIZE, *, scalars: bool = False):
    """(rows, number, pages, total) of page `number` of an ordered `query`."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    limited = query.limit(size).offset((number - 1) * size)
    found = (db.session.scalars(limited) if scalars else db.session.execute(limited)).all()
    return found, number, pages, total
