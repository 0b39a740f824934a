from flask import abort

from app.core.htmx import render
from app.network import bp
from app.network.models import Organisation
from app.network.services import directory, heads_user_id, organisation_by_code


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
    """An organisation's page; for a Member State, the way to its fact sheet (app/factsheets adds it)."""
    organisation = _organisation_or_404(code)
    return render("network/detail.html", organisation=organisation, head_id=heads_user_id(organisation.id))

