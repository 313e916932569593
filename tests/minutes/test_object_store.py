"""End to end on the object store: STORAGE_URL=s3://... with moto_server over HTTP."""
import hashlib

from inspect_app.org import roles
from inspect_app.photos import keys

from ..photos.images import jpeg


def test_photo_upload_and_minutes_download_on_the_object_store(client, login_as, s3_app,
                                                               object_store, make_minutes):
    login_as(roles.ADMIN)
    data = jpeg(seed=1801)
    sha = hashlib.sha256(data).hexdigest()
    assert client.put(f"/api/photos/{sha}", data=data,
                      content_type="image/jpeg").status_code == 201
    listed = [o["Key"] for o in object_store.client().list_objects_v2(
        Bucket=s3_app.bucket)["Contents"]]
    assert "files/" + keys.original(sha) in listed and "files/" + keys.thumbnail(sha) in listed
    assert client.get(f"/api/photos/{sha}").status_code == 200

    made = make_minutes()  # photos and signatures rendered from the bucket
    resp = client.get(f"/minutes/{made.minutes.public_id}.pdf")
    assert resp.status_code == 200 and resp.data == made.pdf
    assert f"files/minutes/{made.minutes.pdf_sha256[:2]}/{made.minutes.pdf_sha256}.pdf" in [
        o["Key"] for o in object_store.client().list_objects_v2(
            Bucket=s3_app.bucket)["Contents"]]
