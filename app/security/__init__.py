"""Security across the intranet: server-side sessions, the second factor, log-in throttling in the
database, the security settings administrators choose, health and readiness, and backup/restore."""

from flask import Blueprint, Flask

# `flask backup` and `flask restore` (app/security/cli.py) are top-level commands of this blueprint.
bp = Blueprint("security", __name__, cli_group=None)

from app.security import cli, views  # noqa: E402, F401


def init_app(app: Flask) -> None:
    """Hooks of this module: proxy headers, HSTS, one-line logs, the second factor owed."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from app.core.workflow import NotAllowed
    from app.security import hooks, log

    config = app.config
    if config["PROXY_FIX_X_FOR"] or config["PROXY_FIX_X_PROTO"] or config["PROXY_FIX_X_HOST"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config["PROXY_FIX_X_FOR"],  # type: ignore[method-assign]
                                x_proto=config["PROXY_FIX_X_PROTO"], x_host=config["PROXY_FIX_X_HOST"])
    log.init_app(app)
    app.before_request(hooks.refuse_control_characters)
    app.before_request(hooks.require_second_factor)
    app.after_request(hooks.strict_transport_security)
    app.register_error_handler(403, hooks.refused)
    app.register_error_handler(NotAllowed, hooks.refused)

