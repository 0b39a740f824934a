"""The register of calls: open calls, the archive (closed ones, by date), a call's page, adding and editing."""

from flask import abort, flash, url_for
from flask_login import current_user

from app.core import audit
from app.core.concurrency import commit_unless_stale
from app.core.forms import choices
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.core.pagination import paginate
from app.core.timezones import today
from app.extensions import db
from app.funding import bp, call_services
from app.funding.call_forms import CallForm, rate_text
from app.funding.models import FundingApplication, FundingCall
from app.funding.money import plain_euros
from app.funding.permissions import can_manage_calls


def _call_or_404(call_id: int) -> FundingCall:
    call = call_services.load_call(call_id)
    if call is None:
        abort(404)
    return call


def _call_form(call: FundingCall | None) -> CallForm:
    """The form, filled from ``call``: its amount and rate as text to edit (the columns hold cents, a Decimal)."""
    data = None
    if call is not None:
        data = {name: getattr(call, name) for name in (*call_services.CALL_FIELDS, "source_id")}
        data.update(version=str(call.version), max_amount=plain_euros(call.max_amount_cents),
                    cofinancing_rate=rate_text(call.cofinancing_rate))
    form = CallForm(data=data)
    form.source_id.choices = choices([(0, _("Choose the funding source")),
                                      *call_services.source_choices(call.source_id if call else None)])
    return form


def _valid_source(form: CallForm) -> bool:
    """The source is one the form offered: not "choose", not a retired one the call does not already name."""
    if form.source_id.data in {c.value for c in form.source_id.choices} - {0}:
        return True
    form.source_id.errors = [*form.source_id.errors, _("Choose the funding source.")]
    return False


@bp.route("/calls/")
def calls():
    """The open calls, the soonest to close first."""
    page = paginate(call_services.open_calls())
    return render("funding/calls.html", "funding/_calls_table.html", page=page, day=today(), archive=False)


@bp.route("/calls/archive")
def archive():
    """The calls past their closing date, the most recently closed first."""
    page = paginate(call_services.archived_calls())
    return render("funding/calls.html", "funding/_calls_table.html", page=page, day=today(), archive=True)


@bp.route("/calls/new", methods=["GET", "POST"])
def new_call():
    """Add a call to the register (the Presidency and administrators)."""
    if not can_manage_calls(current_user):
        abort(403)
    form = _call_form(None)
    if form.validate_on_submit() and _valid_source(form):
        call = call_services.create_call(current_user, form.data, form.max_amount_cents, form.rate)
        db.session.commit()
        flash(_("The call “%(title)s” is in the register.", title=call.title), "success")
        return redirect_after_post(url_for("funding.call", call_id=call.id))
    return render("funding/call_form.html", status=400 if form.errors else 200, form=form, call=None,
                  conflict=False)


@bp.route("/calls/<int:call_id>")
def call(call_id: int):
    """One call: what it funds, until when, and its history."""
    record = _call_or_404(call_id)
    applications = db.session.scalars(db.select(FundingApplication).where(FundingApplication.call_id == record.id)
                                      .order_by(FundingApplication.created_at.desc())).all()
    return render("funding/call.html", call=record, day=today(), history=audit.history_of(record),
                  applications=applications)


@bp.route("/calls/<int:call_id>/edit", methods=["GET", "POST"])
def edit_call(call_id: int):
    """Correct a call; a save made on a version someone else has replaced meanwhile is refused (409)."""
    record = _call_or_404(call_id)
    if not can_manage_calls(current_user):
        abort(403)
    form = _call_form(record)
    conflict = False
    if form.validate_on_submit() and _valid_source(form):
        saved, changed = commit_unless_stale(form, record, lambda: call_services.update_call(
            current_user, record, form.data, form.max_amount_cents, form.rate))
        if saved:
            flash(_("The call is saved.") if changed else _("Nothing was changed."), "success")
            return redirect_after_post(url_for("funding.call", call_id=record.id))
        conflict = True
    status = 409 if conflict else 400 if form.errors else 200
    return render("funding/call_form.html", status=status, form=form, call=record, conflict=conflict)
