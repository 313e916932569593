"""Issue: once every photo and drawn signature is stored, a numbered, signed PDF; remediation
items from the record; failures leave the minutes signed; amendments chain to what they amend."""
import logging

from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Finding, Inspection
from inspect_app.minutes import files
from inspect_app.minutes.issue import issue_ready_minutes
from inspect_app.minutes.models import Minutes
from inspect_app.minutes.verify import verify_pdf
from inspect_app.remediation.models import RemediationItem
from inspect_app.storage import storage

from .. import multipart
from .conftest import pdftotext
from .site import (  # noqa: F401  (fixtures)
    new_id,
    op,
    pull,
    push,
    sha,
    sign_in,
    site_fixture,
    statuses,
    upload,
    worked_fixture,
)
from .test_signing import make_pkcs12


def _minutes() -> list[Minutes]:
    db.session.expire_all()
    return db.session.scalars(select(Minutes).order_by(Minutes.id)).all()


def _status(key) -> str:
    db.session.expire_all()
    return db.session.scalar(select(Inspection.status).where(Inspection.uuid == key))


def test_minutes_are_issued_by_the_upload_that_completes_them(client, site, worked):
    assert statuses(push(client, site.sign(worked))) == ["applied"]
    *first, last = site.photos + site.signatures
    for data in first:
        upload(client, data, "image/jpeg" if data[:2] == b"\xff\xd8" else "image/png")
    assert [m.status for m in _minutes()] == ["signed"]
    upload(client, last, "image/png")
    [minutes] = _minutes()
    assert (minutes.status, minutes.number, _status(worked)) == ("issued", "01/BB-ĐKT", "issued")
    pdf = storage().get(files.pdf_key(minutes.pdf_sha256))
    assert pdf.startswith(b"%PDF") and minutes.issued_at is not None
    verdict = verify_pdf(pdf)
    assert verdict.ok, verdict


def test_minutes_are_issued_once_by_the_batch_upload_that_completes_them(client, site, worked):
    assert statuses(push(client, site.sign(worked))) == ["applied"]
    body, content_type = multipart.form(
        [(sha(d), "image/jpeg", d) for d in site.photos]
        + [(sha(d), "image/png", d) for d in site.signatures])
    resp = client.post("/api/photos/batch", data=body, content_type=content_type)
    assert all(r["stored"] for r in resp.get_json()["results"])
    assert [(m.status, m.number) for m in _minutes()] == [("issued", "01/BB-ĐKT")]
    assert _status(worked) == "issued"


def test_minutes_are_issued_at_signing_when_everything_is_stored(client, site, worked):
    site.upload_all(client)
    assert statuses(push(client, site.sign(worked))) == ["applied"]
    assert [(m.status, m.number) for m in _minutes()] == [("issued", "01/BB-ĐKT")]


def test_numbers_follow_one_sequence_a_year(client, site, worked):
    site.upload_all(client)
    push(client, site.sign(worked))
    other = new_id()
    assert set(statuses(push(client, *site.work(other)))) == {"applied"}
    push(client, site.sign(other))
    assert [m.number for m in _minutes()] == ["01/BB-ĐKT", "02/BB-ĐKT"]


def test_issued_minutes_create_remediation_items(client, site, worked):
    site.upload_all(client)
    sign = site.sign(worked)
    push(client, sign)
    items = db.session.scalars(select(RemediationItem).order_by(RemediationItem.id)).all()
    wanted = sign["data"]["draft"]["remediation"]
    assert [i.uuid for i in items] == [r["uuid"] for r in wanted]
    finding = db.session.scalar(select(Finding).where(Finding.item_id == "KL-03"))
    assert items[0].finding_id == finding.id and items[1].finding_id is None
    assert [(i.state, i.deadline.isoformat(), i.unit_id) for i in items] == [
        ("open", "2026-12-07", site.unit.id), ("open", "2026-12-22", site.unit.id)]
    assert items[0].responsible == "Chủ tịch UBND xã"


def test_issue_failure_leaves_the_minutes_signed_for_a_retry(app, client, site, worked, caplog):
    site.upload_all(client)
    app.config["INSPECT_ENV"] = "production"  # no office certificate configured: signing fails
    try:
        with caplog.at_level(logging.ERROR, logger="inspect_app.minutes.issue"):
            assert statuses(push(client, site.sign(worked))) == ["applied"]
    finally:
        app.config["INSPECT_ENV"] = "development"
    assert "not issued; left signed for a retry" in caplog.text
    [minutes] = _minutes()
    assert (minutes.status, minutes.number, minutes.pdf_sha256) == ("signed", None, None)
    assert _status(worked) == "signed" and len(minutes.signatures) == 2
    assert issue_ready_minutes() == 1
    assert [(m.status, m.number) for m in _minutes()] == [("issued", "01/BB-ĐKT")]


