"""A fact sheet on paper, and kept without JavaScript: printed, it shows the sheet and its marking without the
site's header or buttons, on one page for a demo country; a section is edited and verified with plain forms."""

import re

from playwright.sync_api import expect


def test_a_printed_sheet_has_no_navigation_and_fits_one_page(person):
    page = person("member")  # Italy's Head of SPOC
    page.goto("/network/IT/fact-sheet")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Mark as verified").first).to_be_hidden()
    expect(page.get_by_role("link", name="Download as Word (.docx)")).to_be_hidden()
    expect(page.locator(".marking-banner")).to_be_visible()
    expect(page.get_by_role("heading", name="Data protection authority")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1


def test_a_section_is_edited_and_verified_without_javascript(person):
    page = person("member", javascript=False)
    page.goto("/network/IT/fact-sheet/spoc/edit")
    page.get_by_label("Staff (full-time equivalents)").fill("181")
    page.get_by_role("button", name="Save the section").click()
    expect(page.get_by_text("is saved and marked as verified today")).to_be_visible()
    section = page.locator("#section-spoc")
    expect(section).to_contain_text("181")
    page.locator("#section-legal_basis").get_by_role("button", name="Mark as verified").click()
    expect(page.get_by_text("“Legal basis for information exchange” is marked as verified today")).to_be_visible()
