"""Request hooks: the second factor owed, HSTS, and refused requests written to the audit log."""

from typing import Any

from flask import Response, current_app, flash, request, session, url_for
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from app.core import audit
from app.core.errors import error_response
from app.core.htmx import redirect_whole_window
from app.core.i18n import _, _l
from app.core.permissions import endpoint_is_public
from app.core.redirects import same_site_path
from app.core.workflow import WorkflowError
from app.extensions import db, htmx
from app.security import log
from app.security.second_factor import DESTINATION_KEY, required_for

audit.describe(actions={"refused": _l("request refused")})

# What a user who owes the second factor may still reach: setting it up, and leaving.
_ENROLMENT_ENDPOINTS = {"account.settings", "account.second_factor", "account.start_second_factor",
                        "account.confirm_second_factor", "account.recovery_codes_saved", "auth.logout",
                        "account.logout_everywhere"}


def require_second_factor() -> Response | None:
    """before_request: an account that must have a second factor and has none sets it up first."""
    if (
        endpoint_is_public(request.endpoint)
        or request.endpoint in _ENROLMENT_ENDPOINTS
        or not current_user.is_authenticated
        or current_user.has_second_factor
        or not required_for(current_user)
    ):
        return None
    if request.method == "GET" and not htmx:  # back there once it is set up (app/account/second_factor_views)
        destination = same_site_path(request.full_path.rstrip("?"))
        if destination and destination != url_for("main.index"):
            session[DESTINATION_KEY] = destination
    flash(_("Your account needs a second factor. Set it up here before you continue."), "info")
    return redirect_whole_window(url_for("account.second_factor"), 200)


# As in app/core/forms.py: PostgreSQL refuses NUL in text, and no other C0 control belongs in an address.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def refuse_control_characters() -> Response | None:
    """before_request: a query string with NUL or other control characters is refused with a clear 400.

    Forms refuse them field by field (app/core/forms.py); query strings feed list filters and searches
    directly, and one NUL would make PostgreSQL fail the whole request.
    """
    if any(not _CONTROL.isdisjoint(key + value) for key, value in request.args.items(multi=True)):
        return error_response(400, _("The address contains control characters that are not allowed. "
                                     "Remove them (or go back) and try again."), _("Address not accepted"))
    return None


def strict_transport_security(response: Response) -> Response:
    """Production is HTTPS only: browsers are told never to use plain http for this host."""
    if current_app.config["SPOC_ENV"] == "production":
        response.headers.setdefault("Strict-Transport-Security",
                                    f"max-age={current_app.config['HSTS_MAX_AGE']}; includeSubDomains")
    return response


def record_refusal() -> None:
    """A refused authorisation, in the audit log and the security log, for an investigator."""
    db.session.rollback()
    actor = current_user if current_user.is_authenticated else None
    target = f"{request.method} {request.path}"[:300]
    audit.record_event(actor, "request", "refused", note=log.clean(target))
    db.session.commit()
    log.logger.warning("refused %s user=%s address=%s", target, getattr(actor, "email", "-"), request.remote_addr)


def refused(error: Forbidden | WorkflowError) -> Response:
    """403 from abort() or a workflow step the user may not take: logged, then the usual error page."""
    record_refusal()
    if isinstance(error, WorkflowError):
        return error_response(error.status, str(error))
    if error.response is not None:
        return error.response
    custom: Any = error.description if error.description != Forbidden.description else None
    return error_response(403, custom)
