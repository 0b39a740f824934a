import click

from app.extensions import db
from app.search import bp
from app.search.index import rebuild

bp.cli.short_help = "The search index."


@bp.cli.command("rebuild")
def rebuild_command() -> None:
    """Rewrite the whole search index (after bulk imports; safe at any time)."""
    count = rebuild()
    db.session.commit()
    click.echo(f"Search index rebuilt: {count} records.")
