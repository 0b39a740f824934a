"""Logging in and out, and accepting an invitation."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import notifications, views  # noqa: E402, F401
