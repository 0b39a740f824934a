"""Administrators: export and erase the personal data of a person the roster holds, from their roster entry or
from any of their nominations (a declined or withdrawn nominee has no roster entry)."""

import json

from flask import Response, abort, flash, request, url_for
from flask_login import current_user

from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.extensions import db
from app.roster import bp
from app.roster.models import Expert, Nomination
from app.roster.permissions import can_erase_expert, can_erase_nominee, can_export_expert, can_export_nominee
from app.roster.personal_data import (
    erase_person,
    export_person,
    person_of_expert,
    person_of_nomination,
    record_export,
)


def _download(data: dict, filename: str) -> Response:
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/experts/<int:expert_id>/export.json")
def export_expert_data(expert_id: int):
    """Administrators: everything held about one expert, as a JSON download (the export is audited)."""
    if not can_export_expert(current_user):
        abort(403)
    entry = db.get_or_404(Expert, expert_id)
    data = export_person(person_of_expert(entry))
    record_export(current_user, entry)
    db.session.commit()
    return _download(data, f"expert-{entry.id}.json")


@bp.route("/experts/<int:expert_id>/erase", methods=["GET", "POST"])
def erase_expert_data(expert_id: int):
    """Administrators: erase an expert's personal data (asks for confirmation first)."""
    entry = db.get_or_404(Expert, expert_id)
    if not can_erase_expert(current_user, entry):
        abort(403)
    person = person_of_expert(entry)
    if request.method == "POST":
        erase_person(current_user, person)
        db.session.commit()
        flash(_("The personal data of expert #%(id)s is erased.", id=entry.id), "success")
        return redirect_after_post(url_for("roster.expert", expert_id=entry.id))
    return render("roster/erase.html", person=person, name=entry.name,
                  action=url_for("roster.erase_expert_data", expert_id=entry.id),
                  back=url_for("roster.expert", expert_id=entry.id))


@bp.route("/nominations/<int:nomination_id>/export.json")
def export_nominee_data(nomination_id: int):
    """Administrators: everything held about a nominee, whatever became of the nomination (audited)."""
    if not can_export_nominee(current_user):
        abort(403)
    nomination = db.get_or_404(Nomination, nomination_id)
    data = export_person(person_of_nomination(nomination))
    record_export(current_user, nomination)
    db.session.commit()
    return _download(data, f"nominee-{nomination.id}.json")


@bp.route("/nominations/<int:nomination_id>/erase", methods=["GET", "POST"])
def erase_nominee_data(nomination_id: int):
    """Administrators: erase a nominee's personal data, and their roster entry's if they have one (confirmed)."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if not can_erase_nominee(current_user, nomination):
        abort(403)
    person = person_of_nomination(nomination)
    if request.method == "POST":
        erase_person(current_user, person)
        db.session.commit()
        flash(_("The personal data of the nominee of nomination #%(id)s is erased.", id=nomination.id), "success")
        return redirect_after_post(url_for("roster.nomination", nomination_id=nomination.id))
    return render("roster/erase.html", person=person, name=nomination.name,
                  action=url_for("roster.erase_nominee_data", nomination_id=nomination.id),
                  back=url_for("roster.nomination", nomination_id=nomination.id))
