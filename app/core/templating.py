"""Jinja globals and filters shared by every template, and the two registration points a module uses to
reach the templates: :func:`template_globals` (its ``can_*`` rules and helpers) and :func:`navigation_link`
(its entry in the header). Both run when the module's blueprint is registered, so core imports no module."""

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask
from flask.sansio.blueprints import BlueprintSetupState

from app.core import audit, guard
from app.core.htmx import wants_fragment
from app.core.markdown import render_markdown
from app.core.markings import can_read_marked, offered_markings
from app.core.pagination import page_url
from app.core.permissions import is_admin, is_core_group


def template_globals(bp: Blueprint, *functions: Callable[..., Any]) -> None:
    """Make ``functions`` callable from every template, under their own names."""
    for function in functions:
        bp.add_app_template_global(function)


def navigation_link(bp: Blueprint, label: Any, endpoint: str, position: int) -> None:
    """Add ``label`` (lazy-translated) linking to ``endpoint`` to the header; links are ordered by ``position``."""

    def add(state: BlueprintSetupState) -> None:
        links = state.app.extensions.setdefault("spoc.navigation", [])
        links.append((position, label, endpoint))
        links.sort(key=lambda link: link[0])
        state.app.jinja_env.globals["navigation"] = [(lab, end) for _, lab, end in links]

    bp.record_once(add)


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")

    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["guard_highlight"] = guard.highlight
    # date, datetime, number and local (formats in the current language) come from app/core/i18n.py.
    app.jinja_env.globals.setdefault("navigation", [])
    app.jinja_env.globals.update(
        audit_action=audit.action_label,
        audit_fields=audit.field_labels,
        page_url=page_url,
        is_admin=is_admin,
        is_core_group=is_core_group,
        offered_markings=offered_markings,
        can_read_marked=can_read_marked,
        htmx_swap=wants_fragment,
    )
