"""The Schengen-associated countries (Norway, Iceland, Switzerland, Liechtenstein): members of the network, never
counted as EU Member States, and the administrators' setting of whether they report obstacles and practices."""

from typing import Any

from flask import g, has_request_context

from app.core import audit
from app.core.i18n import _l
from app.core.models import SiteSetting
from app.core.permissions import is_admin, is_member_state_user
from app.extensions import db

MAY_REPORT = "associated_may_report"

audit.describe(
    actions={"allow_associated_reports": _l("associated countries allowed to report obstacles and practices"),
             "forbid_associated_reports": _l("associated countries no longer allowed to report obstacles and "
                                             "practices")},
    fields={MAY_REPORT: _l("associated countries may report obstacles and practices")},
)


def associated_may_report() -> bool:
    """Whether the administrators let associated countries report obstacles and practices (off until they do);
    read once per request."""
    if has_request_context() and MAY_REPORT in g:
        return g.get(MAY_REPORT)
    setting = db.session.get(SiteSetting, MAY_REPORT)
    allowed = setting is not None and setting.value == "yes"
    if has_request_context():
        setattr(g, MAY_REPORT, allowed)
    return allowed


def set_associated_may_report(actor: Any, allowed: bool) -> bool:
    """Allow or forbid associated countries to report; audited. Returns whether anything changed."""
    if allowed == associated_may_report():
        return False
    setting = db.session.get(SiteSetting, MAY_REPORT) or SiteSetting(name=MAY_REPORT, value="no")
    setting.value = "yes" if allowed else "no"
    db.session.add(setting)
    if has_request_context():
        setattr(g, MAY_REPORT, allowed)
    audit.record_event(actor, "site_settings", "allow_associated_reports" if allowed else "forbid_associated_reports",
                       changes={MAY_REPORT: [not allowed, allowed]})
    return True


def is_associated_user(user: Any) -> bool:
    """A user of a Schengen-associated country."""
    return bool(getattr(user, "is_authenticated", False) and user.organisation.is_associated)


def is_country_user(user: Any) -> bool:
    """A user who speaks for a country of the network: an EU Member State or an associated country."""
    return bool(getattr(user, "is_authenticated", False) and user.organisation.is_country)


def reports_for_a_country(user: Any) -> bool:
    """Who reports obstacles and submits best practices: the members of a Member State and administrators (for
    any Member State), and the members of an associated country when the administrators allow it."""
    if is_member_state_user(user) or is_admin(user):
        return True
    return is_associated_user(user) and associated_may_report()


def refused_to_associated(user: Any) -> str | None:
    """The message of the page that refuses an associated country's report while the setting is off, else None."""
    if is_associated_user(user) and not associated_may_report():
        return str(_l("The administrators have not allowed the Schengen-associated countries to report obstacles "
                      "and best practices. You can read, comment and take part in meetings and assessments; ask an "
                      "administrator if your country should report too."))
    return None
