"""The menu: each area adds its entries with the roles that may see them."""
from dataclasses import dataclass

from flask import g, url_for


@dataclass(frozen=True)
class Entry:
    label: str
    endpoint: str
    roles: tuple[str, ...]


def add(app, label: str, endpoint: str, roles: tuple[str, ...]) -> None:
    """Add a menu entry shown to users whose role is listed."""
    app.extensions.setdefault("nav", []).append(Entry(label, endpoint, tuple(roles)))


def init_app(app) -> None:
    @app.context_processor
    def _links():
        user = g.get("user")
        if user is None:
            return {"home_links": []}
        entries = app.extensions.get("nav", [])
        links = [
            {"label": e.label, "url": url_for(e.endpoint)} for e in entries if user.role in e.roles
        ]
        return {"home_links": links}
