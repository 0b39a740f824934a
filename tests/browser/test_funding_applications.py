"""A funding application end to end in Chromium, with JavaScript (htmx) and without: Italy starts it, a bad amount
is explained next to its field with the text kept, it is drafted and submitted, and the Presidency records the award;
every page checked with axe-core, and at phone width."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import audit, expect_message

pytestmark = pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])


def _fits_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    audit(page, "at phone width")
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"), \
        f"{page.url} scrolls sideways on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_application_started_drafted_submitted_and_awarded(person, javascript):
    variant = "with htmx" if javascript else "without JavaScript"
    title = f"Two network meetings in 2027 ({variant})"

    member = person("member", javascript=javascript)
    member.goto("/funding/applications/")
    audit(member)
    member.get_by_role("link", name="Start an application").click()
    audit(member)
    member.get_by_label("Title", exact=True).fill(title)
    member.get_by_label("Summary", exact=True).fill("Co-finance the spring and autumn meetings.")
    member.get_by_label("Funding source").select_option(label="ISF Union actions")
    member.get_by_label("Amount requested (euro)").fill("120 000,505")
    member.get_by_label("France").check()
    member.get_by_label("Europol").check()
    member.get_by_role("button", name="Record the application").click()
    expect(member.locator("#amount_requested-error")).to_contain_text("at most two decimals")
    expect(member.get_by_label("Amount requested (euro)")).to_have_value("120 000,505")
    expect(member.get_by_label("Title", exact=True)).to_have_value(title)
    audit(member, "with the amount refused")
    member.get_by_label("Amount requested (euro)").fill("120 000,50")
    member.get_by_role("button", name="Record the application").click()
    expect(member.get_by_role("heading", level=1)).to_contain_text(title)
    expect_message(member, "recorded as an idea")
    expect(member.get_by_text("€120,000.50")).to_be_visible()
    audit(member)
    _fits_a_phone(member)
    member.get_by_role("button", name="Start drafting").click()
    expect_message(member, "Drafting has started")
    member.get_by_role("button", name="Record as submitted").click()
    expect_message(member, "recorded as submitted")
    application_url = member.url

    presidency = person("presidency", javascript=javascript)
    presidency.goto(application_url)
    audit(presidency)
    presidency.get_by_text("Record the award", exact=True).first.click()
    presidency.get_by_label("Amount awarded (euro)").fill("130 000")
    presidency.get_by_role("button", name="Record the award").click()
    expect(presidency.locator("#amount_awarded-error")).to_contain_text("cannot be larger than the amount requested")
    audit(presidency, "with the award refused")
    presidency.get_by_label("Amount awarded (euro)").fill("100 000")
    presidency.get_by_role("button", name="Record the award").click()
    expect_message(presidency, "The award is recorded")
    expect(presidency.get_by_text("€100,000.00")).to_be_visible()
    audit(presidency)
    _fits_a_phone(presidency)
