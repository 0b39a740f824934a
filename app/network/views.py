from flask import abort, flash, url_for
from flask_login import current_user

from app.core.concurrency import commit_unless_stale
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.core.timezones import today
from app.network import bp
from app.network.forms import CountryProfileForm
from app.network.models import Organisation
from app.network.permissions import can_edit_profile
from app.network.services import directory, heads_user_id, organisation_by_code, update_profile


def _organisation_or_404(code: str) -> Organisation:
    organisation = organisation_by_code(code)
    if organisation is None:
        abort(404)
    return organisation


@bp.route("/")
def index():
    """The directory: Member States, agencies and the Council, with their members."""
    return render("network/index.html", groups=directory())


@bp.route("/<code>")
def detail(code: str):
    """An organisation's page; for a Member State, its country profile."""
    organisation = _organisation_or_404(code)
    return render("network/detail.html", organisation=organisation, head_id=heads_user_id(organisation.id))


@bp.route("/<code>/edit", methods=["GET", "POST"])
def edit(code: str):
    """Edit a country profile (that country's members and administrators)."""
    organisation = _organisation_or_404(code)
    if not can_edit_profile(current_user, organisation):
        abort(403)
    form = CountryProfileForm(obj=organisation)
    if not form.is_submitted():
        form.version.data = str(organisation.version)
        if form.profile_verified_on.data is None:
            form.profile_verified_on.data = today()
    conflict = False
    if form.validate_on_submit():
        saved, _changed = commit_unless_stale(form, organisation,
                                       lambda: update_profile(current_user, organisation, form.data))
        if saved:
            flash(_("The profile of %(name)s is saved.", name=organisation.name), "success")
            return redirect_after_post(url_for("network.detail", code=organisation.code))
        conflict = True
    return render(
        "network/edit.html", "network/_profile_form.html",
        status=409 if conflict else 200, organisation=organisation, form=form, conflict=conflict,
    )
