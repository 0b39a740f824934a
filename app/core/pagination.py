"""Pagination of a select statement, with links that keep the current filters."""

from typing import Any

from flask import current_app, request, url_for
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from app.extensions import db


def page_number() -> int:
    """The ``page`` query argument; anything that is not a positive number means the first page."""
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 1_000_000 else 1


def paginate(statement: Select[Any], *, per_page: int | None = None) -> Pagination:
    return db.paginate(
        statement,
        page=page_number(),
        per_page=per_page or current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
        count=True,
    )


def page_url(page: int) -> str:
    """The current URL with ``page`` replaced, every other query argument kept."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)
