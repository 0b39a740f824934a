"""Entry point for `flask` commands and WSGI servers (gunicorn wsgi:app)."""

from app import create_app

app = create_app()
