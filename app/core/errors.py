"""Error pages: a whole page for a plain request, a fragment in the message area for htmx."""

import logging

from flask import Flask, Response, make_response, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from app.core.htmx import vary_on_htmx
from app.core.i18n import _, _l
from app.core.workflow import WorkflowError
from app.extensions import db, htmx

log = logging.getLogger(__name__)

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have permission to do this."),
    404: _l("There is nothing at this address. It may have been removed, or the link is wrong."),
    405: _l("This address does not accept that kind of request."),
    409: _l("This conflicts with the current state of the record. Reload the page and try again."),
    413: _l("The upload is too large."),
    429: _l("Too many requests. Please wait a moment and try again."),
    500: _l("Something went wrong on our side. Nothing was saved; please try again."),
}
TITLES = {
    400: _l("Bad request"),
    403: _l("Forbidden"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    413: _l("Upload too large"),
    429: _l("Too many requests"),
    500: _l("Server error"),
}


def error_response(status: int, message: str | None = None, title: str | None = None) -> Response:
    context = {
        "status": status,
        "title": title or _title(status),
        "message": message or MESSAGES.get(status, _("Error.")),
    }
    if htmx:
        response = make_response(render_template("errors/_error.html", **context), status)
        response.headers["HX-Retarget"] = "#messages"
        response.headers["HX-Reswap"] = "innerHTML"
    else:
        response = make_response(render_template("errors/error.html", **context), status)
    return vary_on_htmx(response)


def _title(status: int) -> str:
    return str(TITLES.get(status) or HTTP_STATUS_CODES.get(status, _("Error")))


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Response:
        db.session.rollback()
        return error_response(
            400,
            _("The form could not be accepted because its security token is missing or has expired. "
              "Go back, reload the page and send it again."),
            _("Form expired"),
        )

    @app.errorhandler(WorkflowError)
    def workflow_error(error: WorkflowError) -> Response:
        db.session.rollback()
        return error_response(error.status, str(error))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        db.session.rollback()
        if error.response is not None:  # a ready answer, e.g. the login page for too many attempts
            return error.response
        status = error.code or 500
        # abort(404, "...") carries a message meant for the user; the class default does not.
        custom = error.description if error.description != type(error).description else None
        return error_response(status, custom)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> Response:
        db.session.rollback()
        if app.testing and app.config.get("PROPAGATE_TEST_ERRORS", True):
            raise error
        log.exception("Unhandled error", exc_info=error)
        return error_response(500)
