"""`flask backup` and `flask restore`: the database and the attachments, in one archive. `flask rotate-secrets`:
the second-factor secrets re-encrypted for a new SECRET_KEY."""

import os
from pathlib import Path

import click

from app.extensions import db
from app.security import backup, bp, second_factor


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


@click.command("rotate-secrets")
@click.option("--old-secret-key-file", type=click.Path(exists=True, dir_okay=False),
              help="A file holding the previous SECRET_KEY (else the OLD_SECRET_KEY environment variable).")
def rotate_secrets_command(old_secret_key_file: str | None) -> None:
    """Re-encrypt the second-factor secrets from the previous SECRET_KEY to the current one.

    Run it with the new SECRET_KEY set, before the servers start with it. One transaction: if any secret does not
    decrypt with the old key, nothing is written. The old key is never a command-line argument (`ps` shows those).
    """
    if old_secret_key_file:
        old_key = Path(old_secret_key_file).read_text().strip()
    else:
        old_key = os.environ.get("OLD_SECRET_KEY", "").strip()
    if not old_key:
        raise click.UsageError("Give the previous SECRET_KEY: --old-secret-key-file PATH, or the OLD_SECRET_KEY "
                               "environment variable.")
    try:
        rewritten, current = second_factor.rotate_secrets(old_key)
    except second_factor.RotationError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"{rewritten} second-factor secrets re-encrypted with the current SECRET_KEY; "
               f"{current} were already.")


bp.cli.add_command(backup_command)
bp.cli.add_command(restore_command)
bp.cli.add_command(rotate_secrets_command)
