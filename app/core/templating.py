"""Jinja globals and filters shared by every template."""

from datetime import date, datetime

from flask import Flask

from app.core.htmx import wants_fragment
from app.core.markdown import render_markdown
from app.core.pagination import page_url
from app.core.permissions import is_admin, is_core_group


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%-d %B %Y")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%-d %B %Y, %H:%M UTC")


def init_app(app: Flask) -> None:
    from app.main.views import NAVIGATION
    from app.network.permissions import can_edit_profile
    from app.network.services import current_presidency, holds_presidency

    app.jinja_env.add_extension("jinja2.ext.do")

    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.globals.update(
        page_url=page_url,
        is_admin=is_admin,
        is_core_group=is_core_group,
        holds_presidency=holds_presidency,
        can_edit_profile=can_edit_profile,
        current_presidency=current_presidency,
        navigation=NAVIGATION,
        htmx_swap=wants_fragment,
    )
