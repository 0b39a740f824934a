"""Running an import job in the background, so that a 20,000-row file never holds a request open.

The request that starts a job commits it and starts a thread with its own application context (and so its own
database session); the thread runs the dry run, or the dry run again and then the import, and records its progress
on the job's row through a connection of its own, which every server process can read (the page polls it). This
works the same with the development server and with gunicorn's sync workers; a worker killed in the middle (a
restart) leaves the job "in progress": its rows were never committed, and the file can be uploaded again.
``IMPORT_JOBS_WAIT`` (tests) makes the request wait for the thread.
"""

import logging
import threading
from datetime import UTC, datetime

from flask import Flask, current_app
from flask_babel import force_locale, get_locale

from app.core.i18n import _
from app.extensions import db
from app.imports.models import ImportJob
from app.imports.reading import ImportFileError
from app.imports.services import ImportRefused, Report, audit_import, run_import
from app.imports.specs import KINDS
from app.network.models import User

log = logging.getLogger(__name__)


def start(job: ImportJob, *, dry_run: bool) -> None:
    """Mark ``job`` running, commit, and run it in a thread."""
    job.status = "checking" if dry_run else "importing"
    job.dry_run = dry_run
    job.processed_rows = 0
    job.error = None
    db.session.commit()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    language = str(get_locale() or "") or None  # the problems are written in the language the page is read in
    thread = threading.Thread(target=run_job, args=(app, job.id, language), name=f"import-{job.id}", daemon=True)
    thread.start()
    if app.config.get("IMPORT_JOBS_WAIT"):
        thread.join()


def _progress(job_id: int, rows: int, *, writing: bool, total: int | None = None) -> None:
    """Written through a connection of its own, committed at once, so the page sees it while the import's own
    transaction is still open. SQLite allows one writer: while the import writes, its progress waits."""
    if writing and db.engine.dialect.name == "sqlite":
        return
    table = ImportJob.__table__
    values = {"processed_rows": rows} if total is None else {"processed_rows": rows, "total_rows": total}
    with db.engine.begin() as connection:
        connection.execute(table.update().where(table.c.id == job_id).values(**values))


def _finish(job: ImportJob, report: Report | None, status: str, error: str | None = None) -> None:
    job.status = status
    job.error = error
    if report is not None:
        job.counts = report.counts
        job.problems = report.problems
        job.problem_count = report.problem_count
        job.total_rows = report.rows
        job.processed_rows = report.rows
    job.finished_at = datetime.now(UTC)


def execute(job: ImportJob) -> None:
    """The job's work, in the current context; commits once at the end (the import's rows with it)."""
    kind, user = KINDS[job.kind], db.session.get(User, job.created_by_id)
    content = job.content
    try:
        report = run_import(kind, user, content, job.mapping, write=False,
                            progress=lambda rows: _progress(job.id, rows, writing=False))
        if job.dry_run or report.problem_count:
            _finish(job, report, "checked" if job.dry_run else "failed",
                    None if job.dry_run else _("The file has problems: nothing was imported."))
            db.session.commit()
            return
        # Through the progress connection, not this session: on PostgreSQL a row this transaction had updated would
        # be locked until its commit, and the progress writes to it would wait for ever.
        _progress(job.id, 0, writing=False, total=report.rows)
        report = run_import(kind, user, content, job.mapping, write=True,
                            progress=lambda rows: _progress(job.id, rows, writing=True))
        job = db.session.get(ImportJob, job.id)
        _finish(job, report, "done")
        job.content = b""
        audit_import(user, job, report)
        db.session.commit()
    except (ImportFileError, ImportRefused) as error:
        db.session.rollback()
        job = db.session.get(ImportJob, job.id)
        _finish(job, None, "failed", str(error))
        db.session.commit()


def run_job(app: Flask, job_id: int, language: str | None = None) -> None:
    with app.app_context():
        job = db.session.get(ImportJob, job_id)
        language = language or (job.created_by.language if job.created_by else None)
        try:
            with force_locale(language or app.config.get("BABEL_DEFAULT_LOCALE", "en")):
                execute(job)
        except Exception:
            log.exception("import job %s failed", job_id)
            db.session.rollback()
            job = db.session.get(ImportJob, job_id)
            _finish(job, None, "failed", _("The import stopped on an unexpected error: nothing was imported."))
            db.session.commit()
        finally:
            db.session.remove()
