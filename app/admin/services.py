"""Rules of administration: users, organisations and Presidency terms."""

from typing import Any

from app.core import audit
from app.core.i18n import _
from app.extensions import db
from app.network.models import Organisation, PresidencyTerm, User
from app.security.sessions import end_all_sessions


class AccountError(ValueError):
    """A user account that cannot be created or changed as asked; ``field`` names the culprit."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def email_taken(email: str, exclude_id: int | None = None) -> bool:
    query = db.select(User.id).where(User.email == email.strip().lower())
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return db.session.scalar(query) is not None


def create_user(actor: Any, *, email: str, name: str, organisation: Organisation, role: str) -> User:
    """A new active account without a password; the caller issues the invitation or sets one."""
    email = email.strip().lower()
    if email_taken(email):
        raise AccountError(_("An account with this e-mail address already exists."), "email")
    user = User(email=email, name=name.strip(), organisation=organisation, role=role, active=True)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, user, "create", changes={"email": [None, email], "role": [None, role],
                                                  "organisation": [None, organisation.code]})
    return user


def update_user(actor: Any, user: User, data: dict[str, Any]) -> bool:
    email = data["email"].strip().lower()
    if email_taken(email, exclude_id=user.id):
        raise AccountError(_("An account with this e-mail address already exists."), "email")
    if user.id == getattr(actor, "id", None) and data["role"] != "admin":
        raise AccountError(_("You cannot remove your own administrator role."), "role")
    user.email = email
    user.name = data["name"].strip()
    user.organisation_id = data["organisation_id"]
    user.role = data["role"]
    return audit.record_edit(actor, user, ignore={"session_version", "invitation_nonce", "password_hash"})


def set_active(actor: Any, user: User, active: bool) -> None:
    """Activate or deactivate; deactivation ends every session of the user at once."""
    if user.id == getattr(actor, "id", None) and not active:
        raise AccountError(_("You cannot deactivate your own account."))
    if user.active == active:
        return
    user.active = active
    if not active:
        end_all_sessions(user)
    audit.record(actor, user, "activate" if active else "deactivate")


def save_presidency_term(actor: Any, term: PresidencyTerm, data: dict[str, Any]) -> PresidencyTerm:
    new = term.id is None
    term.organisation_id = data["organisation_id"]
    term.starts_on = data["starts_on"]
    term.ends_on = data["ends_on"]
    db.session.add(term)
    if new:
        db.session.flush()
        audit.record(actor, term, "create", changes={"starts_on": [None, term.starts_on.isoformat()],
                                                      "ends_on": [None, term.ends_on.isoformat()]})
    else:
        audit.record_edit(actor, term)
    return term


def update_organisation(actor: Any, organisation: Organisation, data: dict[str, Any]) -> bool:
    organisation.name = data["name"].strip()
    return audit.record_edit(actor, organisation)
