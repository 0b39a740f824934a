"""Every main page, as a member sees it: no WCAG 2.1 A/AA violation, and screenshots at desktop and phone widths."""

import pytest

from tests.browser.helpers import audit, screenshot

MAIN_PAGES = [
    ("dashboard", "/"),
    ("obstacles", "/obstacles/"),
    ("obstacle-new", "/obstacles/new"),
    ("practices", "/practices/"),
    ("practice-new", "/practices/new"),
    ("experts", "/experts/"),
    ("nominations", "/nominations/"),
    ("nomination-new", "/nominations/new"),
    ("trainings", "/trainings/"),
    ("meetings", "/meetings/"),
    ("funding-applications", "/funding/applications/"),
    ("funding-application-new", "/funding/applications/new"),
    ("calendar", "/calendar"),
    ("network", "/network/"),
    ("fact-sheet", "/network/DE/fact-sheet"),
    ("fact-sheet-edit", "/network/DE/fact-sheet/languages_hours/edit"),
    ("fact-sheets-compare", "/network/fact-sheets/compare?c=IE&c=IT&c=DE"),
    ("search", "/search?q=SIRENE"),
    ("report", "/reports/?start=2025-01-01&end=2026-12-31"),
    ("funding", "/funding/"),
    ("funding-calls", "/funding/calls/"),
    ("assessments", "/assessments/"),
    ("settings", "/settings"),
]


@pytest.mark.parametrize(("name", "path"), MAIN_PAGES, ids=[n for n, _ in MAIN_PAGES])
def test_main_page_is_accessible_and_photographed(person, name, path):
    page = person("core")
    page.goto(path)
    audit(page)
    assert screenshot(page, f"{name}-desktop").stat().st_size > 0
    page.set_viewport_size({"width": 390, "height": 844})
    audit(page, "at phone width")
    assert screenshot(page, f"{name}-phone").stat().st_size > 0
    scrolls_sideways = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not scrolls_sideways, f"{path} scrolls sideways on a phone"


def test_the_accessibility_check_reports_violations(new_context):
    """The check itself can fail: a page with an unlabeled field and an image without text is refused."""
    page = new_context().new_page()
    page.set_content('<!doctype html><html lang="en"><head><title>Bad</title></head><body><main>'
                     '<img src="/static/favicon.svg"><input type="text"></main></body></html>')
    with pytest.raises(AssertionError, match=r"image-alt[\s\S]*label"):
        audit(page)

