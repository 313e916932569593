"""Fixtures for the photo API: an empty photo store per test, uploads, and Photo rows."""
import hashlib
import itertools
import uuid
from datetime import date

import pytest

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.photos.models import Photo
from inspect_app.remediation.models import RemediationItem
from inspect_app.storage import LocalStorage

_seed = itertools.count(1)


@pytest.fixture
def seed():
    """A number no other test uses, so each test's pictures have their own hashes."""
    return next(_seed)


@pytest.fixture
def photo_store(app, tmp_path, monkeypatch):
    """Each test starts with no photo bytes stored."""
    store = LocalStorage(tmp_path / "storage")
    monkeypatch.setitem(app.extensions, "storage", store)
    return store


@pytest.fixture
def put_photo(client, photo_store):
    """PUT bytes to /api/photos/<sha256>; the hash is the body's own unless given."""

    def put(data: bytes, sha256: str | None = None, content_type: str = "image/jpeg", **kwargs):
        sha256 = sha256 or hashlib.sha256(data).hexdigest()
        return client.put(f"/api/photos/{sha256}", data=data, content_type=content_type, **kwargs)

    return put


@pytest.fixture
def make_photo_row(make_unit):
    """Factory: a Photo row (metadata synced before or after the bytes) of an inspection of a unit,
    or of a remediation item when `remediation=True`."""

    def make(sha256: str, unit=None, remediation: bool = False, **overrides):
        unit = unit or make_unit()
        inspection = Inspection(uuid=str(uuid.uuid4()), unit_id=unit.id)
        db.session.add(inspection)
        db.session.flush()
        photo = Photo(uuid=str(uuid.uuid4()), sha256=sha256, **overrides)
        if remediation:
            item = RemediationItem(uuid=str(uuid.uuid4()), inspection_id=inspection.id,
                                   unit_id=unit.id, action="Niêm yết thủ tục hành chính",
                                   deadline=date(2026, 12, 31))
            db.session.add(item)
            db.session.flush()
            photo.remediation_item_id = item.id
        else:
            photo.inspection_id = inspection.id
        db.session.add(photo)
        db.session.commit()
        return photo

    return make
