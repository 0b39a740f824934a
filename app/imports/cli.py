"""`flask import <kind> <file> --user <e-mail> [--dry-run]`: the same dry run and import as the page."""

from pathlib import Path

import click
from flask_babel import force_locale

from app.extensions import db
from app.imports import bp
from app.imports.models import ImportJob
from app.imports.reading import ImportFileError, open_sheet, read_upload
from app.imports.services import ImportRefused, Report, audit_import, mapping_problems, run_import
from app.imports.specs import KINDS
from app.network.models import User


def _print(report: Report, *, written: bool) -> None:
    verb = "" if written else " (dry run: nothing written)"
    counts = ", ".join(f"{name} {count}" for name, count in report.counts.items())
    click.echo(f"{report.rows} rows: {counts}{verb}")
    for row, column, message in report.problems:
        click.echo(f"row {row}, {column}: {message}", err=True)
    if report.problem_count > len(report.problems):
        click.echo(f"... and {report.problem_count - len(report.problems)} more problems", err=True)


@bp.cli.command("import")
@click.argument("kind")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "email", required=True, help="Who imports: the rules of that account apply (an "
              "administrator imports for any country, a member for their own).")
@click.option("--dry-run", is_flag=True, help="Check and count only; write nothing.")
def import_command(kind: str, path: Path, email: str, dry_run: bool) -> None:
    """Import obstacles or best practices from an .xlsx or .csv file: everything, or nothing on any problem."""
    spec = KINDS.get(kind)
    if spec is None:
        raise click.BadParameter(f"one of {', '.join(sorted(KINDS))}", param_hint="KIND")
    user = db.session.scalar(db.select(User).where(User.email == email.strip().lower(), User.active))
    if user is None:
        raise click.ClickException(f"No active user has the address {email}.")
    with force_locale("en"), path.open("rb") as stream:
        try:
            data = read_upload(stream)
            header = open_sheet(data).header
            mapping = spec.guess(header)
            problems = mapping_problems(spec, header, mapping)
            if problems:
                raise ImportFileError(" ".join(problems))
            report = run_import(spec, user, data, mapping, write=False)
            if dry_run or report.problem_count:
                _print(report, written=False)
                if report.problem_count:
                    raise click.ClickException(f"{report.problem_count} problems: nothing was imported.")
                return
            report = run_import(spec, user, data, mapping, write=True)
        except (ImportFileError, ImportRefused) as error:
            db.session.rollback()
            raise click.ClickException(str(error)) from None
        job = ImportJob(kind=kind, filename=path.name[:200], content=b"", header=header, mapping=mapping,
                        status="done", dry_run=False, created_by_id=user.id, counts=report.counts,
                        total_rows=report.rows, processed_rows=report.rows)
        db.session.add(job)
        db.session.flush()
        audit_import(user, job, report)
        db.session.commit()
        _print(report, written=True)
