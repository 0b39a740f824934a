"""The administrators' setting about the Schengen-associated countries, kept on the organisations page: whether
their members report obstacles and best practices (off until an administrator allows it)."""

from flask import flash, request, url_for
from flask_login import current_user
from wtforms import BooleanField, SubmitField

from app.admin import bp
from app.core.forms import Form
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, _l
from app.extensions import db
from app.network.associated import associated_may_report, set_associated_may_report


class AssociatedCountriesForm(Form):
    may_report = BooleanField(
        _l("Associated countries may report obstacles and practices"),
        description=_l("Norway, Iceland, Switzerland and Liechtenstein always read, comment, take part in meetings "
                       "and answer assessments. With this on, their members also report obstacles and submit best "
                       "practices in their country's name. They are never counted as EU Member States."))
    submit = SubmitField(_l("Save"))


def associated_form(formdata: bool = False) -> AssociatedCountriesForm:
    """The form as the page shows it: the stored setting, or what was posted."""
    if formdata:
        return AssociatedCountriesForm(formdata=request.form)  # an unticked box sends nothing at all
    return AssociatedCountriesForm(formdata=None, data={"may_report": associated_may_report()})


@bp.post("/organisations/associated")
def associated_settings():
    """Allow or forbid the associated countries to report obstacles and practices (audited)."""
    form = associated_form(formdata=True)
    if form.validate_on_submit():
        changed = set_associated_may_report(current_user, form.may_report.data)
        db.session.commit()
        flash(_("Saved.") if changed else _("Nothing changed."), "success")
        return redirect_after_post(url_for("admin.organisations") + "#associated")
    from app.admin.views import organisations_context

    return render("admin/organisations.html", status=400, **organisations_context(associated_form=form))
