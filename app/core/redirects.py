"""Redirects whose target comes from the request: ``next`` after log-in and after the language switch, the page
a form was posted from. They lead to a path on this site, else to the dashboard; never to another host.

A plain string test is not enough, because the target is read again, more loosely, on its way to the browser.
Werkzeug passes every Location through ``iri_to_uri``, whose ``urlsplit`` drops tabs and line breaks, and
browsers drop them too (and spaces and control characters at either end) and read a backslash as "/": so
"/<tab>/evil.example" becomes "//evil.example", another host. A line break would make Werkzeug refuse the header
(a 500, after the view had written its changes). The check therefore refuses rather than repairs: a target is
accepted only if, raw and percent-decoded, it starts with exactly one "/", and holds no backslash, no whitespace,
no control or invisible formatting character, no scheme and no host. Views check before they write anything.
"""

from unicodedata import category
from urllib.parse import unquote, urlsplit

from flask import request, url_for

# Longer targets are refused: nothing on this site needs one, and the log-in keeps ``next`` in the session cookie.
MAX_LENGTH = 2000
# Percent-decoding is repeated (a "%252F" is a "%2F" for whoever decodes once more) this many times at most;
# a target still changing after that is refused.
_DECODINGS = 3


def _invisible(char: str) -> bool:
    """Whitespace (ASCII or not), control and formatting characters: what browsers drop or read as a gap."""
    return char.isspace() or category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _is_local_path(path: str) -> bool:
    """``path`` (no query, no fragment) starts with one "/" and cannot be read as another host."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return False
    if any(_invisible(char) for char in path):
        return False
    try:
        parts = urlsplit(path)
    except ValueError:  # e.g. a bracket urllib takes for a broken IPv6 host
        return False
    return not parts.scheme and not parts.netloc


def is_same_site_path(target: object) -> bool:
    """True if a redirect to ``target`` stays on this site, however a browser or Werkzeug reads it.

    The path is checked raw and percent-decoded. The query and fragment cannot change the host; decoded, they
    may hold spaces (a search for two words, "?q=police%20cooperation"), but no control character."""
    if not isinstance(target, str) or not target or len(target) > MAX_LENGTH:
        return False
    if "\\" in target or any(_invisible(char) for char in target):
        return False
    end = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
    path, rest = target[:end], target[end:]
    for _ in range(_DECODINGS + 1):
        if not _is_local_path(path) or any(category(char) == "Cc" for char in rest):
            return False
        decoded_path, decoded_rest = unquote(path), unquote(rest)
        if (decoded_path, decoded_rest) == (path, rest):
            return True
        path, rest = decoded_path, decoded_rest
    return False


def same_site_path(target: object) -> str:
    """``target`` if it is a path on this site (see ``is_same_site_path``), else the dashboard."""
    return target if isinstance(target, str) and is_same_site_path(target) else url_for("main.index")


def same_site_referrer(default: str) -> str:
    """The page the request was sent from, as a path, if it is on this site; else ``default``."""
    referrer, host_url = request.referrer or "", request.host_url
    if referrer.startswith(host_url):
        path = "/" + referrer[len(host_url):]
        if is_same_site_path(path):
            return path
    return default
