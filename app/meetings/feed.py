"""Calendar feeds: the personal subscription URL (token, no session) and the logged-in export."""

import hashlib
import threading
from collections import OrderedDict

from flask import Response, abort, request
from flask_babel import force_locale
from flask_login import current_user

from app.core.i18n import _, language_of
from app.core.markings import markings_stamp
from app.core.permissions import public
from app.meetings import bp, ical
from app.meetings.services import feed_state, meetings_for_feed
from app.security.feed_tokens import user_for_feed_token

# Rendered feeds, by ETag, most recently used last: calendar programs poll the same unchanged feed every
# few minutes, often without If-None-Match, and writing a year of meetings as iCalendar costs about 0.1 s.
# The ETag changes with anything the feed shows, so an entry is never stale; the cache holds at most
# _CACHE_BYTES per worker process.
_CACHE: OrderedDict[str, bytes] = OrderedDict()
_CACHE_BYTES = 8 * 1024 * 1024
_cache_lock = threading.Lock()


def _cached_body(etag: str, render) -> bytes:
    with _cache_lock:
        body = _CACHE.get(etag)
        if body is not None:
            _CACHE.move_to_end(etag)
            return body
    body = render()
    with _cache_lock:
        _CACHE[etag] = body
        while sum(len(b) for b in _CACHE.values()) > _CACHE_BYTES and len(_CACHE) > 1:
            _CACHE.popitem(last=False)
    return body


def _feed_response(user, filename: str | None = None) -> Response:
    """The user's meetings as iCalendar, written in the user's language: a calendar program subscribing to the
    personal feed has no session and sends no language of its own."""
    # A subscription carries the last year and the future; the explicit download carries every meeting.
    everything = filename is not None
    language = language_of(user)
    count, newest, sequences = feed_state(user, everything=everything)
    # The markings too: each event's description starts with its marking's label.
    etag = hashlib.sha256(
        f"{user.id}:{language}:{everything}:{count}:{newest}:{sequences}:{markings_stamp()}".encode()).hexdigest()[:32]
    if request.if_none_match.contains(etag) or (
        not request.if_none_match and newest is not None and request.if_modified_since is not None
        and newest.replace(microsecond=0) <= request.if_modified_since
    ):
        response = Response(status=304)
    else:
        def render() -> bytes:
            with force_locale(language):
                return ical.calendar_for(meetings_for_feed(user, everything=everything), _("SPOC Network meetings"))

        body = _cached_body(etag, render)
        response = Response(body, mimetype="text/calendar")
        if filename:
            response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.set_etag(etag)
    if newest is not None:
        response.last_modified = newest
    # Private: the feed is one user's view; clients must revalidate, which the ETag makes cheap.
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/calendar/feed/<token>.ics")
@public
def feed(token: str) -> Response:
    """A user's personal feed for calendar programs: authenticated by the secret token in the URL only."""
    user = user_for_feed_token(token)
    if user is None:
        abort(404)
    return _feed_response(user)


@bp.route("/meetings/calendar.ics")
def export() -> Response:
    """Every meeting the logged-in user may read, as one iCalendar download."""
    return _feed_response(current_user, "spoc-network-meetings.ics")
