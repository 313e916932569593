"""The demo gives the unit head something to report and a reminder already issued."""
from datetime import date, timedelta

from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.org.models import User
from inspect_app.remediation.models import OutboxMail, RemediationItem, RemediationNotice


def test_demo_unit_head_has_an_item_falling_due_and_its_reminder(app, client, auth):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    head = db.session.scalar(select(User).where(User.username == "unithead"))
    due = db.session.scalar(select(RemediationItem).where(
        RemediationItem.unit_id == head.unit_id, RemediationItem.state == "open",
        RemediationItem.deadline == date.today() + timedelta(days=2)))
    assert due is not None
    notices = db.session.scalars(select(RemediationNotice).where(
        RemediationNotice.user_id == head.id)).all()
    assert due.id in {n.item_id for n in notices}
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == head.email))
    assert mail is not None and "Xã Tân Lập" in mail.subject
    assert auth.login("unithead", "demo").status_code == 302
    page = client.get("/remediation/").get_data(as_text=True)
    assert "Nhắc nhở" in page and due.action in page
    assert "Kiểm tra đột xuất đợt 4" not in page
