"""Answering htmx and plain requests from one view.

A fragment-capable URL returns the partial for an htmx request that targets part of a page, and the
whole page (which ``{% include %}``s the same partial) otherwise. Boosted navigation and history
restoration want the page. Every such response varies on HX-Request so caches keep them apart.
"""

from typing import Any

from flask import Response, make_response, redirect, render_template

from app.extensions import htmx


def wants_fragment() -> bool:
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render(page: str, fragment: str | None = None, /, *, status: int = 200, **context: Any) -> Response:
    """Render ``fragment`` for an htmx request, else ``page``; always ``Vary: HX-Request``."""
    template = fragment if fragment and wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response


def redirect_after_post(url: str) -> Response:
    """After a successful POST: 303 See Other for a plain form, HX-Redirect for htmx."""
    if htmx:
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)
