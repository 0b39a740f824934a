import sys

import click
from flask import current_app

from app.admin import bp
from app.admin.services import AccountError, create_user
from app.auth.passwords import hash_password
from app.auth.services import issue_invitation
from app.extensions import db
from app.network.models import ROLES
from app.network.services import organisation_by_code

bp.cli.help = "Manage user accounts from scripts."


@bp.cli.command("create")
@click.option("--email", required=True, help="Log-in e-mail address.")
@click.option("--name", required=True, help="Full name.")
@click.option("--org", "org_code", required=True, help="Organisation code, e.g. IT, EUROPOL, GSC.")
@click.option("--role", type=click.Choice(list(ROLES)), default="member", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of "
              "printing an invitation link.")
def create(email: str, name: str, org_code: str, role: str, password_stdin: bool) -> None:
    """Create a user; print an invitation link, or set the password read from standard input."""
    organisation = organisation_by_code(org_code)
    if organisation is None:
        raise click.UsageError(f"Unknown organisation {org_code!r}. Run `flask network seed` first, "
                               "or see /admin/organisations/ for the codes.")
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if len(password) < 12:
            raise click.UsageError("The password read from standard input is shorter than 12 characters.")
    try:
        user = create_user(None, email=email, name=name, organisation=organisation, role=role)
    except AccountError as error:
        raise click.UsageError(str(error)) from None
    if password is not None:
        user.password_hash = hash_password(password)
        db.session.commit()
        click.echo(f"Created {user.email} ({ROLES[role]}, {organisation.code}) with the given password.")
        return
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        link = issue_invitation(user, None)
    db.session.commit()
    click.echo(f"Created {user.email} ({ROLES[role]}, {organisation.code}).")
    click.echo(f"Invitation link (valid {current_app.config['INVITATION_MAX_AGE'].days} days, single use):")
    click.echo(link)

