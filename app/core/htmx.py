"""Answering htmx and plain requests from one view.

A fragment-capable URL returns the partial for an htmx request that targets part of a page, and the
whole page (which ``{% include %}``s the same partial) otherwise. Boosted navigation and history
restoration want the page. Every such response varies on HX-Request so caches keep them apart.

A fragment carries the messages flashed while answering it as an out-of-band swap into the page's
``#messages`` live region: the message is shown and announced by screen readers where a full page would show
it, instead of waiting in the session and appearing on the next page, out of context.
"""

from collections.abc import Callable
from typing import Any

from flask import Response, make_response, redirect, render_template, session

from app.extensions import htmx


def wants_fragment() -> bool:
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render(page: str, fragment: str | None = None, /, *, status: int = 200, **context: Any) -> Response:
    """Render ``fragment`` for an htmx request, else ``page``; always ``Vary: HX-Request``."""
    if fragment and wants_fragment():
        body = render_template(fragment, **context) + _messages_out_of_band()
    else:
        body = render_template(page, **context)
    return vary_on_htmx(make_response(body, status))


def answer_section(page: str, fragment: str, url: str, context: Callable[[], dict[str, Any]], /, *,
                   status: int = 200, failed: bool | None = None) -> Response:
    """The answer of a form that lives in one section of a page (a discussion, the countries' answers).

    htmx gets the section's fragment (with its errors, or the new state and the flashed message); a plain form
    that failed gets the whole page with the errors next to the fields; a plain form that succeeded is
    redirected back to the section (``url`` ends with its ``#anchor``). ``context()`` gives the templates'
    context; it is not built for a redirect. ``failed`` (the form had errors) defaults to a status of 400 or
    more."""
    if failed is None:
        failed = status >= 400
    if not failed and not htmx:
        return redirect_after_post(url)
    return render(page, fragment, status=status, **context())


def vary_on_htmx(response: Response) -> Response:
    """Mark a response that differs for htmx, so caches keep the fragment and the page apart."""
    response.vary.add("HX-Request")
    return response


def redirect_whole_window(url: str, status: int) -> Response:
    """For htmx, make the browser load ``url`` instead of swapping a fragment (e.g. to the log-in page);
    for a plain request, an ordinary redirect."""
    if htmx:
        response = make_response("", status)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url)


def _messages_out_of_band() -> str:
    if not session.get("_flashes"):
        return ""
    return f'<div id="messages" hx-swap-oob="innerHTML">{render_template("_messages.html")}</div>'


def redirect_after_post(url: str) -> Response:
    """After a successful POST: 303 See Other for a plain form, HX-Redirect for htmx."""
    if htmx:
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)
