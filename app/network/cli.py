import click

from app.extensions import db
from app.network import bp
from app.network.services import seed_reference_data

bp.cli.short_help = "Network reference data."


@bp.cli.command("seed")
def seed() -> None:
    """Add the Member States, Schengen-associated countries, agencies, Council and Presidency terms,
    instruments and handling markings that are missing (idempotent)."""
    added = seed_reference_data()
    db.session.commit()
    # Every kind of reference data, the modules' own included (their seeders' names): "presidency terms 12".
    click.echo("Reference data added: " + ", ".join(f"{kind.replace('_', ' ')} {n}" for kind, n in added.items()))


