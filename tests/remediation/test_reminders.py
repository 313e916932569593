"""Reminders: in-app notices and e-mail through a real SMTP server, once per item and day."""
import email
from datetime import date, datetime, timedelta
from email import policy

from sqlalchemy import func, select

from inspect_app.extensions import db
from inspect_app.org import roles
from inspect_app.remediation import outbox, reminders
from inspect_app.remediation.models import OutboxMail, RemediationNotice
from inspect_app.timeutil import utcnow

from .conftest import free_port

TODAY = date(2026, 3, 18)


def _received(inbox):
    return [(rcpt, email.message_from_bytes(raw, policy=policy.default))
            for rcpt, raw in inbox.messages]


def test_items_due_within_three_days_and_overdue_are_reminded(unit_head, make_item, app):
    unit = unit_head.unit
    due_soon = make_item(unit, deadline=TODAY + timedelta(days=3))
    overdue = make_item(unit, deadline=TODAY - timedelta(days=1), state="reopened")
    make_item(unit, deadline=TODAY + timedelta(days=4))  # not yet
    make_item(unit, deadline=TODAY - timedelta(days=9), state="reported",
              reported_at=datetime(2026, 3, 1))  # waiting for the office
    make_item(unit, deadline=TODAY - timedelta(days=9), state="verified")
    assert app.config["REMINDER_DAYS_BEFORE"] == 3
    result = reminders.remind(TODAY)
    assert (result.items, result.notices, result.mails) == (2, 2, 1)
    notices = {n.item_id: n for n in db.session.scalars(select(RemediationNotice))}
    assert set(notices) == {due_soon.id, overdue.id}
    assert notices[due_soon.id].kind == "due_soon" and "còn 3 ngày" in notices[due_soon.id].text
    assert notices[overdue.id].kind == "overdue" and "quá hạn 1 ngày" in notices[overdue.id].text
    assert [e.kind for e in due_soon.events] == ["reminded"]


def test_days_before_is_configurable(unit_head, make_item, app):
    make_item(unit_head.unit, deadline=TODAY + timedelta(days=5))
    assert reminders.remind(TODAY).notices == 0
    app.config["REMINDER_DAYS_BEFORE"] = 7
    try:
        assert reminders.remind(TODAY).notices == 1
    finally:
        app.config["REMINDER_DAYS_BEFORE"] = 3


def test_the_same_item_is_reminded_once_a_day(unit_head, make_item):
    make_item(unit_head.unit, deadline=TODAY)
    assert reminders.remind(TODAY).notices == 1
    assert reminders.remind(TODAY) == reminders.RemindResult(0, 0, 0)
    assert reminders.remind(TODAY + timedelta(days=1)).notices == 1  # and again tomorrow
    assert db.session.scalar(select(func.count()).select_from(OutboxMail)) == 2


def test_unit_head_sees_the_notice_on_their_pages_until_read(client, sign_in, unit_head,
                                                            make_item, make_unit, make_user):
    item = make_item(unit_head.unit, deadline=date(2020, 1, 10), action="Treo cờ đúng quy định")
    other_head = make_user(roles.UNIT_HEAD, unit=make_unit())
    make_item(other_head.unit, deadline=date(2020, 1, 10), action="Việc của đơn vị khác")
    reminders.remind(date(2020, 1, 12))
    sign_in(unit_head)
    page = client.get("/remediation/").get_data(as_text=True)
    assert "Nhắc nhở" in page and "Treo cờ đúng quy định" in page and "quá hạn 2 ngày" in page
    assert "Việc của đơn vị khác" not in page
    assert "quá hạn 2 ngày" in client.get(f"/remediation/items/{item.id}").get_data(as_text=True)
    assert client.post("/remediation/notices/read").status_code == 302
    assert "Nhắc nhở" not in client.get("/remediation/").get_data(as_text=True)


