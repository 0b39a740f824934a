"""Saving an edit of a record several people may edit at once, without silently losing anyone's work."""

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm.exc import StaleDataError

from app.core.forms import VersionedForm
from app.extensions import db

T = TypeVar("T")


def commit_unless_stale(form: VersionedForm, obj: Any, apply: Callable[[], T]) -> tuple[bool, T | None]:
    """Apply the edit and commit, unless someone saved ``obj`` after ``form`` was loaded: (saved, what apply gave).

    On such a conflict nothing is written and saved is False; ``obj`` then shows the saved version and the
    form carries its number, so the user's text stays in the form and a second save, made knowingly, wins.
    Two saves racing past the version check are caught by the version column itself (StaleDataError).
    """
    if not form.is_stale(obj):
        try:
            result = apply()
            db.session.commit()
            return True, result
        except StaleDataError:
            db.session.rollback()
    db.session.refresh(obj)
    form.version.data = str(obj.version)
    return False, None