def test_production_issues_only_with_the_public_address_it_prints(app, client, site, worked,
                                                                 caplog, tmp_path):
    site.upload_all(client)
    saved = {k: app.config.get(k) for k in ("INSPECT_ENV", "PUBLIC_BASE_URL", "MINUTES_PKCS12",
                                            "MINUTES_PKCS12_PASSPHRASE")}
    app.config.update(INSPECT_ENV="production", PUBLIC_BASE_URL=None,
                      MINUTES_PKCS12=make_pkcs12(tmp_path, b"bi-mat"),
                      MINUTES_PKCS12_PASSPHRASE="bi-mat")
    try:
        with caplog.at_level(logging.ERROR, logger="inspect_app.minutes.issue"):
            assert statuses(push(client, site.sign(worked))) == ["applied"]
        assert "PUBLIC_BASE_URL must be set" in caplog.text  # not the address it synced through
        assert [(m.status, m.number) for m in _minutes()] == [("signed", None)]
        app.config["PUBLIC_BASE_URL"] = "https://kiemtra.minhson.gov.vn"
        assert issue_ready_minutes() == 1
    finally:
        app.config.update(saved)
    [minutes] = _minutes()
    text = pdftotext(storage().get(files.pdf_key(minutes.pdf_sha256)))
    assert f"kiemtra.minhson.gov.vn/verify/{minutes.public_id}" in text


def test_pull_sends_issued_minutes_once_then_drops_the_inspection(client, site, worked):
    push(client, site.sign(worked))
    cursor = pull(client)["cursor"]
    site.upload_all(client)
    [inspection] = pull(client, cursor)["inspections"]
    [minutes] = inspection["minutes"]
    assert (inspection["status"], minutes["status"], minutes["number"]) == (
        "issued", "issued", "01/BB-ĐKT")
    assert minutes["pdf_url"] == f"/minutes/{minutes['public_id']}.pdf"
    assert minutes["verify_url"] == f"/verify/{minutes['public_id']}"
    assert pull(client)["inspections"] == []  # a full pull no longer holds it


def test_amendment_chain(client, site, worked):
    site.upload_all(client)
    first = site.sign(worked)
    push(client, first)
    old = first["data"]["minutes"]
    new = new_id()
    amend = op("minutes.amend", worked, minutes=new, amends=old, reason="Bổ sung ý kiến đơn vị")
    assert statuses(push(client, amend)) == ["applied"]
    [reopened] = pull(client)["inspections"]  # back on the devices, the reservation unseen
    assert reopened["status"] == "in_progress"
    assert [(m["uuid"], m["status"]) for m in reopened["minutes"]] == [(old, "issued")]
    assert statuses(push(client, site.answer(worked, "KL-03", 1))) == ["applied"]
    # The draft is carried over: the same remediation request is amended, not duplicated.
    draft = first["data"]["draft"]
    draft["unit_opinion"] = "Đơn vị đề nghị ghi nhận đã khắc phục một trường hợp."
    draft["remediation"] = draft["remediation"][:1]
    second = site.sign(worked, draft, minutes=new, amends=old, reason="Bổ sung ý kiến đơn vị")
    assert statuses(push(client, second)) == ["applied"]
    one, two = _minutes()
    assert (one.uuid, one.status, one.number) == (old, "issued", "01/BB-ĐKT")
    assert (two.uuid, two.status, two.number, two.amends_id) == (new, "issued", "02/BB-ĐKT",
                                                                 one.id)
    assert two.record["amends"] == old and two.record["amendment_reason"] == "Bổ sung ý kiến đơn vị"
    assert _status(worked) == "issued"
    items = db.session.scalars(select(RemediationItem)).all()
    assert [i.uuid for i in items] == [draft["remediation"][0]["uuid"]]


def test_second_minutes_must_amend_the_newest(client, site, worked):
    first = site.sign(worked)
    push(client, first)
    push(client, op("minutes.amend", worked, minutes=new_id(), amends=first["data"]["minutes"],
                    reason="Sửa"))
    [result] = push(client, site.sign(worked))  # no `amends`
    assert result["status"] == "refused" and "biên bản sửa đổi" in result["reason"]


def test_only_the_lead_amends(client, site, worked):
    first = site.sign(worked)
    push(client, first)
    sign_in(client, site.inspector)
    [result] = push(client, op("minutes.amend", worked, minutes=new_id(),
                               amends=first["data"]["minutes"], reason="Sửa"))
    assert result["status"] == "refused" and "trưởng đoàn" in result["reason"]
