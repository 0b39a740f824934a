"""The privacy notice: readable without logging in, linked from the footer of every page, in English and French,
with the retention periods the configuration sets."""

from pathlib import Path

import pytest

from tests.factories import in_french

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FOOTER_LINK = '<a href="/privacy"'


def test_the_notice_is_readable_without_logging_in(client):
    response = client.get("/privacy")
    assert response.status_code == 200
    page = response.data.decode()
    for heading in ("What is held about users", "What is held about experts", "Who sees what",
                    "How to ask for a copy or for erasure"):
        assert f">{heading}</h2>" in page
    assert "General Secretariat of the Council" in page
    assert "@" not in page.split('<main id="content"')[1].split("</main>")[0]  # a route by role, no address


def test_the_notice_shows_the_configured_periods(app, client):
    page = client.get("/privacy").data.decode()
    assert ("Declined and withdrawn nominations are erased automatically 12 months after the decision or the "
            "withdrawal.") in page
    assert "A roster entry is reviewed every 2 years" in page
    assert "re-confirmed 90 days after its review-by date is flagged to the administrators" in page
    assert "A session ends after 30 minutes without use, and after 12 hours at most" in page
    app.config.update(NOMINATION_RETENTION_MONTHS=18, ROSTER_REVIEW_GRACE_DAYS=30, SESSION_IDLE_TIMEOUT=900)
    page = client.get("/privacy").data.decode()
    assert "erased automatically 18 months after the decision" in page
    assert "re-confirmed 30 days after its review-by date" in page
    assert "A session ends after 15 minutes without use" in page


def test_the_notice_reads_in_french(client, member_client):
    in_french(member_client)
    page = client.get("/privacy", headers={"Accept-Language": "fr"}).data.decode()
    assert '<html lang="fr">' in page
    assert "Déclaration de confidentialité</h1>" in page
    assert "Les désignations refusées et retirées sont effacées automatiquement 12 mois après la décision" in page
    assert "Qui voit quoi</h2>" in member_client.get("/privacy").data.decode()


@pytest.mark.parametrize("url", ["/login", "/privacy", "/no-such-page"])
def test_the_footer_links_the_notice_before_logging_in(client, url):
    assert FOOTER_LINK in client.get(url).data.decode()


@pytest.mark.parametrize("url", ["/", "/obstacles/", "/practices/", "/meetings/", "/experts/", "/network/",
                                 "/settings", "/search?q=siena", "/obstacles/999999"])
def test_the_footer_links_the_notice_once_logged_in(member_client, url):
    assert FOOTER_LINK in member_client.get(url).data.decode()


def test_every_page_template_has_the_footer():
    """Every page extends base.html, which holds the footer; partials, macros, dashboard blocks and e-mails are
    not pages."""
    pages = [p for p in TEMPLATES.rglob("*.html") if not p.name.startswith("_") and p.name != "base.html"
             and p.parent.name not in ("macros", "notifications", "blocks")]
    assert pages
    assert [str(p) for p in pages if '{% extends "base.html" %}' not in p.read_text(encoding="utf-8")] == []
    assert "url_for('main.privacy')" in (TEMPLATES / "base.html").read_text(encoding="utf-8")
