"""The training needs in a real browser, JavaScript off, on the demo network: from a planned training to the needs
it answers, then every need of the round, with no WCAG 2.1 A/AA violation at desktop and 360 px phone widths."""

from playwright.sync_api import expect

from tests.browser.helpers import audit, screenshot


def test_a_member_follows_a_training_to_the_needs_it_answers(person):
    page = person("member", javascript=False)
    page.goto("/trainings/")
    page.get_by_role("link", name="Data protection in international information exchange").click()
    panel = page.locator("#training-needs")
    expect(panel.get_by_role("heading", name="Needs this training answers")).to_be_visible()
    expect(panel.get_by_role("rowheader", name="Data protection")).to_be_visible()
    audit(page, "a training with its needs")
    panel.get_by_role("link", name="Every training need of").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Training needs")
    expect(page.get_by_text("15 countries stated needs.")).to_be_visible()
    # The planned training is linked from the topic it answers.
    topic = page.locator("section", has=page.get_by_role("heading", name="Data protection", exact=True))
    expect(topic.get_by_role("link", name="Data protection in international information exchange")).to_be_visible()
    audit(page, "the needs page")
    assert screenshot(page, "training-needs-desktop").stat().st_size > 0
    page.set_viewport_size({"width": 360, "height": 800})
    audit(page, "the needs page at phone width")
    assert screenshot(page, "training-needs-phone").stat().st_size > 0
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"), "scrolls sideways"
