"""The three things people do most, end to end in Chromium, each with JavaScript (htmx) and without.

Every page a journey visits is checked with axe-core, in its plain state and again after an htmx swap.
"""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from app.core.timezones import today
from tests.browser.helpers import audit, expect_message, wait_for_htmx

pytestmark = pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])


def _mark_page(page: Page) -> None:
    """Leave a mark on the loaded document: it survives an htmx swap, not a page load."""
    page.evaluate("document.documentElement.dataset.journeyMark = 'kept'")


def _page_was_kept(page: Page) -> bool:
    return page.evaluate("document.documentElement.dataset.journeyMark === 'kept'")


def _focus_is_inside(page: Page, selector: str) -> bool:
    return page.evaluate(f"!!document.activeElement && !!document.activeElement.closest({selector!r})")


def _after_swap(page: Page, javascript: bool, region: str) -> None:
    """With htmx, the region is replaced in place: no reload, focus inside it, checked again by axe-core."""
    if javascript:
        wait_for_htmx(page)
        assert _page_was_kept(page), "htmx should have updated the page in place"
        assert _focus_is_inside(page, region), f"focus should move into {region} after the update"
        audit(page, f"after the htmx update of {region}")
    else:
        audit(page)


def test_obstacle_reported_shared_discussed_and_moved_along(person, live_server, javascript):
    variant = "with htmx" if javascript else "without JavaScript"
    title = f"Night requests to vehicle registers go unanswered ({variant})"

    member = person("member", javascript=javascript)
    member.get_by_role("navigation", name="Main").get_by_role("link", name="Obstacles").click()
    audit(member)
    member.get_by_role("link", name="Report an obstacle").click()
    audit(member)
    member.get_by_role("button", name="Report the obstacle").click()  # empty form: errors next to the fields
    expect(member.get_by_role("alert")).to_contain_text("Please correct")
    audit(member, "with form errors")
    member.get_by_label("Title", exact=True).fill(title)
    member.get_by_label("Description", exact=True).fill("Between 22:00 and 06:00 nobody answers **SIENA** requests.")
    member.get_by_label("Operational", exact=True).check()
    member.get_by_label("Legal instrument or channel concerned").select_option(index=1)
    member.get_by_label("High", exact=True).check()
    member.get_by_role("button", name="Report the obstacle").click()
    expect(member.get_by_role("heading", level=1)).to_contain_text(title)
    expect_message(member, "The obstacle is reported")
    audit(member)
    obstacle_url = member.url

    other = person("other_member", javascript=javascript)
    other.goto(obstacle_url)
    audit(other)
    if javascript:
        _mark_page(other)
    other.get_by_label("How it shows in your country (optional)").fill("Same with our night shift.")
    other.get_by_role("button", name="This affects Poland too").click()
    expect(other.locator("#affected")).to_contain_text("Poland: Same with our night shift.")
    expect_message(other, "affects Poland too")
    _after_swap(other, javascript, "#affected")

    other.get_by_label("Your comment").fill("We solved it with an on-call legal officer.")
    other.get_by_role("button", name="Post comment").click()
    expect(other.locator("#discussion .comment")).to_contain_text(["We solved it with an on-call legal officer."])
    expect_message(other, "Your comment is posted")
    _after_swap(other, javascript, "#discussion")

    presidency = person("presidency", javascript=javascript)
    presidency.goto(obstacle_url)
    presidency.get_by_role("button", name="Put under discussion").click()
    expect_message(presidency, "under discussion")
    expect(presidency.locator(".status").first).to_have_text("Under discussion")
    audit(presidency)
    presidency.get_by_text("Record the agreed action", exact=True).first.click()  # opens the <details>
    presidency.get_by_label("Agreed action").fill("Every SPOC names a night-shift contact for vehicle registers.")
    presidency.get_by_label("Due date").fill((today() + timedelta(days=60)).isoformat())
    presidency.get_by_role("button", name="Record the agreed action").click()
    expect_message(presidency, "agreed action is recorded")
    expect(presidency.locator(".status").first).to_have_text("Action agreed")
    audit(presidency)


