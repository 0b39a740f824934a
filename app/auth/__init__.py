"""Logging in and out, accepting an invitation, and resetting a forgotten password."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import models, notifications, reset_views, views  # noqa: E402, F401
