import secrets
from typing import Any

from flask import abort, current_app, flash, request, url_for
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.admin import bp
from app.admin.associated import associated_form
from app.admin.forms import (
    LegalInstrumentForm,
    OrganisationEditForm,
    OrganisationForm,
    PresidencyTermForm,
    UserForm,
)
from app.admin.services import (
    AccountError,
    create_user,
    save_presidency_term,
    set_active,
    update_organisation,
    update_user,
)
from app.auth.services import issue_invitation
from app.core import audit
from app.core.forms import choices
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, _l
from app.core.models import AuditEvent
from app.core.pagination import paginate
from app.core.permissions import is_admin
from app.core.workflow import registered
from app.extensions import db
from app.network.models import (
    ORGANISATION_KINDS,
    ROLES,
    HeadOfSpoc,
    LegalInstrument,
    Organisation,
    PresidencyTerm,
    User,
)
from app.network.services import heads_user_id, organisation_by_code, overlapping_terms


@bp.before_request
def only_administrators() -> None:
    """Every page under /admin/ is for administrators only."""
    if current_user.is_authenticated and not is_admin(current_user):
        abort(403)


def _organisation_choices(kind: str | None = None) -> list[SelectChoice]:
    query = db.select(Organisation).order_by(Organisation.kind.desc(), Organisation.name)
    if kind:
        query = query.where(Organisation.kind == kind)
    return choices((o.id, f"{o.name} ({o.code})") for o in db.session.scalars(query))


@bp.route("/")
def index():
    """Administration home."""
    counts = {
        "users": db.session.scalar(db.select(db.func.count(User.id))),
        "organisations": db.session.scalar(db.select(db.func.count(Organisation.id))),
        "terms": db.session.scalar(db.select(db.func.count(PresidencyTerm.id))),
    }
    return render("admin/index.html", counts=counts)


# Users -----------------------------------------------------------------------------------------------

