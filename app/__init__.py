"""The SPOC Network intranet."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from app.core import database
from app.core.limits import IdConverter
from app.core.routing import LazyBuilderRule
from app.extensions import csrf, db, htmx, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: load configuration, bind extensions, register blueprints."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
    )
    # Before any route is added: every <int:...> takes only numbers the database holds, else the route is a 404.
    app.url_map.converters["int"] = IdConverter
    app.url_rule_class = LazyBuilderRule  # each rule's URL builder compiled on first use (app/core/routing.py)
    app.config.from_object("app.config.Config")
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config.from_prefixed_env()
    app.config.update(config or {})
    _finish_config(app)

    db.init_app(app)
    database.init_app(app)  # connection settings (SQLite: WAL) before anything connects
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)

    from app import (
        account,
        admin,
        assessments,
        auth,
        factsheets,
        funding,
        imports,
        main,
        meetings,
        network,
        notifications,
        obstacles,
        practices,
        reports,
        roster,
        search,
    )
    from app import security as security_module
    from app.core import errors, i18n, security, templating
    from app.demo import demo_cli

    for module in (main, auth, network, factsheets, obstacles, practices, roster, meetings, funding, assessments,
                   search, reports, account, admin, imports, notifications, security_module):
        app.register_blueprint(module.bp)
    security.init_app(app)
    security_module.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    i18n.init_app(app)
    app.cli.add_command(demo_cli)
    return app


def _finish_config(app: Flask) -> None:
    """Fill in what depends on the instance folder or the environment name."""
    production = app.config["SPOC_ENV"] == "production"
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'spoc.db'}"
    if not app.config.get("UPLOAD_FOLDER"):
        app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")
    if not app.config.get("SECRET_KEY"):
        if production:
            raise RuntimeError("SECRET_KEY must be set in production (environment or instance/config.py).")
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    elif production and _weak_secret(app.config["SECRET_KEY"]):
        raise RuntimeError("SECRET_KEY is a default or too short for production: use at least 32 random "
                           "characters, e.g. python -c 'import secrets; print(secrets.token_hex(32))'.")
    for name in ("SESSION_IDLE_TIMEOUT", "SESSION_ABSOLUTE_TIMEOUT"):
        if isinstance(app.config[name], int | float):  # seconds, from FLASK_* variables
            app.config[name] = timedelta(seconds=app.config[name])
    if production:
        # HTTPS only: Secure cookies, and the __Host- prefix (Secure, path /, no Domain: no sibling
        # host can set or overwrite them).
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
        if not app.config["SESSION_COOKIE_NAME"].startswith("__Host-"):
            app.config["SESSION_COOKIE_NAME"] = "__Host-" + app.config["SESSION_COOKIE_NAME"]
        app.config["SESSION_COOKIE_DOMAIN"] = None
        app.config["SESSION_COOKIE_PATH"] = "/"


# Values that are known, published or guessable are refused as production secrets.
_KNOWN_SECRETS = {"dev", "development", "secret", "changeme", "change-me", "test-secret-key", "prod", "production"}


def _weak_secret(secret: str) -> bool:
    return len(secret) < 32 or secret.lower() in _KNOWN_SECRETS


def _instance_secret(instance: Path) -> str:
    """A random key kept in instance/ so development sessions survive restarts; never committed."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
