"""The Heads of SPOC: administrators designate which member of a Member State (or of an associated country) heads
its SPOC (one per country; designating another replaces the previous one). The Head submits what the country
answers as a whole."""

from typing import Any

from flask import flash, url_for
from flask_login import current_user

from app.admin import bp
from app.core import audit
from app.core.htmx import redirect_after_post
from app.core.i18n import _, _l
from app.core.models import utcnow
from app.extensions import db
from app.network.models import HeadOfSpoc, User

audit.describe(actions={"designate_head": _l("designated Head of SPOC")}, fields={"head_of_spoc": _l("Head of SPOC")})


class HeadError(ValueError):
    """A user who cannot head a SPOC (not a country's, or deactivated)."""


def designate_head(actor: Any, user: User) -> User | None:
    """Make ``user`` the Head of SPOC of their country; the previous Head (returned, or None) no longer is."""
    if not user.organisation.is_country:
        raise HeadError(_("Only a member of a Member State or an associated country can head its SPOC."))
    if not user.active:
        raise HeadError(_("Activate the account before designating it Head of SPOC."))
    head = db.session.get(HeadOfSpoc, user.organisation_id)
    previous = head.user if head is not None else None
    if previous is not None and previous.id == user.id:
        return previous
    if head is None:
        db.session.add(HeadOfSpoc(organisation_id=user.organisation_id, user_id=user.id))
    else:
        head.user_id, head.since = user.id, utcnow()
    audit.record(actor, user, "designate_head", changes={
        "head_of_spoc": [previous.name if previous else None, user.name]})
    return previous


@bp.post("/users/<int:user_id>/head-of-spoc")
def designate_head_of_spoc(user_id: int):
    """Designate the user Head of SPOC of their country, replacing the previous Head."""
    account = db.get_or_404(User, user_id)
    try:
        previous = designate_head(current_user, account)
    except HeadError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        if previous is not None and previous.id != account.id:
            flash(_("%(name)s now heads the SPOC of %(country)s, instead of %(previous)s.", name=account.name,
                    country=account.organisation.name, previous=previous.name), "success")
        else:
            flash(_("%(name)s heads the SPOC of %(country)s.", name=account.name, country=account.organisation.name),
                  "success")
    return redirect_after_post(url_for("admin.user", user_id=account.id))
