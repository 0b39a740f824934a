"""The overview at /funding/ (a first version: replaced by the overview per half-year)."""

from flask import render_template
from flask_login import login_required

from app.funding import bp


@bp.get("/")
@login_required
def index():
    return render_template("funding/index.html")
