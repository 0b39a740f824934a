"""The import pages, for administrators: upload, choose the columns, dry run, import, follow the progress."""

from flask import abort, flash, url_for
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from app.core.export import csv_response
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.core.permissions import is_admin
from app.extensions import db
from app.imports import bp, jobs
from app.imports.forms import UploadForm, chosen_mapping, mapping_form
from app.imports.models import ImportJob, ImportMapping, header_key
from app.imports.reading import ImportFileError, open_sheet, read_upload
from app.imports.services import mapping_problems
from app.imports.specs import KINDS


@bp.before_request
def only_administrators() -> None:
    """Imports write many records at once, for any country: administrators only."""
    if current_user.is_authenticated and not is_admin(current_user):
        abort(403)


def _recent_jobs() -> list[ImportJob]:
    return list(db.session.scalars(db.select(ImportJob).order_by(ImportJob.created_at.desc(), ImportJob.id.desc())
                                   .limit(20)))


def _remembered(kind: str, header: list[str]) -> list[str] | None:
    saved = db.session.scalar(db.select(ImportMapping).where(ImportMapping.kind == kind,
                                                              ImportMapping.header_key == header_key(header)))
    return saved.mapping if saved and len(saved.mapping) == len(header) else None


def _remember(kind: str, header: list[str], mapping: list[str]) -> None:
    key = header_key(header)
    saved = db.session.scalar(db.select(ImportMapping).where(ImportMapping.kind == kind,
                                                              ImportMapping.header_key == key))
    if saved is None:
        db.session.add(ImportMapping(kind=kind, header_key=key, mapping=mapping))
    elif saved.mapping != mapping:
        saved.mapping = mapping


@bp.route("/", methods=["GET", "POST"])
def index():
    """Upload a file to import; the recent imports."""
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            if not isinstance(upload, FileStorage) or not upload.filename:
                raise ImportFileError(_("Choose a file."))
            try:
                data = read_upload(upload.stream)
            finally:
                upload.close()  # a large upload's temporary file, at once
            sheet = open_sheet(data)
            kind = KINDS[form.kind.data]
            mapping = _remembered(kind.name, sheet.header) or kind.guess(sheet.header)
            if not any(mapping):
                raise ImportFileError(_("No column of the header row is one this import knows (%(columns)s).",
                                        columns=", ".join(str(c.header) for c in kind.columns)))
        except ImportFileError as error:
            form.file.errors.append(str(error))
        else:
            job = ImportJob(kind=kind.name, filename=(upload.filename or "")[:200], content=data,
                            header=sheet.header, mapping=mapping, created_by_id=current_user.id)
            db.session.add(job)
            db.session.commit()
            return redirect_after_post(url_for("imports.job", job_id=job.id))
    status = 400 if form.errors else 200
    return render("imports/index.html", status=status, form=form, jobs=_recent_jobs(), kinds=KINDS)


def _load(job_id: int) -> ImportJob:
    job = db.session.get(ImportJob, job_id)
    if job is None:
        abort(404)
    return job


def _job_page(job: ImportJob, form=None, problems=None, status: int = 200):
    kind = KINDS[job.kind]
    form = form or mapping_form(kind, job.header, job.mapping)
    return render("imports/job.html", "imports/_status.html", status=status, job=job, kind=kind, form=form,
                  mapping_problems=problems or [])


@bp.route("/<int:job_id>")
def job(job_id: int):
    """A file's columns, its dry run and import: the status part refreshes itself while the job runs."""
    return _job_page(_load(job_id))


@bp.route("/<int:job_id>/check", methods=["POST"])
def check(job_id: int):
    """Save the chosen columns and run the dry run."""
    job = _load(job_id)
    if job.status not in ("uploaded", "checked", "failed") or not job.has_content():
        abort(409)
    kind = KINDS[job.kind]
    form = mapping_form(kind, job.header, job.mapping)
    if not form.validate_on_submit():
        return _job_page(job, form, status=400)
    mapping = chosen_mapping(form, len(job.header))
    problems = mapping_problems(kind, job.header, mapping)
    if problems:
        return _job_page(job, form, problems, status=400)
    job.mapping = mapping
    _remember(kind.name, job.header, mapping)
    jobs.start(job, dry_run=True)
    return redirect_after_post(url_for("imports.job", job_id=job_id))


@bp.route("/<int:job_id>/import", methods=["POST"])
def run(job_id: int):
    """Import the file the dry run checked, as one transaction."""
    job = _load(job_id)
    if job.status != "checked" or job.problem_count or not job.has_content():
        abort(409)
    jobs.start(job, dry_run=False)
    flash(_("The import has started."), "info")
    return redirect_after_post(url_for("imports.job", job_id=job_id))


@bp.route("/template/<kind>.csv")
def template(kind: str):
    """An empty spreadsheet with the columns of this kind of record (the export's)."""
    spec = KINDS.get(kind)
    if spec is None:
        abort(404)
    return csv_response(f"{kind}-template.csv", spec.template_header(), [])