def test_best_practice_submitted_with_document_and_endorsed(person, javascript):
    variant = "with htmx" if javascript else "without JavaScript"
    title = f"A shared night-shift roster for the SPOC desks ({variant})"

    member = person("member", javascript=javascript)
    member.get_by_role("navigation", name="Main").get_by_role("link", name="Best practices").click()
    audit(member)
    member.get_by_role("link", name="Share a practice").click()
    audit(member)
    member.get_by_label("Title", exact=True).fill(title)
    member.get_by_label("Summary", exact=True).fill("One roster for SIRENE, Europol and INTERPOL desks at night.")
    member.get_by_label("Full description").fill("## Context\nNight requests waited until morning.")
    member.get_by_label("Topic", exact=True).select_option(label="24/7 operations")
    member.get_by_label("Tags").fill("night shift, roster")
    member.get_by_label("Attach a document (optional)").set_input_files(
        files=[{"name": "roster-template.txt", "mimeType": "text/plain",
                "buffer": b"Night roster template\nDesk, officer, phone\n"}])
    member.get_by_role("button", name="Save and send for review").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(title)
    expect_message(member, "sent to the network for review")
    expect(member.get_by_role("link", name="roster-template.txt")).to_be_visible()
    audit(member)
    practice_url = member.url

    presidency = person("presidency", javascript=javascript)
    presidency.goto(practice_url)
    audit(presidency)
    with presidency.expect_download() as download:
        presidency.get_by_role("link", name="roster-template.txt").click()
    assert download.value.suggested_filename == "roster-template.txt"
    presidency.get_by_text("Record the network's endorsement", exact=True).first.click()
    presidency.get_by_label("Endorsed on").fill(today().isoformat())
    presidency.get_by_label("At which meeting or occasion").fill("Plenary meeting of the Heads of SPOC")
    presidency.get_by_role("button", name="Record the network's endorsement").click()
    expect_message(presidency, "endorsement is recorded")
    expect(presidency.get_by_text("Endorsed by the network")).to_be_visible()
    audit(presidency)


def test_expert_nominated_accepted_and_proposed_for_a_training(person, javascript):
    variant = "htmx" if javascript else "nojs"
    expert = f"Marco Esposito {variant.upper()}"
    training_title = f"SIENA for night-shift officers ({variant})"

    member = person("member", javascript=javascript)
    member.get_by_role("navigation", name="Main").get_by_role("link", name="Nominations").click()
    audit(member)
    member.get_by_role("link", name="Nominate an expert").first.click()
    audit(member)
    member.get_by_label("Full name").fill(expert)
    member.get_by_label("E-mail address").fill(f"marco.esposito.{variant}@example.org")
    member.get_by_label("Position and service").fill("Senior officer, SIRENE bureau")
    member.get_by_label("Information-exchange channels (SIENA, SIRENE, INTERPOL)").check()
    member.get_by_label("Language 1", exact=True).select_option("it")
    member.get_by_label("Level 1", exact=True).select_option("native")
    member.get_by_label("Language 2", exact=True).select_option("en")
    member.get_by_label("Level 2", exact=True).select_option("C1")
    member.get_by_label("Days available per year").fill("10")
    member.get_by_label("Motivation").fill("Trains the SIRENE staff of three regions every year.")
    member.get_by_label("The expert has agreed to be listed on the roster").check()
    member.get_by_label("Date of the expert's consent").fill(today().isoformat())
    member.get_by_role("button", name="Submit the nomination").click()
    expect(member.get_by_role("heading", level=1)).to_contain_text(expert)
    expect_message(member, "submitted to the core group")
    audit(member)
    nomination_url = member.url

    core = person("core", javascript=javascript)
    core.goto(nomination_url)
    audit(core)
    core.get_by_role("button", name="Start the review").click()
    expect_message(core, "under review")
    for criterion in ("Expertise", "Training experience", "Languages", "Availability"):
        core.get_by_label(criterion, exact=True).select_option("4")
    core.get_by_label("Review notes").fill("Strong on SIENA; has trained before.")
    core.get_by_role("button", name="Record the review").click()
    expect_message(core, "Your review is recorded")
    expect(core.get_by_role("cell", name="16/20")).to_be_visible()
    audit(core)
    core.get_by_label("Message to the nominating country").fill("Welcome to the roster.")
    core.get_by_role("button", name="Accept: put on the roster").click()
    expect_message(core, "is accepted")
    audit(core)

    core.get_by_role("navigation", name="Main").get_by_role("link", name="Trainings").click()
    audit(core)
    core.get_by_role("link", name="Plan a training").first.click()
    audit(core)
    core.get_by_label("Title", exact=True).fill(training_title)
    core.get_by_label("First day").fill((today() + timedelta(days=40)).isoformat())
    core.get_by_label("Last day").fill((today() + timedelta(days=41)).isoformat())
    core.get_by_label("Online", exact=True).check()
    core.get_by_label("Organiser").select_option(index=1)
    core.get_by_label("Information-exchange channels (SIENA, SIRENE, INTERPOL)").check()
    core.get_by_role("button", name="Propose the training").click()
    expect(core.get_by_role("heading", level=1)).to_contain_text(training_title)
    audit(core)
    core.get_by_role("button", name="Mark as planned").click()
    expect(core.locator("h1 .badge")).to_have_text("Planned")
    core.get_by_label("Expert's name").fill(expert)
    core.get_by_role("button", name="Search").last.click()
    core.get_by_role("button", name=f"Propose {expert}").click()
    expect(core.get_by_role("table", name="Trainers proposed for this training")).to_contain_text(expert)
    audit(core)


