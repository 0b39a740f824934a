"""The live server's parts that are not fixtures: Werkzeug's server, made to close what a dropped connection left."""

from collections.abc import Callable
from typing import Any

from werkzeug.serving import WSGIRequestHandler

_RESPONSE_KEY = "tests.live_server.response"


def remembering_responses(app: Any) -> Callable[..., Any]:
    """The application, keeping each response's iterable in its request's environ (for ``ClosingHandler``)."""
    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        environ[_RESPONSE_KEY] = response = app(environ, start_response)
        return response
    return wsgi


class ClosingHandler(WSGIRequestHandler):
    """Werkzeug's request handler, closing the response when the client dropped the connection.

    Chromium resets connections when a test closes its page just after a static file (the favicon) was sent.
    Werkzeug then skips the response's ``close()`` (its read of what the client left raises), and the open file
    is left to the garbage collector, whose ResourceWarning the suite (``filterwarnings = error``) turns into a
    failure of whichever test runs at that moment.
    """

    def connection_dropped(self, error: BaseException, environ: dict[str, Any] | None = None) -> None:
        response = (environ or {}).pop(_RESPONSE_KEY, None)
        if hasattr(response, "close"):
            response.close()
