"""Jinja globals and filters shared by every template."""

from flask import Flask

from app.core import audit
from app.core.htmx import wants_fragment
from app.core.markdown import render_markdown
from app.core.pagination import page_url
from app.core.permissions import is_admin, is_core_group


def init_app(app: Flask) -> None:
    from app.main.views import NAVIGATION
    from app.network.permissions import can_edit_profile
    from app.network.services import current_presidency, holds_presidency

    app.jinja_env.add_extension("jinja2.ext.do")

    app.jinja_env.filters["markdown"] = render_markdown
    # date, datetime, number and local (formats in the current language) come from app/core/i18n.py.
    app.jinja_env.globals.update(
        audit_action=audit.action_label,
        audit_fields=audit.field_labels,
        page_url=page_url,
        is_admin=is_admin,
        is_core_group=is_core_group,
        holds_presidency=holds_presidency,
        can_edit_profile=can_edit_profile,
        current_presidency=current_presidency,
        navigation=NAVIGATION,
        htmx_swap=wants_fragment,
    )
