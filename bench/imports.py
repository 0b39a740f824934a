"""The import of a 20,000-row obstacle spreadsheet (issue 22): the time of the whole job as the page runs it
(the dry run, then the import in one transaction, committed), and the peak of Python's allocations while the same
file is checked again (every row unchanged: the import is idempotent), which stays bounded however long the file.

Run by `make bench` after each pass's page loads (it adds 20,000 obstacles to the scratch database), or alone:
``python -m bench.imports --database sqlite:////tmp/b.db --rows 500`` (a database `python -m bench.seed` made).
"""

import argparse
import csv
import io
import secrets
import time
import tracemalloc
from typing import Any

IMPORT_ROWS = 20_000
TARGET_IMPORT_SECONDS = 120  # the "within two minutes on this machine"

_COUNTRIES = ["Italy", "France", "Germany", "Austria", "Spain", "Belgique", "NL", "Pologne", "Suède", "IE"]
_KINDS = ["Legal", "Operational", "Technical", "Linguistic", "Organisational"]
_INSTRUMENTS = ["PRUM", "SIS-SIRENE", "EUROPOL-SIENA", "DIR-2023-977", "INTERPOL"]


def spreadsheet(rows: int) -> bytes:
    """A CSV as Excel writes it in French (Windows-1252, semicolons), ``rows`` obstacles with references."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Référence externe", "Titre", "Description", "Type", "Instrument ou canal", "Impact",
                     "Pays déclarant", "Pays partenaires", "Échéance de l’action"])
    for n in range(rows):
        writer.writerow([f"BENCH-IMPORT-{n:06d}", f"Imported obstacle number {n}",
                         f"Requests of kind {n % 7} wait until morning; imported row {n}.", _KINDS[n % 5],
                         _INSTRUMENTS[n % 5], ("Low", "Medium", "High")[n % 3], _COUNTRIES[n % 10],
                         f"{_COUNTRIES[(n + 1) % 10]}, {_COUNTRIES[(n + 3) % 10]}", f"{n % 28 + 1}/03/2027"])
    return buffer.getvalue().encode("cp1252")


def import_figures(database_url: str, rows: int = IMPORT_ROWS) -> dict[str, Any]:
    from app import create_app
    from app.extensions import db
    from app.imports.models import ImportJob
    from app.imports.services import audit_import, run_import
    from app.imports.specs import KINDS
    from app.network.models import User

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secrets.token_hex(16)})
    data = spreadsheet(rows)
    figures: dict[str, Any] = {"rows": rows, "file_mb": round(len(data) / 1024 / 1024, 1)}
    with app.app_context():
        kind = KINDS["obstacles"]
        admin = db.session.scalar(db.select(User).where(User.role == "admin", User.active).limit(1))
        assert admin is not None, "the benchmark database has no administrator"  # noqa: S101
        from app.imports.reading import open_sheet

        mapping = kind.guess(open_sheet(data).header)
        started = time.perf_counter()
        checked = run_import(kind, admin, data, mapping, write=False)
        figures["dry_run_seconds"] = round(time.perf_counter() - started, 1)
        written = run_import(kind, admin, data, mapping, write=True)
        job = ImportJob(kind="obstacles", filename="bench.csv", content=b"", header=[], mapping=mapping,
                        status="done", dry_run=False, created_by_id=admin.id, counts=written.counts)
        db.session.add(job)
        db.session.flush()
        audit_import(admin, job, written)
        db.session.commit()
        figures["import_seconds"] = round(time.perf_counter() - started, 1)
        figures["counts"] = written.counts
        figures["problems"] = checked.problem_count
        tracemalloc.start()
        try:
            again = run_import(kind, admin, data, mapping, write=False)
            figures["recheck_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1)
        finally:
            tracemalloc.stop()
        figures["recheck_unchanged"] = again.counts["unchanged"]
        engine = db.engine
    engine.dispose()
    figures["missed"] = figures["import_seconds"] > TARGET_IMPORT_SECONDS or figures["problems"] > 0
    return figures


def describe(figures: dict[str, Any]) -> str:
    mark = "  MISSED" if figures["missed"] else ""
    return (f"obstacle import of {figures['rows']:,} rows ({figures['file_mb']} MB): dry run "
            f"{figures['dry_run_seconds']} s, dry run + import {figures['import_seconds']} s (target "
            f"{TARGET_IMPORT_SECONDS} s), created {figures['counts']['created']:,}; again: "
            f"{figures['recheck_unchanged']:,} unchanged, peak {figures['recheck_peak_mb']} MB{mark}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a database bench.seed (or the app) has migrated")
    parser.add_argument("--rows", type=int, default=IMPORT_ROWS)
    args = parser.parse_args()
    print(describe(import_figures(args.database, args.rows)))


if __name__ == "__main__":
    main()
