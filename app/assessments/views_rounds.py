"""The rounds (a first version: replaced by the list of rounds with their progress)."""

from flask import render_template
from flask_login import login_required

from app.assessments import bp


@bp.get("/")
@login_required
def index():
    return render_template("assessments/index.html")
