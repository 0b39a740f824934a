"""The best-practice register: submit, review, endorse, adopt, search."""

from flask import Blueprint

bp = Blueprint("practices", __name__, url_prefix="/practices")

from app.practices import permissions, search, views  # noqa: E402, F401
