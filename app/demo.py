"""Invented demo data, so `make run` opens on a network that looks used. Never in production.

Each module adds its own records in ``app/<module>/demo.py`` with a ``load_demo(users, organisations)``
function (both mappings: by e-mail and by code), listed in MODULE_DEMOS in the order they build on each other.
"""

import importlib

import click
from flask import current_app
from flask.cli import AppGroup

from app.auth.passwords import hash_password
from app.extensions import db
from app.network.models import HeadOfSpoc, Organisation, User
from app.network.services import seed_reference_data

# Invented demo accounts; demo data is refused in production.
DEMO_PASSWORD = "demo-password"  # noqa: S105  # nosec B105

# (e-mail, name, organisation code, role): invented people, example.org addresses.
DEMO_USERS: list[tuple[str, str, str, str]] = [
    ("admin@example.org", "Alex Admin", "GSC", "admin"),
    ("head.ie@example.org", "Aoife Brennan", "IE", "member"),
    ("officer.ie@example.org", "Cian Walsh", "IE", "member"),
    ("head.it@example.org", "Giulia Conti", "IT", "member"),
    ("head.de@example.org", "Jonas Keller", "DE", "core-group"),
    ("head.fr@example.org", "Camille Laurent", "FR", "core-group"),
    ("head.pl@example.org", "Marta Nowak", "PL", "member"),
    ("head.es@example.org", "Lucía Romero", "ES", "member"),
    # A Schengen-associated country: a member of the network, never counted among the 27.
    ("head.no@example.org", "Sigrid Aasheim", "NO", "member"),
    ("liaison.europol@example.org", "Pieter de Vries", "EUROPOL", "member"),
    ("liaison.cepol@example.org", "Eszter Szabó", "CEPOL", "member"),
]

MODULE_DEMOS: list[str] = ["app.factsheets.demo", "app.obstacles.demo", "app.practices.demo", "app.roster.demo",
                           "app.meetings.demo", "app.assessments.demo", "app.funding.demo", "app.notifications.demo"]

def load_demo_data() -> bool:
    """Load the demo network if the database has no users yet. Returns whether it loaded."""
    if current_app.config["SPOC_ENV"] == "production":
        raise click.ClickException("Demo data is never loaded in production.")
    seed_reference_data()
    if db.session.scalar(db.select(User.id).limit(1)) is not None:
        return False
    orgs = {o.code: o for o in db.session.scalars(db.select(Organisation))}
    password_hash = hash_password(DEMO_PASSWORD)
    users = {}
    for email, name, code, role in DEMO_USERS:
        users[email] = User(email=email, name=name, organisation=orgs[code], role=role, password_hash=password_hash)
        db.session.add(users[email])
    db.session.flush()
    # Each "head." account heads its country's SPOC (it submits the country's assessment answers).
    db.session.add_all(HeadOfSpoc(organisation_id=user.organisation_id, user_id=user.id)
                       for email, user in users.items() if email.startswith("head."))
    db.session.flush()
    for module in MODULE_DEMOS:
        importlib.import_module(module).load_demo(users, orgs)
        db.session.flush()
    return True


demo_cli = AppGroup("demo", help="Invented demo data for trying the intranet.")


@demo_cli.command("load")
def load() -> None:
    """Load demo data into an empty database (does nothing if there are users already)."""
    loaded = load_demo_data()
    db.session.commit()
    if loaded:
        click.echo("Demo data loaded.")
    else:
        click.echo("The database already has users: demo data not loaded.")
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for email, name, code, role in DEMO_USERS:
        click.echo(f"  {email:<30} {name} ({code}, {role})")
    click.echo("Administrators and core-group members set up a second factor (any authenticator app) at their "
               "first log-in; members log in with the password alone.")
