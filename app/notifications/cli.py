"""`flask notifications send` and `flask notifications digest`, for cron or a systemd timer."""

import click
from flask import current_app

from app.notifications import bp
from app.notifications.periodic import build_digests, queue_periodic
from app.notifications.sender import send_queued


def _send() -> None:
    report = send_queued()
    click.echo(f"Sent {report.sent}, to retry {report.retried}, refused {report.refused}.")
    for error in report.errors[:10]:
        click.echo(f"  {error}", err=True)


@bp.cli.command("send")
def send() -> None:
    """Queue the reminders that are due, then send every queued message (run it every few minutes)."""
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        click.echo(f"Queued {queue_periodic()} reminder(s).")
        _send()


@bp.cli.command("digest")
def digest() -> None:
    """Gather each user's digest items into one message and send it (run it once a week)."""
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        click.echo(f"Made {build_digests()} digest(s).")
        _send()
