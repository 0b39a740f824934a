"""The skeleton every workflow-action view shares (obstacles, practices, meetings, the roster)."""

from collections.abc import Callable
from typing import Any

from flask import Response, flash
from flask_login import current_user

from app.core.htmx import redirect_after_post
from app.core.workflow import Workflow
from app.extensions import db


def workflow_step(workflow: Workflow, record: Any, action: str, take: Callable[[], Any], done: str, url: str, *,
                  form: Any = None, invalid: Callable[[], Response] | None = None) -> Response:
    """Take ``action`` on ``record``: with a ``form``, a user who may not take the action is refused first
    (403/409, never "fix these fields"), then a form with errors answers ``invalid()`` (the page with the
    errors next to the fields, nothing written); else ``take()`` runs the service, the change is committed,
    ``done`` is flashed and the browser goes to ``url``. The service applies the workflow, which raises the
    :class:`~app.core.workflow.WorkflowError` the error handler turns into a page."""
    if form is not None and not form.validate_on_submit():
        workflow.check(current_user, record, action)
        if invalid is None:
            raise TypeError("workflow_step: a form needs invalid(), the page that shows its errors")
        return invalid()
    take()
    db.session.commit()
    flash(done, "success")
    return redirect_after_post(url)
