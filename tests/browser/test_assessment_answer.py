"""A country answers the open cooperation round with JavaScript off: its Head adds a partner to the draft (first with
a mistake, refused next to the field with the other answers kept), then submits; every page passes axe-core."""

from playwright.sync_api import expect

from tests.browser.helpers import audit, expect_message


def test_the_head_of_spoc_answers_the_round_without_javascript(person):
    head = person("member", javascript=False)  # head.it@example.org heads Italy's SPOC in the demo network
    head.get_by_role("navigation", name="Main").get_by_role("link", name="Assessments").click()
    audit(head)
    head.get_by_role("link", name="Cooperation between the SPOCs 2026").first.click()
    expect(head.get_by_role("heading", level=1)).to_contain_text("Cooperation between the SPOCs 2026")
    expect(head.locator("body")).to_contain_text("of 27 countries answered")
    audit(head)
    head.get_by_role("link", name="Continue the draft").click()
    audit(head)

    head.get_by_label("Partner Member State").select_option(label="Spain")
    head.get_by_role("group", name="Requests sent to this country").get_by_label("11 to 50").check()
    # "Requests received" left out: it is required.
    head.get_by_role("group", name="Quality of the answers").get_by_label("4", exact=True).check()
    head.get_by_role("group", name="Channels used").get_by_label("SIENA").check()
    head.get_by_label("Comment").fill("Fast and complete answers to urgent requests.")
    head.get_by_role("button", name="Save the draft").click()
    received = head.get_by_role("group", name="Requests received from this country")
    expect(received).to_contain_text("Answer this question.")
    audit(head, "with a refused save")
    expect(head.get_by_label("Comment")).to_have_value("Fast and complete answers to urgent requests.")
    expect(head.get_by_role("group", name="Quality of the answers").get_by_label("4", exact=True)).to_be_checked()

    received.get_by_label("51 to 200").check()
    head.get_by_role("button", name="Save the draft").click()
    spain = head.get_by_role("row", name="Spain")
    expect(spain).to_contain_text("11 to 50")
    expect(spain).to_contain_text("51 to 200")
    audit(head, "after saving a partner")

    head.get_by_role("button", name="Submit the answer").first.click()
    expect_message(head, "submitted")
    audit(head, "after submitting")
    head.get_by_role("link", name="Cooperation between the SPOCs 2026").first.click()
    expect(head.get_by_role("main")).to_contain_text("The answer of Italy")
    expect(head.get_by_role("main")).to_contain_text("Submitted")
    expect(head.get_by_role("button", name="Submit the answer")).to_have_count(0)
    expect(head.get_by_role("main")).to_contain_text("4 of 27 countries answered")  # the demo's three, and Italy
