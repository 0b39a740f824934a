"""The one check of redirect targets taken from the request (app/core/redirects.py, issue #24 item 1). The views
that use it (log-in, second factor, language switch): tests/auth/test_next_redirects.py."""

import pytest

from app.core.redirects import MAX_LENGTH, is_same_site_path
from tests.auth.test_next_redirects import GOOD, HOSTILE


@pytest.mark.parametrize("target", HOSTILE + [
    "", "evil.example", "./x", "/\x00/evil.example", "/%00", "/\x7f", "/%C2%A0/evil.example", "/\u200b/evil",
    "/\u2028x", "/x?a=%0a", "/x?a=%0d%0aSet-Cookie:x=1", "/x#%09", "/x?a=b c", "/x?a\\b",
    "/%25252F/evil.example", "/" + "a" * MAX_LENGTH,
], ids=repr)
def test_refused(target):
    assert not is_same_site_path(target)


@pytest.mark.parametrize("target", GOOD + [
    "/", "/obstacles/", "/network/IT", "/search?q=caf%C3%A9", "/meetings/3#actions", "/x?next=//not-a-host",
    "/obstacles/?status=open&page=2", "/a/b%2Fc",
], ids=repr)
def test_kept(target):
    assert is_same_site_path(target)


def test_not_a_string_is_refused():
    assert not is_same_site_path(None)
    assert not is_same_site_path(42)  # type: ignore[arg-type]
