"""Administrators: export and erase the personal data of a person the roster holds, from their roster entry or
from any of their nominations (a declined or withdrawn nominee has no roster entry)."""

import json
from typing import Any

from flask import Response, abort, flash, request, url_for
from flask_login import current_user

from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, format_date
from app.core.workflow import WrongState
from app.extensions import db
from app.roster import bp
from app.roster.models import Expert, Nomination
from app.roster.permissions import can_export_expert, can_export_nominee
from app.roster.personal_data import (
    erase_person,
    export_person,
    person_of_expert,
    person_of_nomination,
    record_export,
)
from app.roster.workflow import EXPERT_WORKFLOW


def _download(data: dict, filename: str) -> Response:
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _export(person: Any, record: Any, filename: str) -> Response:
    data = export_person(person)
    record_export(current_user, record)
    db.session.commit()
    return _download(data, filename)


def _erase(person: Any, name: str, done: str, action: str, back: str) -> Any:
    """The confirmation page (GET), or the erasure itself (POST) and back to the record's page."""
    if request.method == "POST":
        erase_person(current_user, person)
        db.session.commit()
        flash(done, "success")
        return redirect_after_post(back)
    return render("roster/erase.html", person=person, name=name, action=action, back=back)


@bp.route("/experts/<int:expert_id>/export.json")
def export_expert_data(expert_id: int):
    """Administrators: everything held about one expert, as a JSON download (the export is audited)."""
    if not can_export_expert(current_user):
        abort(403)
    entry = db.get_or_404(Expert, expert_id)
    return _export(person_of_expert(entry), entry, f"expert-{entry.id}.json")


@bp.route("/experts/<int:expert_id>/erase", methods=["GET", "POST"])
def erase_expert_data(expert_id: int):
    """Administrators: erase an expert's personal data (asks for confirmation first)."""
    entry = db.get_or_404(Expert, expert_id)
    EXPERT_WORKFLOW.check(current_user, entry, "erase")  # 403 but for administrators, then 409 once erased
    return _erase(person_of_expert(entry), entry.name,
                  _("The personal data of expert #%(id)s is erased.", id=entry.id),
                  url_for("roster.erase_expert_data", expert_id=entry.id),
                  url_for("roster.expert", expert_id=entry.id))


@bp.route("/nominations/<int:nomination_id>/export.json")
def export_nominee_data(nomination_id: int):
    """Administrators: everything held about a nominee, whatever became of the nomination (audited)."""
    if not can_export_nominee(current_user):
        abort(403)
    nomination = db.get_or_404(Nomination, nomination_id)
    return _export(person_of_nomination(nomination), nomination, f"nominee-{nomination.id}.json")


@bp.route("/nominations/<int:nomination_id>/erase", methods=["GET", "POST"])
def erase_nominee_data(nomination_id: int):
    """Administrators: erase a nominee's personal data, and their roster entry's if they have one (confirmed)."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if not can_export_nominee(current_user):  # administrators; then the state: erased once only (409)
        abort(403)
    if nomination.erased_at is not None:
        raise WrongState(_("The personal data of this nominee was erased on %(date)s.",
                           date=format_date(nomination.erased_at)))
    return _erase(person_of_nomination(nomination), nomination.name,
                  _("The personal data of the nominee of nomination #%(id)s is erased.", id=nomination.id),
                  url_for("roster.erase_nominee_data", nomination_id=nomination.id),
                  url_for("roster.nomination", nomination_id=nomination.id))
