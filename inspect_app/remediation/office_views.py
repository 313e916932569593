"""The office's pages: reported items per unit, accepted (verified) or reopened with a reason."""
from flask import flash, redirect, render_template, url_for

from ..documents import issued
from ..errors import Refused
from ..formflow import submit
from ..org.auth import current_user, requires
from . import labels, operations, queries, reports, rules
from .blueprint import OFFICE_READERS, VERIFIERS, bp
from .forms import ActionForm, ReopenForm


@bp.route("/office/")
@requires(*OFFICE_READERS)
def office():
    today = labels.vietnam_today()
    return render_template("remediation/office.html", units=queries.office_summary(today),
                           today=today)


@bp.route("/office/units/<int:unit_id>")
@requires(*OFFICE_READERS)
def office_unit(unit_id):
    unit, today = queries.unit_or_404(unit_id), labels.vietnam_today()
    items = queries.unit_items(unit.id, today)
    return render_template(
        "remediation/office_unit.html", unit=unit, today=today, items=items,
        photos=queries.evidence([i.id for i in items]),
        minutes_of=issued.minutes_by_inspection(unit.id), reports=queries.unit_reports(unit.id),
        pending=reports.pending_items(unit.id), action_form=ActionForm(),
        may_change=rules.may_decide(current_user()))


@bp.route("/office/items/<int:remediation_id>/verify", methods=["POST"])
@requires(*VERIFIERS)
def verify(remediation_id):
    item = queries.item_for_office(remediation_id)
    if ActionForm().validate_on_submit():
        try:
            operations.verify_item(current_user(), item)
        except Refused as err:
            flash(err.reason)
        else:
            flash(f"Đã xác nhận hoàn thành: {item.action[:80]}")
    return redirect(url_for("remediation.office_unit", unit_id=item.unit_id,
                            _anchor=f"yc-{item.id}"))


@bp.route("/office/items/<int:remediation_id>/reopen", methods=["GET", "POST"])
@requires(*VERIFIERS)
def reopen(remediation_id):
    item, today = queries.item_for_office(remediation_id), labels.vietnam_today()
    form = ReopenForm()
    return submit(
        form, "remediation/reopen.html",
        lambda: operations.reopen_item(current_user(), item, form.reason.data, today,
                                       form.deadline.data),
        lambda: url_for("remediation.office_unit", unit_id=item.unit_id,
                        _anchor=f"yc-{item.id}"),
        item=item, today=today, photos=queries.evidence([item.id])[item.id])
