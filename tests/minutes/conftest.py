"""Fixtures: minutes rows built directly, with real photos and signatures in storage."""
import hashlib
import itertools
import json
import subprocess
from dataclasses import dataclass
from datetime import datetime

import pytest

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.minutes import files
from inspect_app.minutes.models import Minutes, Signature
from inspect_app.minutes.pdf import render_minutes_pdf
from inspect_app.minutes.signing import sign_pdf
from inspect_app.org import roles
from inspect_app.photos import operations as photo_ops
from inspect_app.photos import processing

from . import records

_seq = itertools.count(1)


@pytest.fixture(scope="session", autouse=True)
def _signing_dir(app, tmp_path_factory):
    """A development certificate of this test run, not the one in the instance folder."""
    app.config["MINUTES_SIGNING_DIR"] = str(tmp_path_factory.mktemp("minutes-signing"))
    app.config["PUBLIC_BASE_URL"] = "https://kiemtra.minhson.gov.vn"


def put_image(data: bytes) -> str:
    """Store image bytes as the photo upload does (original and thumbnail); return the hash."""
    sha = records.sha256(data)
    photo_ops.save_files(sha, data, processing.thumbnail(data))
    db.session.commit()
    return sha


def pdftotext(pdf: bytes, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def tamper(pdf: bytes) -> bytes:
    """The PDF with one byte changed inside its first stream (covered by the signature)."""
    data = bytearray(pdf)
    data[data.index(b"stream") + 40] ^= 0x01
    return bytes(data)


@dataclass
class Made:
    minutes: Minutes
    record: dict
    meta: dict
    pdf: bytes | None


def _meta(record, public_id, signatures, number, amends=None):
    return {"number": number, "issued_at": datetime(2026, 11, 22, 5, 0),
            "verify_url": files.verify_url(public_id), "short_url": files.short_url(public_id),
            "signatures": signatures, "amends": amends}


@pytest.fixture
def make_minutes(app, make_unit, make_user, make_team):
    """Factory: an inspection with minutes signed on site and (by default) issued as a PDF."""

    def make(*, photos: int = 3, refused: bool = False, issue: bool = True, nfd: bool = False,
             unit=None, team=None, amends: Minutes | None = None, **record_options) -> Made:
        n = next(_seq)
        unit = unit or make_unit(name=records.UNIT)
        team = team or make_team(lead=make_user(roles.LEAD))
        inspection = Inspection(uuid=f"00000000-0000-4000-8000-{n:012d}", unit=unit, team=team,
                                kind="surprise", status="signed")
        shas = [put_image(records.photo_jpeg(n * 100 + i)) for i in range(photos)]
        if amends is not None:
            record_options.update(amends=amends.uuid,
                                  amendment_reason="Bổ sung ý kiến của đơn vị")
        record = records.record(photos=shas, **record_options)
        record["unit"]["id"] = unit.id
        if nfd:
            record = records.nfd(record)
        signatures = [
            {"role": "lead", "full_name": records.LEAD, "title": "Trưởng đoàn kiểm tra",
             "image_sha256": put_image(records.signature_png(n)), "refused": False,
             "refusal_reason": None, "signed_at": "2026-11-22T04:38:00Z"},
            {"role": "unit_rep", "full_name": records.REP, "title": "Chủ tịch UBND xã",
             "image_sha256": None if refused else put_image(records.signature_png(n + 1000)),
             "refused": refused,
             "refusal_reason": "Không đồng ý với kết luận về nội dung KL-02" if refused else None,
             "signed_at": "2026-11-22T04:39:00Z"}]
        content_hash = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        public_id = f"bb{n:04d}x7kq2m9"
        minutes = Minutes(public_id=public_id, uuid=f"10000000-0000-4000-8000-{n:012d}",
                          status="signed", inspection=inspection, content_hash=content_hash,
                          record=record, signed_at=datetime(2026, 11, 22, 4, 39),
                          amends=amends)
        for s in signatures:
            minutes.signatures.append(Signature(
                uuid=f"2000000{len(minutes.signatures)}-0000-4000-8000-{n:012d}",
                inspection=inspection, signer_role=s["role"], full_name=s["full_name"],
                title=s["title"], image_sha256=s["image_sha256"], refused=s["refused"],
                refusal_reason=s["refusal_reason"], content_hash=content_hash,
                signed_at=datetime(2026, 11, 22, 4, 38)))
        db.session.add(minutes)
        db.session.commit()
        number = f"{n}/BB-ĐKT"
        old = {"number": amends.number, "public_id": amends.public_id} if amends else None
        meta = _meta(record, public_id, signatures, number, old)
        pdf = None
        if issue:
            pdf = sign_pdf(render_minutes_pdf(record, meta))
            minutes.pdf_sha256 = files.store_pdf(pdf)
            minutes.number, minutes.status = number, "issued"
            minutes.issued_at = datetime(2026, 11, 22, 5, 0)
            db.session.commit()
        return Made(minutes, record, meta, pdf)

    return make


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
