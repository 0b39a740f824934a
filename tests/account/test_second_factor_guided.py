"""The second factor's guided page: three steps (password, QR code and a first code, the recovery codes with a
download and "I have saved them"), then back where the user was going."""

import re
from urllib.parse import unquote

from tests.factories import PASSWORD, code_for, reloaded_user

CODE = re.compile(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>")


def _to_step_three(client, db):
    assert client.post("/settings/second-factor/start", data={"start-password": PASSWORD}).status_code == 303
    page = client.get("/settings/second-factor").get_data(as_text=True)
    assert 'aria-current="step">Scan and check</li>' in page
    response = client.post("/settings/second-factor/confirm", data={"enrol-code": code_for(reloaded_user(db, client))})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_settings_page_leads_to_the_guided_page(member_client):
    settings = member_client.get("/settings").get_data(as_text=True)
    assert '<a class="button button-primary" href="/settings/second-factor">Set up the second factor</a>' in settings
    page = member_client.get("/settings/second-factor").get_data(as_text=True)
    assert 'aria-current="step">Your password</li>' in page
    assert "three steps" in page


def test_the_recovery_codes_come_with_a_download_and_must_be_saved_before_going_on(member_client, db):
    page = _to_step_three(member_client, db)
    codes = CODE.findall(page)
    assert len(codes) == 10
    assert 'aria-current="step">Save the recovery codes</li>' in page
    download = re.search(r'href="data:text/plain;charset=utf-8,([^"]+)" download="spoc-network-recovery-codes.txt"',
                         page)
    text = unquote(download.group(1))
    assert all(code in text for code in codes)
    assert member_client.user.email in text
    assert "data-print hidden" in page  # the print button appears only where scripts run

    not_ticked = member_client.post("/settings/second-factor/saved", data={"codes": " ".join(codes)})
    assert not_ticked.status_code == 400
    again = not_ticked.get_data(as_text=True)
    assert "Tick this box once the codes are saved" in again
    assert CODE.findall(again) == codes  # shown again, the same ones

    done = member_client.post("/settings/second-factor/saved", data={"codes": " ".join(codes), "saved": "y"})
    assert done.status_code == 303
    assert done.headers["Location"].endswith("/settings")
    assert "10 recovery codes are left." in member_client.get("/settings").get_data(as_text=True)


def test_codes_that_are_not_the_users_are_never_shown(member_client, db):
    codes = CODE.findall(_to_step_three(member_client, db))
    forged = ["abcde-fghjk", "<b>x</b>", codes[0]]
    page = member_client.post("/settings/second-factor/saved", data={"codes": " ".join(forged)})
    assert page.status_code == 400
    assert CODE.findall(page.get_data(as_text=True)) == [codes[0]]
    assert "<b>x</b>" not in page.get_data(as_text=True)


def test_an_account_that_must_have_one_returns_where_it_was_going(login_as, db):
    admin = login_as("admin", "GSC", second_factor=False)
    response = admin.get("/admin/users/?q=it")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/settings/second-factor")
    codes = CODE.findall(_to_step_three(admin, db))
    done = admin.post("/settings/second-factor/saved", data={"codes": " ".join(codes), "saved": "y"})
    assert done.headers["Location"].endswith("/admin/users/?q=it")
    assert admin.get("/admin/users/?q=it").status_code == 200


def test_a_second_factor_that_is_on_is_managed_on_the_same_page(member_client, db):
    codes = CODE.findall(_to_step_three(member_client, db))
    member_client.post("/settings/second-factor/saved", data={"codes": " ".join(codes), "saved": "y"})
    page = member_client.get("/settings/second-factor").get_data(as_text=True)
    assert "Make new recovery codes" in page
    assert "Turn the second factor off" in page
    assert 'class="steps' not in page
