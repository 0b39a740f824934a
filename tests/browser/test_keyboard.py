"""A journey with the keyboard alone: Tab to move, Enter and Space to act, typing into fields. No mouse.

Every control reached shows a visible focus indicator, and after an htmx update focus lands in the updated part.
"""

from playwright.sync_api import Page, expect

from tests.browser.helpers import audit, expect_message, wait_for_htmx
from tests.factories import DEMO_PASSWORD

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const visible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    const name = (el.labels && el.labels.length ? el.labels[0].innerText : "")
        || el.getAttribute("aria-label") || el.innerText || el.value || "";
    return {name: name.trim().replace(/\\s+/g, " "), tag: el.tagName.toLowerCase(), visible: visible};
}"""


def tab_to(page: Page, name: str, *, limit: int = 300) -> None:
    """Press Tab until the focused control's name starts with ``name``; each stop must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["visible"], f"no visible focus on the {focused['tag']} “{focused['name']}”"
        if focused["name"].startswith(name):
            return
    raise AssertionError(f"“{name}” cannot be reached with Tab")


def test_obstacle_journey_with_the_keyboard_only(new_context, live_server):
    page = new_context().new_page()
    page.goto("/login")
    tab_to(page, "Skip to main content")
    tab_to(page, "E-mail address")
    page.keyboard.type(live_server.logins["other_member"])
    tab_to(page, "Password")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)

    tab_to(page, "Obstacles")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Obstacles to cross-border cooperation")
    still_open = page.locator(".status-reported, .status-under_discussion")
    open_row = page.locator("#obstacle-list tbody tr").filter(has=still_open)
    first_title = open_row.first.locator("th a").inner_text()
    tab_to(page, first_title)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(first_title)

    answered = page.get_by_role("button", name="This affects Poland too").count() == 0
    if not answered:
        tab_to(page, "How it shows in your country")
        page.keyboard.type("Seen at our land borders too.")
        tab_to(page, "This affects Poland too")
        page.keyboard.press("Space")
        wait_for_htmx(page)
        expect_message(page, "affects Poland too")
        assert page.evaluate("document.activeElement.closest('#affected') !== null")

    tab_to(page, "Your comment")
    page.keyboard.type("Typed and sent with the keyboard only.")
    tab_to(page, "Post comment")
    page.keyboard.press("Enter")
    wait_for_htmx(page)
    expect(page.locator("#discussion")).to_contain_text("Typed and sent with the keyboard only.")
    expect_message(page, "Your comment is posted")
    assert page.evaluate("document.activeElement.closest('#discussion') !== null"), "focus left the discussion"
    audit(page, "after the keyboard journey")

    # The month view: "Next month" with Enter, and focus follows to the new month's heading.
    tab_to(page, "Calendar")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting calendar")
    heading = page.locator("#month-heading").inner_text()
    tab_to(page, "Next month")
    page.keyboard.press("Enter")
    wait_for_htmx(page)
    expect(page.locator("#month-heading")).not_to_have_text(heading)
    assert page.evaluate("document.activeElement.id") == "month-heading"
