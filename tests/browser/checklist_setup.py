"""Checklists the world's round offers, set up through the database before the phone syncs."""
from sqlalchemy import select

from inspect_app.checklists import operations
from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.org.models import User


def use_definition(app, world, definition: dict, digest: str) -> None:
    """The world's checklist version asks `definition` (loader-normalised) from now on."""
    with app.app_context():
        version = db.session.get(ChecklistVersion, world.version_id)
        version.definition, version.content_hash = definition, digest
        db.session.commit()
        db.session.remove()


def offer_imported(app, world, definition: dict, source_name: str) -> str:
    """Import `definition` as the office page does (a new checklist), offered by the world's round
    in place of its own; returns the checklist's title."""
    with app.app_context():
        admin = db.session.get(User, world.lead_id)
        result = operations.import_definition(definition, source_name, admin)
        assert result.status == "created", result
        checklist = db.session.scalar(select(Checklist).where(Checklist.slug == result.slug))
        db.session.get(Round, world.round_id).checklists = [checklist]
        db.session.commit()
        title = checklist.title
        db.session.remove()
    return title
