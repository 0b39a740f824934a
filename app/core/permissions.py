"""Access rules shared by every module.

Every endpoint needs a logged-in, active user unless its view is marked :func:`public`; the check
runs before any view (see :func:`require_login`), so a view someone forgets to protect is closed,
not open. Finer rules are plain predicates in each module's ``permissions.py``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, request
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])


def public(view: F) -> F:
    """Mark a view as reachable without login (login page, health check, invitation link)."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def endpoint_is_public(endpoint: str | None) -> bool:
    if endpoint is None or endpoint == "static":
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "is_public", False))


def require_login() -> Any:
    """before_request hook: anonymous users get the login page (or HX-Redirect to it)."""
    if endpoint_is_public(request.endpoint) or current_user.is_authenticated:
        return None
    return current_app.login_manager.unauthorized()


def admin_required(view: F) -> F:
    """Only administrators; everyone else gets 403."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not is_admin(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_admin)


def is_core_group(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_core_group)


def is_member_state_user(user: Any) -> bool:
    """A user who speaks for a Member State (not an agency or the Council)."""
    return bool(getattr(user, "is_authenticated", False) and user.organisation.is_member_state)


def acts_for_a_member_state(user: Any) -> bool:
    """Who submits in a Member State's name (obstacles, best practices): its own members, and administrators,
    who may do so for any Member State."""
    return is_member_state_user(user) or is_admin(user)


def same_country(user: Any, organisation_id: int | None) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and organisation_id is not None
        and user.organisation_id == organisation_id
    )
