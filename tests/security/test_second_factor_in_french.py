"""Logging in with a recovery code in French (setting the factor up in French: tests/account)."""

import re

from app.network.models import User
from tests.factories import PASSWORD, code_for


def test_logging_in_with_a_recovery_code_says_how_many_are_left_in_french(app, member_client, db):
    member_client.user.language = "fr"
    db.session.commit()
    member_client.post("/settings/second-factor/start", data={"start-password": PASSWORD})
    user = db.session.get(User, member_client.user.id)
    done = member_client.post("/settings/second-factor/confirm", data={"enrol-code": code_for(user)}).data.decode()
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done)
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    second_step = browser.post("/login", data={"email": user.email, "password": PASSWORD}, follow_redirects=True)
    assert "Confirmez votre identité" in second_step.data.decode()
    page = browser.post("/login/second-factor", data={"code": codes[0]}, follow_redirects=True).data.decode()
    assert "Vous avez utilisé un code de secours ; il en reste 9." in page
