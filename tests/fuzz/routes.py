"""The url_map the harness walks, and the users it acts as."""

import re
from typing import Any

from flask import Flask

from app import create_app

APP = create_app({"SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True,
                  "SERVER_NAME": "spoc.test"})  # only its url_map is used: no database behind it
ADAPTER = APP.url_map.bind("spoc.test")

ACCOUNTS = {"member": ("member", "IT"), "other": ("member", "FR"), "agency": ("member", "EUROPOL"),
            "core": ("core-group", "DE"), "admin": ("admin", "GSC")}
PREFERRED = ("admin", "member", "core", "other", "agency")  # the role that reaches the most of a route
ROLES = {*ACCOUNTS, "anonymous"}

ARGUMENT = re.compile(r"<(?:[^>]*:)?(\w+)>")
INT_ARGUMENT = re.compile(r"<int(?:\([^)]*\))?:(\w+)>")


def role_for(allowed: frozenset[str]) -> str:
    """The role a request of an access rule (tests/security/access.py) is made as."""
    return next((role for role in PREFERRED if role in allowed), "anonymous")


def client_for(role: str, app: Flask, member: Any, login_as: Any) -> Any:
    """A client of ``role``; the IT member is the one the records were built for (tests/factories.py world)."""
    if role == "member":
        return member
    if role == "anonymous":
        return app.test_client()
    return login_as(*ACCOUNTS[role])


def path_of(rule: str, values: dict[str, Any]) -> str:
    """``rule`` (``/meetings/<int:meeting_id>``) with its arguments filled in."""
    return ARGUMENT.sub(lambda m: str(values[m.group(1)]), rule)
