"""The network directory: organisations, their members and country profiles; the Presidency rotation."""

from flask import Blueprint

bp = Blueprint("network", __name__, url_prefix="/network")

from app.network import cli, views  # noqa: E402, F401