@bp.route("/users/")
def users():
    """All accounts, searchable by name or e-mail and filterable by organisation."""
    q = request.args.get("q", "").strip()[:100]
    org_code = request.args.get("org", "").strip()[:16]
    query = db.select(User).join(User.organisation).order_by(User.name)
    if q:
        query = query.where(db.or_(db.func.lower(User.name).contains(q.lower(), autoescape=True),
                                   User.email.contains(q.lower(), autoescape=True)))
    if org_code:
        query = query.where(Organisation.code == org_code.upper())
    page = paginate(query)
    heads = set(db.session.scalars(db.select(HeadOfSpoc.user_id)))
    return render("admin/users.html", "admin/_users_table.html", page=page, q=q, org=org_code, heads=heads,
                  organisations=db.session.scalars(db.select(Organisation).order_by(Organisation.name)).all())


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Create an account and an invitation link."""
    form = UserForm()
    form.organisation_id.choices = _organisation_choices()
    if form.validate_on_submit():
        organisation = db.get_or_404(Organisation, form.organisation_id.data)
        try:
            user = create_user(current_user, email=form.email.data, name=form.name.data,
                               organisation=organisation, role=form.role.data)
        except AccountError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            link = issue_invitation(user, current_user)
            db.session.commit()
            flash(ngettext("%(name)s can now set a password with this single-use link, valid %(num)d day. It is "
                           "e-mailed to them; you may also send it yourself: %(link)s",
                           "%(name)s can now set a password with this single-use link, valid %(num)d days. It is "
                           "e-mailed to them; you may also send it yourself: %(link)s",
                           _invitation_days(), name=user.name, link=link),
                  "invitation")
            return redirect_after_post(url_for("admin.user", user_id=user.id))
    return render("admin/user_form.html", form=form, user=None)


def _invitation_days() -> int:
    return current_app.config["INVITATION_MAX_AGE"].days


@bp.route("/users/<int:user_id>")
def user(user_id: int):
    """One account with its history."""
    account = db.get_or_404(User, user_id)
    head_id = heads_user_id(account.organisation_id) if account.organisation.is_country else None
    return render("admin/user.html", account=account, history=audit.history_of(account),
                  head=db.session.get(User, head_id) if head_id else None)


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
def edit_user(user_id: int):
    """Change name, e-mail, organisation or role."""
    account = db.get_or_404(User, user_id)
    form = UserForm(obj=account)
    form.organisation_id.choices = _organisation_choices()
    if form.validate_on_submit():
        try:
            changed = update_user(current_user, account, form.data)
        except AccountError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Saved.") if changed else _("Nothing changed."), "success")
            return redirect_after_post(url_for("admin.user", user_id=account.id))
    return render("admin/user_form.html", form=form, user=account)


@bp.route("/users/<int:user_id>/invite", methods=["POST"])
def invite_user(user_id: int):
    """A new invitation link; the previous one stops working."""
    account = db.get_or_404(User, user_id)
    if not account.active:
        flash(_("Activate the account before inviting."), "error")
        return redirect_after_post(url_for("admin.user", user_id=account.id))
    link = issue_invitation(account, current_user)
    db.session.commit()
    flash(ngettext("New single-use link for %(name)s, valid %(num)d day, e-mailed to them: %(link)s",
                   "New single-use link for %(name)s, valid %(num)d days, e-mailed to them: %(link)s",
                   _invitation_days(), name=account.name, link=link),
          "invitation")
    return redirect_after_post(url_for("admin.user", user_id=account.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
def deactivate_user(user_id: int):
    """Block the account and end its sessions."""
    return _set_active(user_id, False)


@bp.route("/users/<int:user_id>/activate", methods=["POST"])
def activate_user(user_id: int):
    """Allow the account to log in again."""
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    account = db.get_or_404(User, user_id)
    try:
        set_active(current_user, account, active)
    except AccountError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        if active:
            flash(_("%(name)s is active.", name=account.name), "success")
        else:
            flash(_("%(name)s is deactivated.", name=account.name), "success")
    return redirect_after_post(url_for("admin.user", user_id=account.id))


# Organisations ---------------------------------------------------------------------------------------

def organisations_context(**forms: Any) -> dict[str, Any]:
    """The organisations page: every organisation by kind (in ORGANISATION_KINDS' order), the setting about the
    associated countries."""
    order = list(ORGANISATION_KINDS)
    orgs = sorted(db.session.scalars(db.select(Organisation)), key=lambda o: (order.index(o.kind), o.name))
    return {"organisations": orgs, "kinds": ORGANISATION_KINDS,
            "associated_form": forms.get("associated_form") or associated_form()}


@bp.route("/organisations/")
def organisations():
    """All organisations by kind, and whether the associated countries report obstacles and practices."""
    return render("admin/organisations.html", **organisations_context())


@bp.route("/organisations/new", methods=["GET", "POST"])
def new_organisation():
    """Add an organisation, e.g. another agency or an associated country."""
    form = OrganisationForm()
    if form.validate_on_submit():
        if organisation_by_code(form.code.data) is not None:
            form.code.errors.append(_("An organisation with this code already exists."))
        else:
            organisation = Organisation(code=form.code.data, name=form.name.data, kind=form.kind.data)
            audit.record(current_user, organisation, "create",
                         changes={"code": [None, organisation.code], "name": [None, organisation.name]})
            db.session.commit()
            flash(_("%(name)s is added.", name=organisation.name), "success")
            return redirect_after_post(url_for("admin.organisations"))
    return render("admin/organisation_form.html", form=form, organisation=None)


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
def edit_organisation(organisation_id: int):
    """Rename an organisation (its code and kind are fixed: other records refer to them)."""
    organisation = db.get_or_404(Organisation, organisation_id)
    form = OrganisationEditForm(obj=organisation)
    if form.validate_on_submit():
        update_organisation(current_user, organisation, form.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect_after_post(url_for("admin.organisations"))
    return render("admin/organisation_form.html", form=form, organisation=organisation)


# Presidency terms ------------------------------------------------------------------------------------

@bp.route("/presidency/")
def presidency_terms():
    """The Presidency rotation."""
    terms = db.session.scalars(db.select(PresidencyTerm).order_by(PresidencyTerm.starts_on)).all()
    return render("admin/presidency.html", terms=terms)


@bp.route("/presidency/new", methods=["GET", "POST"], defaults={"term_id": None})
@bp.route("/presidency/<int:term_id>/edit", methods=["GET", "POST"])
def edit_presidency_term(term_id: int | None):
    """Add or correct a Presidency term; terms may not overlap."""
    term = db.get_or_404(PresidencyTerm, term_id) if term_id else PresidencyTerm()
    form = PresidencyTermForm(obj=term)
    form.organisation_id.choices = _organisation_choices("member_state")
    if form.validate_on_submit():
        clashes = overlapping_terms(form.starts_on.data, form.ends_on.data, exclude_id=term.id)
        if clashes:
            form.starts_on.errors.append(_("These dates overlap %(terms)s. Change that term first.",
                                           terms=", ".join(t.label for t in clashes)))
        else:
            save_presidency_term(current_user, term, form.data)
            db.session.commit()
            flash(_("Presidency term %(term)s is saved.", term=term.label), "success")
            return redirect_after_post(url_for("admin.presidency_terms"))
    return render("admin/presidency_form.html", form=form, term=term if term_id else None)


# Legal instruments -----------------------------------------------------------------------------------

@bp.route("/instruments/")
def instruments():
    """The list of legal instruments and channels offered in obstacle and practice forms."""
    rows = db.session.scalars(db.select(LegalInstrument).order_by(LegalInstrument.position, LegalInstrument.name))
    return render("admin/instruments.html", instruments=rows.all())


@bp.route("/instruments/new", methods=["GET", "POST"], defaults={"instrument_id": None})
@bp.route("/instruments/<int:instrument_id>/edit", methods=["GET", "POST"])
def edit_instrument(instrument_id: int | None):
    """Add, rename, reorder or retire an instrument."""
    instrument = db.get_or_404(LegalInstrument, instrument_id) if instrument_id else None
    form = LegalInstrumentForm(obj=instrument)
    if form.validate_on_submit():
        if instrument is None:
            instrument = LegalInstrument(code=f"CUSTOM-{secrets.token_hex(4).upper()}")
            db.session.add(instrument)
        instrument.name = form.name.data
        instrument.position = form.position.data
        instrument.active = form.active.data
        if instrument.id is None:
            audit.record(current_user, instrument, "create", changes={"name": [None, instrument.name]})
        else:
            audit.record_edit(current_user, instrument)
        db.session.commit()
        flash(_("“%(name)s” is saved.", name=instrument.name), "success")
        return redirect_after_post(url_for("admin.instruments"))
    return render("admin/instrument_form.html", form=form, instrument=instrument)


# Audit log -------------------------------------------------------------------------------------------

# What the audit log calls each kind of record (the tables, and the events about no stored record).
RECORD_TYPES = {
    "agenda_items": _l("agenda item"),
    "assessment_answers": _l("assessment answer"),
    "assessment_rounds": _l("assessment round"),
    "attachments": _l("attachment"),
    "best_practices": _l("best practice"),
    "experts": _l("expert"),
    "fact_sheet_sections": _l("fact sheet section"),
    "failed_logins": _l("failed log-in"),
    "funding_applications": _l("funding application"),
    "funding_calls": _l("funding call"),
    "funding_sources": _l("funding source"),
    "legal_instruments": _l("legal instrument"),
    "login": _l("log-in"),
    "markings": _l("handling marking"),
    "meeting_actions": _l("meeting action"),
    "meeting_answers": _l("answer to a meeting"),
    "meeting_invitations": _l("meeting invitation"),
    "meetings": _l("meeting"),
    "nomination_reviews": _l("nomination review"),
    "nominations": _l("nomination"),
    "notification_preferences": _l("notification settings"),
    "notifications": _l("notification"),
    "obstacle_affected": _l("obstacle affecting a country"),
    "obstacle_comments": _l("comment on an obstacle"),
    "obstacles": _l("obstacle"),
    "organisations": _l("organisation"),
    "practice_adoptions": _l("adoption of a practice"),
    "practice_comments": _l("comment on a practice"),
    "presidency_terms": _l("Presidency term"),
    "recovery_codes": _l("recovery codes"),
    "refused_addresses": _l("refused address"),
    "request": _l("request"),
    "site_settings": _l("site settings"),
    "tags": _l("tag"),
    "training_activities": _l("training"),
    "training_participants": _l("training participants"),
    "training_trainers": _l("trainer proposal"),
    "user_sessions": _l("session"),
    "users": _l("user"),
}


def record_type_label(record_type: str) -> str:
    return str(RECORD_TYPES.get(record_type) or record_type.replace("_", " "))


def _state_labels() -> dict[str, dict[str, Any]]:
    """Each record type's state labels, as its workflow names them (the audit log shows every module's)."""
    return {record_type: workflow.states for record_type, workflow in registered().items()}


def audit_value(field: str, value: Any) -> str:
    """A value of the audit log's details: codes with a label shown by their label, yes/no for flags."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    labels = {"role": ROLES, "kind": ORGANISATION_KINDS}.get(field, {})
    if isinstance(value, str) and value in labels:
        return str(labels[value])
    return str(value)


@bp.route("/audit/")
def audit_log():
    """Every recorded change, newest first, filterable by record type."""
    record_type = request.args.get("type", "").strip()[:50]
    query = db.select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if record_type:
        query = query.where(AuditEvent.record_type == record_type)
    types = db.session.scalars(db.select(AuditEvent.record_type).distinct().order_by(AuditEvent.record_type)).all()
    return render("admin/audit.html", "admin/_audit_table.html", page=paginate(query),
                  record_type=record_type, types=types, record_type_label=record_type_label,
                  state_labels=_state_labels(), audit_value=audit_value)
