"""Setting up a required second factor in the browser, with JavaScript on and off: sent to the guided page on the
way to the roster, the password again, the key typed into an "app" (pyotp here), the recovery codes downloaded,
"I have saved them" insisted on, then back on the page the user was going to."""

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import audit, expect_message

PASSWORD = "a password for the core group"


def _core_member_without_second_factor(app, email: str) -> None:
    from app.auth.passwords import hash_password
    from app.extensions import db
    from app.network.models import Organisation, User

    with app.app_context():
        austria = db.session.scalar(db.select(Organisation).where(Organisation.code == "AT"))
        db.session.add(User(email=email, name="Lukas Newcomer", organisation=austria, role="core-group",
                            password_hash=hash_password(PASSWORD)))
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_required_second_factor_is_set_up_step_by_step(new_context, live_server, javascript, tmp_path):
    email = f"lukas.{'js' if javascript else 'nojs'}@example.org"
    _core_member_without_second_factor(live_server.app, email)
    page = new_context(javascript=javascript).new_page()
    page.goto("/login?next=/experts/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(f"{live_server.url}/settings/second-factor")
    expect_message(page, "Your account needs a second factor")
    expect(page.locator("[aria-current=step]")).to_have_text("Your password")
    audit(page, "step 1")
    page.get_by_label("Your current password").fill(PASSWORD)
    page.get_by_role("button", name="Set up the second factor").click()

    expect(page.locator("[aria-current=step]")).to_have_text("Scan and check")
    expect(page.get_by_role("img", name="QR code to add the SPOC Network to an authenticator app")).to_be_visible()
    audit(page, "step 2")
    key = page.locator("code.totp-secret").inner_text()
    page.get_by_label("Code").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Turn on").click()

    expect(page.locator("[aria-current=step]")).to_have_text("Save the recovery codes")
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    print_button = page.get_by_role("button", name="Print the codes")
    if javascript:
        expect(print_button).to_be_visible()
        expect(page.get_by_text("use your browser's Print command")).to_be_hidden()
    else:
        expect(print_button).to_be_hidden()
        expect(page.get_by_text("use your browser's Print command")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the codes (.txt)").click()
    download = download_info.value
    assert download.suggested_filename == "spoc-network-recovery-codes.txt"
    saved = tmp_path / "codes.txt"
    download.save_as(saved)
    assert all(code in saved.read_text(encoding="utf-8") for code in codes)
    audit(page, "step 3")

    page.get_by_role("button", name="Continue").click()  # without ticking the box
    expect(page.get_by_text("Tick this box once the codes are saved")).to_be_visible()
    assert page.locator("ul.recovery-codes code").all_inner_texts() == codes  # still there to copy
    audit(page, "box not ticked")
    page.get_by_label("I have saved my recovery codes somewhere safe").check()
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/experts/")
