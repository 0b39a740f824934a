"""The user's own settings: time zone and personal calendar feed (other settings join later)."""

from flask import Blueprint

bp = Blueprint("account", __name__)

from app.account import views  # noqa: E402, F401
