"""`flask backup` and `flask restore`: the database and the attachments, in one archive."""

import click

from app.security import backup, bp


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup_command(path: str) -> None:
    """Write a consistent copy of the database and the attachments to PATH (a .tar.gz), while the server runs."""
    try:
        summary = backup.make_backup(path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {path}: {summary}.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(path: str, yes: bool) -> None:
    """Replace the database and the attachments with the backup in PATH. Stop the app servers first."""
    if not yes:
        click.confirm("This replaces ALL data and attachments with the backup. Continue?", abort=True)
    try:
        summary = backup.restore_backup(path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored from {path}: {summary}.")


bp.cli.add_command(backup_command)
bp.cli.add_command(restore_command)
