"""Jinja globals and filters shared by every template, and the two registration points a module uses to
reach the templates: :func:`template_globals` (its ``can_*`` rules and helpers), :func:`navigation_link`
(its entry in the header) and :func:`record_panel` (a section it adds to another module's record page). All run
when the module's blueprint is registered, so core imports no module."""

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, current_app
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


def record_panel(bp: Blueprint, record_type: str, template: str, position: int) -> None:
    """Add the section ``template`` to the page of every record of ``record_type`` (a table name), ordered by
    ``position``. The page includes it with its own context, ``record`` being the record shown; so a module above
    another (funding above meetings) shows its part of a meeting's page without the meetings module knowing it."""

    def add(state: BlueprintSetupState) -> None:
        panels = state.app.extensions.setdefault("spoc.panels", {}).setdefault(record_type, [])
        panels.append((position, template))
        panels.sort()

    bp.record_once(add)


def record_panels(record_type: str) -> list[str]:
    """The templates other modules added to the page of a ``record_type`` record, in order."""
    return [template for _, template in current_app.extensions.get("spoc.panels", {}).get(record_type, [])]


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
        record_panels=record_panels,
    )
