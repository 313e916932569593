"""The menu: each area adds its entries with the roles that may see them.

The home page lists every entry by its full label; the menu bar uses the short label, and
gathers the entries of a group (the administrator's) under one button, so it fits one line of a
1366 px screen. On narrower screens the whole menu folds behind a "Danh mục" button.
"""
from dataclasses import dataclass

from flask import g, url_for


@dataclass(frozen=True)
class Entry:
    label: str
    endpoint: str
    roles: tuple[str, ...]
    short: str | None = None  # the menu bar's label, where `label` is long
    group: str | None = None  # entries of one group share one button of the menu bar


def add(app, label: str, endpoint: str, roles: tuple[str, ...], *, short: str | None = None,
        group: str | None = None) -> None:
    """Add a menu entry shown to users whose role is listed."""
    app.extensions.setdefault("nav", []).append(
        Entry(label, endpoint, tuple(roles), short=short, group=group))


def menu(entries: list[Entry]) -> list[dict]:
    """The menu bar: links by short label, a group's links under the group's name, where its
    first entry stands."""
    out, groups = [], {}
    for e in entries:
        link = {"label": e.short or e.label, "url": url_for(e.endpoint)}
        if e.group is None:
            out.append(link)
        elif e.group in groups:
            groups[e.group]["links"].append(link)
        else:
            groups[e.group] = {"label": e.group, "links": [link]}
            out.append(groups[e.group])
    return out


def init_app(app) -> None:
    @app.context_processor
    def _links():
        user = g.get("user")
        if user is None:
            return {"home_links": [], "menu": []}
        entries = [e for e in app.extensions.get("nav", []) if user.role in e.roles]
        links = [{"label": e.label, "url": url_for(e.endpoint)} for e in entries]
        return {"home_links": links, "menu": menu(entries)}
