"""Helpers of the security tests: codes from a user's authenticator app, cookies copied between browsers."""

import time

import pyotp
import pytest

from app.network.models import User

COOKIE = "spoc_session"


def code_for(user: User, offset_steps: int = 0) -> str:
    """What the user's authenticator app shows now (or ``offset_steps`` steps away)."""
    return pyotp.TOTP(user.totp_secret).at(time.time() + 30 * offset_steps)


def copy_cookie(source, target) -> None:
    """Put ``source``'s session cookie into ``target``: a stolen or copied cookie."""
    cookie = source.get_cookie(COOKIE, domain="spoc.test")
    assert cookie is not None
    target.set_cookie(COOKIE, cookie.value, domain="spoc.test")


@pytest.fixture
def form_login():
    """Log in through the real form (and the second step, if the account has a second factor)."""

    def login(client, email, password, code=None):
        response = client.post("/login", data={"email": email, "password": password})
        if code is not None:
            response = client.post("/login/second-factor", data={"code": code})
        return response

    return login


# The roster's record factories, for the access matrix.
from tests.roster.conftest import make_expert, make_nomination, make_training  # noqa: E402, F401
