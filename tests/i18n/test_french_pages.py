"""Every page renders in French: each GET endpoint of the access matrix (tests/security/access.py), as a role
allowed to see it, with the user's language set to French, shows no word that is neither French (the
catalogue's) nor user data. An unmarked string, a label translated at import time, or a catalogue entry
left in English all fail here, with the page and the words."""

import pytest

from app.extensions import db
from tests.factories import log_in
from tests.i18n.checks import english_left, read_page, stored_text
from tests.security.access import ACCESS
from tests.security.test_access_matrix import ROLE_ACCOUNTS

# Who looks at each page: the first of these roles the page allows.
PREFERENCE = ("admin", "core", "member", "other", "agency")


def _is_page(url: str) -> bool:
    """Downloads (spreadsheets, documents, calendars, attachments) and health checks are not pages; the
    spreadsheets' and the report's French are checked in their own tests."""
    path = url.split("?")[0]
    return not (path.endswith((".csv", ".docx", ".xlsx", ".json", ".ics", ".css")) or "/attachments/" in path
                or "/documents/" in path or path in ("/healthz", "/readyz"))


PAGES = sorted(
    (endpoint, rule.url, next((r for r in PREFERENCE if r in rule.allowed), "member"))
    for endpoint, rules in ACCESS.items() for rule in rules
    if rule.method == "GET" and _is_page(rule.url) and rule.allowed  # a page nobody may open has no French to check
)


@pytest.fixture
def french_clients(app, make_user):
    clients = {}
    for role, (account_role, org) in ROLE_ACCOUNTS.items():
        client = app.test_client()
        client.user = make_user(account_role, org)
        client.user.language = "fr"
        db.session.commit()
        clients[role] = log_in(client, client.user)
    anonymous = app.test_client()
    anonymous.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-BE,fr;q=0.9,en;q=0.5"
    clients["anonymous"] = anonymous
    return clients


@pytest.mark.parametrize(("endpoint", "url", "role"), PAGES, ids=[f"{p[0]}:{p[2]}" for p in PAGES])
def test_the_page_is_in_french(endpoint, url, role, french_clients, world):
    client = french_clients[role]
    ids = world(french_clients["member"].user)
    response = client.get(url.format_map(ids), follow_redirects=True)
    # 400 and 404: the pages for a wrong invitation token or address; they must be in French too.
    assert response.status_code in (200, 400, 404), f"{url} answered {response.status_code}"
    assert response.mimetype == "text/html"
    html = response.data.decode()
    assert read_page(html).lang == "fr"
    left = english_left(html, stored_text())
    assert not left, f"English left on {url}:\n" + "\n".join(left)


def test_the_anonymous_pages_follow_the_browser(french_clients):
    page = french_clients["anonymous"].get("/login").data.decode()
    assert read_page(page).lang == "fr"
    assert not english_left(page, stored_text())
