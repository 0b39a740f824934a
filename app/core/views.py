"""The skeleton every workflow-action view shares (obstacles, practices, meetings, the roster)."""

from collections.abc import Callable
from typing import Any

from flask import Response, flash
from flask_login import current_user

from app.core.htmx import redirect_after_post
from app.core.workflow import Workflow
from app.extensions import db


def workflow_step(workflow: Workflow, record: Any, action: str, take: Callable[[], Any],
                  done: str | Callable[[], str], url: str, *, form: Any = None,
                  invalid: Callable[[], Response] | None = None,
                  commit: Callable[[], None] = lambda: db.session.commit()) -> Response:
    """Take ``action`` on ``record`` and answer.

    With a ``form``, a user who may not take the action is refused first (403/409, never "fix these fields"),
    then a form with errors answers ``invalid()`` (the page with the errors next to the fields, nothing
    written). Otherwise ``take()`` runs the service, which applies the workflow (its WorkflowError becomes an
    error page); ``commit()`` commits (a module with optimistic locking answers a concurrent change itself);
    ``done`` (or ``done()``, when the message tells the new state) is flashed and the browser goes to ``url``.
    """
    if form is not None and not form.validate_on_submit():
        workflow.check(current_user, record, action)
        if invalid is None:
            raise TypeError("workflow_step: a form needs invalid(), the page that shows its errors")
        return invalid()
    take()
    commit()
    flash(done() if callable(done) else done, "success")
    return redirect_after_post(url)
