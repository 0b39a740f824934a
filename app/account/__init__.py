"""The user's own settings: language, time zone, calendar feed, second factor, password, e-mail and sessions."""

from flask import Blueprint

bp = Blueprint("account", __name__)

from app.account import second_factor_views, views  # noqa: E402, F401
