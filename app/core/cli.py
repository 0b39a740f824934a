"""Command-line groups that are not tied to one blueprint."""

from flask import Flask


def init_app(app: Flask) -> None:
    from app import demo
    from app.admin import cli as admin_cli

    admin_cli.init_app(app)
    app.cli.add_command(demo.demo_cli)
