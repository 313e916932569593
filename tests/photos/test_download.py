"""GET /api/photos/<sha256>[/thumb]: office roles see every photo, a unit head only their unit's."""
import hashlib

import pytest

from inspect_app.org import roles

from . import images


@pytest.fixture
def uploaded(client, login_as, put_photo, seed):
    """A photo uploaded by an inspector, who is then signed out; returns (bytes, sha256)."""
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    assert put_photo(data).status_code == 201
    client.post("/logout")
    return data, hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("role", [roles.ADMIN, roles.LEAD, roles.INSPECTOR, roles.VIEWER])
def test_office_roles_download_any_photo_and_its_thumbnail(client, login_as, uploaded, role):
    data, sha = uploaded
    login_as(role)
    resp = client.get(f"/api/photos/{sha}")
    assert resp.status_code == 200
    assert (resp.data, resp.mimetype) == (data, "image/jpeg")
    assert "immutable" in resp.headers["Cache-Control"]
    thumb = client.get(f"/api/photos/{sha}/thumb")
    assert thumb.status_code == 200 and thumb.mimetype == "image/jpeg"


def test_download_answers_304_when_the_device_has_it(client, login_as, uploaded):
    _, sha = uploaded
    login_as(roles.INSPECTOR)
    first = client.get(f"/api/photos/{sha}")
    again = client.get(f"/api/photos/{sha}", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_missing_photo_is_404_in_vietnamese(client, login_as, photo_store):
    login_as(roles.ADMIN)
    resp = client.get("/api/photos/" + "0" * 64)
    assert resp.status_code == 404
    assert resp.get_json()["error"] == "Không tìm thấy ảnh."
    assert client.get("/api/photos/" + "0" * 64 + "/thumb").status_code == 404


def test_unit_head_sees_photos_of_inspections_of_their_own_unit(client, login_as, uploaded,
                                                               make_unit, make_photo_row):
    data, sha = uploaded
    unit = make_unit()
    make_photo_row(sha, unit=unit)
    login_as(roles.UNIT_HEAD, unit=unit)
    assert client.head(f"/api/photos/{sha}").status_code == 200
    assert client.get(f"/api/photos/{sha}").data == data
    assert client.get(f"/api/photos/{sha}/thumb").status_code == 200


def test_unit_head_sees_remediation_evidence_of_their_own_unit(client, login_as, uploaded,
                                                              make_unit, make_photo_row):
    _, sha = uploaded
    unit = make_unit()
    make_photo_row(sha, unit=unit, remediation=True)
    login_as(roles.UNIT_HEAD, unit=unit)
    assert client.get(f"/api/photos/{sha}").status_code == 200


def test_unit_head_cannot_see_another_units_photo(client, login_as, uploaded, make_unit,
                                                  make_photo_row):
    _, sha = uploaded
    make_photo_row(sha, unit=make_unit())
    make_photo_row(sha, unit=make_unit(), remediation=True)
    login_as(roles.UNIT_HEAD, unit=make_unit())
    # 404, not 403: whether the photo exists is not theirs to learn either.
    assert client.head(f"/api/photos/{sha}").status_code == 404
    assert client.get(f"/api/photos/{sha}").status_code == 404
    assert client.get(f"/api/photos/{sha}/thumb").status_code == 404


def test_unit_head_cannot_see_a_photo_no_record_points_at(client, login_as, uploaded):
    _, sha = uploaded
    login_as(roles.UNIT_HEAD)
    assert client.get(f"/api/photos/{sha}").status_code == 404


def test_anonymous_download_is_told_to_sign_in(client, uploaded):
    _, sha = uploaded
    assert client.get(f"/api/photos/{sha}").status_code == 401
