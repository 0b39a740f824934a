"""Hostile input: generated values posted to every form and put in every list's query string.

Never a server error, on SQLite or PostgreSQL; a refused value gets a message on the page, and a
refused form writes nothing. The budget is fixed (few examples, derandomized, no deadline) so CI time
stays bounded; the examples come from a strategy rich in what breaks programs: NUL and other control
characters, huge and negative numbers, impossible dates, markup, SQL, right-to-left overrides.
"""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.models import AuditEvent
from app.extensions import db
from tests.security.access import ACCESS

BUDGET = settings(max_examples=6, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

NASTY = ["", " ", "\x00", "a\x00b", "\x1b[31m", "0", "-1", "99999999999999999999", "1e309", "NaN", "2026-02-30",
         "2026-13-45T25:61", "0000-00-00", "<script>alert(1)</script>", "'; DROP TABLE users; --", "%00", "\u202e",
         "x" * 5000, "../../etc/passwd", "Ünïcödé ✓ 日本語", "\r\nInjected: header"]
VALUE = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                  st.integers(min_value=-(2**70), max_value=2**70).map(str))

# Forms whose only effect is to end the session are not fed: the rest of the run needs it.
SKIP_ACTIONS = {"/logout", "/settings/logout-everywhere"}


class _Forms(HTMLParser):
    """The forms of a page: method, action and the names of their fields (files left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").upper(), "action": attrs.get("action") or "",
                               "fields": set()})
        elif tag in ("input", "select", "textarea") and self.forms and attrs.get("name"):
            if attrs.get("type") not in ("file", "submit") and attrs["name"] != "csrf_token":
                self.forms[-1]["fields"].add(attrs["name"])


def _forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _written() -> int:
    """Rows a refused form must not add: everything but the security log of refusals and failed passwords."""
    total = 0
    for table in db.metadata.sorted_tables:
        if table.name in ("failed_logins", "user_sessions", "audit_events"):
            continue
        total += db.session.scalar(db.select(db.func.count()).select_from(table)) or 0
    total += db.session.scalar(db.select(db.func.count(AuditEvent.id)).where(
        AuditEvent.action.notin_(("refused", "failed_login", "failed_reauthentication")))) or 0
    return total


PAGES = sorted({r.url for rules in ACCESS.values() for r in rules
                if r.method == "GET" and "admin" in r.allowed and not r.public
                and not r.url.endswith((".csv", ".xlsx", ".ics", ".json", ".docx"))
                and "/documents/" not in r.url and "/attachments/" not in r.url})


# Pages whose forms a member of a Member State sees and an administrator does not (or sees otherwise).
MEMBER_PAGES = ["/meetings/{meeting}", "/nominations/new", "/obstacles/new", "/practices/new",
                "/obstacles/{obstacle}/comments/{obstacle_comment}/edit", "/network/IT/fact-sheet/spoc/edit"]


@pytest.mark.parametrize(("role", "page"), [("admin", p) for p in PAGES] + [("member", p) for p in MEMBER_PAGES])
def test_no_generated_input_breaks_a_form_or_a_list(role, page, login_as, world):
    member = login_as("member", "IT")
    admin = member if role == "member" else login_as("admin", "GSC")
    ids = world(member.user)
    url = page.format_map(ids)
    response = admin.get(url)
    assert response.status_code == 200, url
    forms = [f for f in _forms(response.get_data(as_text=True)) if f["action"] not in SKIP_ACTIONS]
    assert all(f["action"] in ("", url) or f["action"].startswith("/") for f in forms)
    posts = [f for f in forms if f["method"] == "POST" and f["fields"]]
    searches = [f for f in forms if f["method"] == "GET"]
    query_keys = sorted({"page", "q", "sort"} | {name for f in searches for name in f["fields"]})

    @BUDGET
    @given(values=st.fixed_dictionaries({key: VALUE for key in query_keys}))
    def query_strings(values):
        answer = admin.get(url.split("?")[0], query_string=values)
        assert answer.status_code < 500
        assert answer.status_code in (200, 400, 404), (url, values, answer.status_code)

    query_strings()

    for form in posts:
        _feed(admin, form["action"] or url, sorted(form["fields"]))  # no action: the form posts to its page


def _feed(client, action: str, fields: list[str]) -> None:
    """Post generated values to one form."""

    @BUDGET
    @given(values=st.fixed_dictionaries({name: VALUE for name in fields}))
    def post_form(values):
        before = _written()
        answer = client.post(action, data=values)
        answer.close()
        assert answer.status_code < 500, (action, values)
        if answer.status_code == 400:
            assert re.search(rb'class="error"|message-error|role="alert"', answer.data), (action, values)
            db.session.rollback()
            assert _written() == before, ("a refused form wrote something", action, values)

    post_form()


@pytest.mark.parametrize("url", ["/experts/?q=%00", "/admin/users/?q=a%00b", "/search?q=%1b[31m",
                                 "/obstacles/?status=open&status=%00", "/meetings/?%00=1"])
def test_a_control_character_in_an_address_gets_a_clear_refusal(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 400
    assert b"The address contains control characters" in response.data
