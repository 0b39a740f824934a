import click

from app.extensions import db
from app.network import bp
from app.network.services import seed_reference_data

bp.cli.short_help = "Network reference data."


@bp.cli.command("seed")
def seed() -> None:
    """Add the Member States, agencies, Council and Presidency terms, instruments and
    handling markings that are missing (idempotent)."""
    added = seed_reference_data()
    db.session.commit()
    click.echo(
        f"Reference data: {added['organisations']} organisations, {added['presidency_terms']} Presidency terms "
        f", {added['legal_instruments']} legal instruments and {added['markings']} handling markings added."
    )


