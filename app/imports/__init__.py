"""Spreadsheet imports (obstacles, best practices): upload, map the columns, dry run, then import as one
transaction in a background job. Modules declare what they import (``import_kind`` in their ``imports.py``);
`flask import <kind> <file>` does the same from a script."""

from flask import Blueprint

# cli_group=None: the command is `flask import`, not `flask imports import`.
bp = Blueprint("imports", __name__, url_prefix="/admin/imports", cli_group=None)

from app.imports import cli, models, views  # noqa: E402, F401
