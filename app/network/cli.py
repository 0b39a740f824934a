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
    names = {"organisations": "organisations", "presidency_terms": "Presidency terms",
             "legal_instruments": "legal instruments", "markings": "handling markings"}
    counts = [f"{count} {names.get(key, key.replace('_', ' '))}" for key, count in added.items()]
    click.echo(f"Reference data added: {', '.join(counts[:-1])} and {counts[-1]}.")


