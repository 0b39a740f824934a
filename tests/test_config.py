import pytest

from app import create_app
from app.demo import DEMO_USERS, load_demo_data
from app.extensions import db as _db
from app.network.models import User


def test_environment_overrides_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASK_ITEMS_PER_PAGE", "7")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = create_app()
    assert app.config["ITEMS_PER_PAGE"] == 7
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("x.db")
    assert app.config["SECRET_KEY"] == "from-the-environment"


def test_the_embedded_default_is_sqlite_in_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/instance/spoc.db")


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app({"SPOC_ENV": "production"})


def test_demo_data_loads_once(app, db):
    assert load_demo_data() is True
    db.session.commit()
    assert load_demo_data() is False
    assert db.session.scalar(db.select(db.func.count(User.id))) == len(DEMO_USERS)


def test_demo_login_works(app, db, client):
    load_demo_data()
    db.session.commit()
    from app.demo import DEMO_PASSWORD

    response = client.post("/login", data={"email": "head.ie@example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 303


def test_demo_data_refuses_production(make_app):
    app = make_app(SPOC_ENV="production", SECRET_KEY="p" * 40)
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "never loaded in production" in result.output
    with app.app_context():
        assert _db.session.scalar(_db.select(_db.func.count(User.id))) == 0
