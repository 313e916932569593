"""Unit heads' pages: their unit's items, reports on them, the report PDF, their reminders."""
from flask import flash, redirect, render_template, request, url_for

from ..documents import issued
from ..downloads import pdf_response
from ..errors import NotFound
from ..formflow import submit
from ..org import roles
from ..org.auth import current_user, requires
from . import labels, operations, queries, reports
from .blueprint import bp
from .forms import ActionForm, ItemReportForm, SendReportForm
from .models import REMEDIATION_STATES

unit_head = requires(roles.UNIT_HEAD)


@bp.route("/")
@unit_head
def index():
    user, today = current_user(), labels.vietnam_today()
    items = queries.unit_items(user.unit_id, today)
    minutes_of = issued.minutes_by_inspection(user.unit_id)
    state = request.args.get("state") or None
    if state is not None and state not in REMEDIATION_STATES:
        flash("Không có trạng thái này; danh sách hiện đủ các yêu cầu.")
        state = None
    return render_template(
        "remediation/index.html", user=user, today=today, items=items, state=state,
        groups=queries.grouped_by_minutes(items, minutes_of, today, state),
        counts=queries.state_counts(items, today), states=REMEDIATION_STATES,
        minutes=issued.issued_minutes(user.unit_id), minutes_of=minutes_of,
        conclusions=issued.notices_of(m.id for m in minutes_of.values()),
        notices=queries.current_notices(user), pending=reports.pending_items(user.unit_id),
        reports=queries.unit_reports(user.unit_id), action_form=ActionForm())


@bp.route("/items/<int:remediation_id>", methods=["GET", "POST"])
@unit_head
def item(remediation_id):
    user, today = current_user(), labels.vietnam_today()
    found = queries.item_for_unit_head(user, remediation_id)
    form = ItemReportForm()
    if request.method == "GET" and found.state == "reported":
        form.text.data = found.report_text
    return submit(
        form, "remediation/item.html",
        lambda: operations.report_item(user, found, form.text.data, form.read_photo()),
        lambda: url_for("remediation.item", remediation_id=found.id),
        item=found, today=today, photos=queries.evidence([found.id])[found.id],
        minutes=issued.minutes_by_inspection(user.unit_id).get(found.inspection_id),
        notices=[n for n in queries.current_notices(user) if n.item_id == found.id])


@bp.route("/reports/new", methods=["GET", "POST"])
@unit_head
def new_report():
    user = current_user()
    form = SendReportForm()
    if request.method == "GET":
        form.signer_name.data = user.full_name
        form.signer_title.data = user.position
    return submit(
        form, "remediation/report_new.html",
        lambda: reports.send_report(user, form.number.data, form.signer_name.data,
                                    form.signer_title.data, form.note.data),
        lambda: url_for("remediation.index", _anchor="bao-cao"),
        pending=reports.pending_items(user.unit_id), today=labels.vietnam_today())


@bp.route("/reports/<int:report_id>.pdf")
@requires(*roles.ALL)
def report_pdf(report_id):
    report = queries.report_for(current_user(), report_id)
    data = reports.stored_pdf(report)
    if data is None:
        raise NotFound(queries.REPORT_GONE)
    return pdf_response(data, f"bao-cao-khac-phuc-{report.id}.pdf", report.pdf_sha256)


@bp.route("/notices/read", methods=["POST"])
@unit_head
def notices_read():
    if ActionForm().validate_on_submit():
        operations.mark_notices_read(current_user())
        flash("Đã đánh dấu đã xem các nhắc nhở.")
    return redirect(url_for("remediation.index"))
