"""The one way a page form is handled: validate, run the operation, show a refusal by its field."""
from flask import flash, redirect, render_template, request

from .errors import Refused


def submit(form, template, save, done_url, **context):
    """Validate the form, run the operation, show a refusal next to its field (400)."""
    if form.validate_on_submit():
        try:
            save()
        except Refused as err:
            field = getattr(form, err.field, None) if err.field else None
            (field.errors if field is not None else form.form_errors).append(err.reason)
        else:
            flash("Đã lưu.")
            return redirect(done_url())
    status = 400 if request.method == "POST" else 200
    return render_template(template, form=form, **context), status