def test_reminder_mail_arrives_in_vietnamese_utf8(smtp_server, unit_head, make_item):
    make_item(unit_head.unit, deadline=TODAY + timedelta(days=2),
              action="Niêm yết công khai số điện thoại đường dây nóng")
    make_item(unit_head.unit, deadline=TODAY - timedelta(days=4),
              action="Thu hồi thủ tục hết hiệu lực khỏi bảng niêm yết")
    reminders.remind(TODAY)
    result = outbox.send_pending()
    assert (result.sent, result.failed, result.waiting) == (1, 0, 0)
    [(rcpt, msg)] = _received(smtp_server)
    assert rcpt == ["hung.tanlap@minhson.example.vn"] and msg["To"] == rcpt[0]
    assert msg["Subject"] == "Nhắc hạn khắc phục: 2 yêu cầu của Xã Tân Lập (1 quá hạn)"
    assert "nhac-han@snv.minhson.example.vn" in msg["From"]
    body = msg.get_content()
    assert msg.get_content_charset() == "utf-8"
    assert "Kính gửi Nguyễn Văn Hùng," in body
    assert "Niêm yết công khai số điện thoại đường dây nóng" in body
    assert "Thời hạn: 20/03/2026 – còn 2 ngày." in body
    assert "Thời hạn: 14/03/2026 – quá hạn 4 ngày." in body
    assert smtp_server.logins == ["kiemtra"]
    mail = db.session.scalar(select(OutboxMail))
    assert mail.sent_at is not None and mail.attempts == 1


def test_a_sent_mail_is_never_sent_again(smtp_server, unit_head, make_item):
    make_item(unit_head.unit, deadline=TODAY)
    reminders.remind(TODAY)
    outbox.send_pending()
    reminders.remind(TODAY)
    outbox.send_pending()
    outbox.send_pending(now=utcnow() + timedelta(days=2))
    assert len(smtp_server.messages) == 1


def test_no_smtp_host_keeps_mail_queued(app, unit_head, make_item):
    make_item(unit_head.unit, deadline=TODAY)
    reminders.remind(TODAY)
    assert app.config["SMTP_HOST"] is None
    assert outbox.send_pending() == outbox.SendResult(0, 0, 1)
    assert db.session.scalar(select(OutboxMail)).attempts == 0


def test_a_failure_is_kept_and_retried_later(app, smtp_server, unit_head, make_item):
    make_item(unit_head.unit, deadline=TODAY)
    reminders.remind(TODAY)
    working_port = app.config["SMTP_PORT"]
    app.config["SMTP_PORT"] = free_port()  # nobody listens there
    now = utcnow()
    assert outbox.send_pending(now=now) == outbox.SendResult(0, 1, 1)
    mail = db.session.scalar(select(OutboxMail))
    db.session.refresh(mail)
    assert mail.attempts == 1 and mail.sent_at is None and "ConnectionRefused" in mail.last_error
    assert mail.next_attempt_at == now + outbox.retry_delay(1)
    app.config["SMTP_PORT"] = working_port
    assert outbox.send_pending(now=now + timedelta(minutes=1)).sent == 0  # not due yet
    assert outbox.send_pending(now=now + timedelta(minutes=6)).sent == 1
    assert len(smtp_server.messages) == 1
    db.session.refresh(mail)
    assert mail.sent_at is not None and mail.last_error is None and mail.attempts == 2


def test_retry_waits_grow_and_are_capped():
    assert [outbox.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3)] == [5, 10, 20]
    assert outbox.retry_delay(30) == timedelta(hours=6)


def test_a_unit_head_without_email_gets_only_the_notice(unit_head, make_item):
    unit_head.email = None
    db.session.commit()
    make_item(unit_head.unit, deadline=TODAY)
    assert reminders.remind(TODAY) == reminders.RemindResult(notices=1, mails=0, items=1)


def test_cli_reminds_and_sends(app, smtp_server, unit_head, make_item):
    make_item(unit_head.unit, deadline=date(2026, 3, 19))
    out = app.test_cli_runner().invoke(args=["remediation", "remind", "--today", "2026-03-18"])
    assert out.exit_code == 0, out.output
    assert "1 items, 1 notices, 1 e-mails queued" in out.output
    assert "E-mail: 1 sent, 0 failed, 0 waiting." in out.output
    assert len(smtp_server.messages) == 1
    again = app.test_cli_runner().invoke(args=["remediation", "send-mail"])
    assert "E-mail: 0 sent" in again.output and len(smtp_server.messages) == 1
