"""`flask minutes …`: verify exits 0 or 1 with the reason; list and export issued minutes."""
from inspect_app.minutes import verify

from .conftest import tamper


def test_verify_accepts_issued_minutes(runner, make_minutes, tmp_path):
    made = make_minutes()
    path = tmp_path / "bien-ban.pdf"
    path.write_bytes(made.pdf)
    result = runner.invoke(args=["minutes", "verify", str(path)])
    assert result.exit_code == 0, result.output
    assert "HỢP LỆ" in result.output and made.minutes.public_id in result.output


def test_verify_rejects_a_changed_byte_with_the_reason(runner, make_minutes, tmp_path):
    path = tmp_path / "sua.pdf"
    path.write_bytes(tamper(make_minutes().pdf))
    result = runner.invoke(args=["minutes", "verify", str(path)])
    assert result.exit_code == 1
    assert "KHÔNG HỢP LỆ" in result.output and verify.NOT_ISSUED in result.output


def test_list_shows_issued_minutes_public_id_first(runner, make_minutes):
    issued = make_minutes()
    pending = make_minutes(issue=False)
    lines = runner.invoke(args=["minutes", "list"]).output.splitlines()
    assert len(lines) == 1
    fields = lines[0].split("\t")
    assert fields[0] == issued.minutes.public_id
    assert fields[1:] == [issued.minutes.number, "UBND xã Tân Lập", "22/11/2026", "Đã ban hành"]
    assert pending.minutes.public_id not in lines[0]


def test_export_writes_the_signed_bytes(runner, make_minutes, tmp_path):
    made = make_minutes()
    out = tmp_path / "ra.pdf"
    result = runner.invoke(args=["minutes", "export", made.minutes.public_id, str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == made.pdf
    assert runner.invoke(args=["minutes", "export", "khong-co", str(out)]).exit_code == 1


def test_issue_pending_is_a_command(runner):
    assert "issue-pending" in runner.invoke(args=["minutes", "--help"]).output