def test_meeting_convened_answered_seen_in_the_month_and_downloaded(person, live_server, javascript):
    variant = "with htmx" if javascript else "without JavaScript"
    title = f"Heads of SPOC plenary ({variant})"
    day = today() + timedelta(days=3 if javascript else 4)

    presidency = person("presidency", javascript=javascript)
    presidency.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    audit(presidency)
    presidency.get_by_role("link", name="New meeting").click()
    audit(presidency)
    presidency.get_by_label("Title", exact=True).fill(title)
    presidency.get_by_label("Start", exact=True).fill(f"{day.isoformat()}T10:00")
    presidency.get_by_label("End", exact=True).fill(f"{day.isoformat()}T16:00")
    presidency.get_by_label("Place", exact=True).fill("Council building, Brussels")
    presidency.get_by_role("button", name="Save meeting").click()
    expect(presidency.get_by_role("heading", level=1)).to_contain_text(title)
    audit(presidency)
    presidency.get_by_role("button", name="Convene (send invitations)").click()
    expect_message(presidency, "The meeting is convened")
    audit(presidency)
    meeting_url = presidency.url

    member = person("member", javascript=javascript)
    member.goto(meeting_url)
    audit(member)
    if javascript:
        _mark_page(member)
    member.get_by_label("Your delegation").select_option("attending")
    member.get_by_label("Number of delegates").fill("2")
    member.get_by_label("Names of the delegates").fill("Giulia Conti\nMarco Esposito")
    member.get_by_role("button", name="Send the answer").click()
    expect_message(member, "The answer of Italy is recorded: attending")
    expect(member.locator("#answer-form")).to_contain_text("Current answer: Attending")
    _after_swap(member, javascript, "#answer-form")

    member.get_by_role("link", name=day.strftime("%B %Y")).click()
    expect(member.get_by_role("heading", level=2, name=day.strftime("%B %Y"))).to_be_visible()
    expect(member.locator("#month")).to_contain_text(title)
    audit(member)
    if javascript:
        _mark_page(member)
    member.get_by_role("link", name="Next month →").click()
    expect(member.locator("#month-heading")).not_to_have_text(day.strftime("%B %Y"))
    _after_swap(member, javascript, "#month")
    member.go_back()
    expect(member.locator("#month")).to_contain_text(title)

    member.locator("#month").get_by_role("link", name=title).click()
    expect(member.get_by_role("heading", level=1)).to_contain_text(title)
    with member.expect_download() as download:
        member.get_by_role("link", name="Add to my calendar (.ics)").click()
    ics = download.value.path().read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in ics
    assert f"SUMMARY:{title}" in ics.replace("\r\n ", "")
