"""The import of one file, as a dry run or for real: one function reads every row the same way in both, so the
dry run's report is what the import does. The real import writes everything or nothing (the caller commits once,
or rolls back); services never commit."""

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.core import audit
from app.core.i18n import _
from app.extensions import db
from app.imports.matching import Problem
from app.imports.reading import ImportFileError, open_sheet
from app.imports.specs import EXTERNAL_REF, ImportKind

BATCH_ROWS = 500  # rows read, looked up and written at a time: memory stays flat however long the file is
LISTED_PROBLEMS = 1000  # problems kept for the report; the count is of all of them


class ImportRefused(ValueError):
    """The import found problems (the data changed since the dry run): nothing is written."""


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0,
                                                             "skipped": 0})
    problems: list[list[Any]] = field(default_factory=list)  # [row number, column header, message]
    problem_count: int = 0
    rows: int = 0

    def problem(self, row: int, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < LISTED_PROBLEMS:
            self.problems.append([row, column, str(message)])


def mapping_problems(kind: ImportKind, header: list[str], mapping: list[str]) -> list[str]:
    """What makes a mapping unusable: a required column mapped nowhere, a column mapped twice, no way to find
    records again (neither an external reference nor an ID)."""
    names = [m for m in mapping if m]
    problems = []
    for column in kind.columns:
        if names.count(column.name) > 1:
            problems.append(_("“%(column)s” is chosen for more than one column of the file.", column=column.header))
        if column.required and column.name not in names:
            problems.append(_("No column of the file gives “%(column)s”.", column=column.header))
    if EXTERNAL_REF not in names and "id" not in names:
        problems.append(_("No column of the file gives “%(column)s”.", column=kind.column(EXTERNAL_REF).header))
    known = {c.name for c in kind.columns}
    if any(m not in known for m in names) or len(mapping) != len(header):
        problems.append(_("The choice of columns does not fit this file."))
    return problems


def _batches(rows: Iterator[Any]) -> Iterator[list[Any]]:
    while batch := list(itertools.islice(rows, BATCH_ROWS)):
        yield batch


def _read_row(kind: ImportKind, lookups: Any, mapping: list[str], header: list[str], cells: list[Any],
              number: int, report: Report) -> tuple[dict[str, Any], bool]:
    values: dict[str, Any] = {}
    ok = True
    for position, name in enumerate(mapping):
        if not name:
            continue
        column, cell = kind.column(name), cells[position]
        if cell is None:
            if column.required:
                report.problem(number, header[position], _("This value is required."))
                ok = False
            elif column.default is None:
                values[name] = list(column.blank) if isinstance(column.blank, tuple) else column.blank
            continue
        try:
            values[name] = column.read(lookups, cell)
        except Problem as problem:
            report.problem(number, header[position], str(problem))
            ok = False
    return values, ok


def run_import(kind: ImportKind, user: Any, data: bytes, mapping: list[str], *, write: bool,
               progress: Callable[[int], None] | None = None) -> Report:
    """Read every row of ``data`` and count what it would create, update or leave unchanged, with each row's
    problems. ``write``: also write it, in the caller's transaction; :class:`ImportRefused` on the first problem
    (the caller rolls back). :class:`ImportFileError` when the file itself cannot be read."""
    sheet = open_sheet(data)
    header = sheet.header
    if mapping_problems(kind, header, mapping):
        raise ImportFileError(" ".join(mapping_problems(kind, header, mapping)))
    lookups = kind.lookups(user)
    place = {name: header[i] for i, name in enumerate(mapping) if name}
    ref_header = place.get(EXTERNAL_REF) or place.get("id")
    report = Report()
    seen: dict[tuple[str, Any], int] = {}
    for batch in _batches(sheet.rows):
        read = []
        for number, cells in batch:
            values, ok = _read_row(kind, lookups, mapping, header, cells, number, report)
            key = ("ref", values[EXTERNAL_REF]) if values.get(EXTERNAL_REF) else (
                ("id", values["id"]) if values.get("id") else None)
            if key is None and ok:
                report.problem(number, ref_header, _("Each row needs an external reference (or the ID of a record "
                                                     "exported from here)."))
                ok = False
            elif key in seen:
                report.problem(number, ref_header, _("Row %(row)s has the same reference.", row=seen[key]))
                ok = False
            elif key is not None:
                seen[key] = number
            read.append((number, values, ok, key))
        refs = [key[1] for _n, _v, _ok, key in read if key and key[0] == "ref"]
        by_ref = kind.find(refs) if refs else {}
        ids = [key[1] for _n, _v, _ok, key in read if key and key[0] == "id"]
        by_id = kind.find_ids(ids) if ids else {}
        for number, values, ok, key in read:
            record = None
            if key and key[0] == "ref":
                record = by_ref.get(key[1])
            elif key:
                record = by_id.get(key[1])
                if record is None:
                    report.problem(number, place["id"], _("No record has the ID %(id)s.", id=key[1]))
                    ok = False
                elif record.external_ref:
                    report.problem(number, place["id"], _("This record has the external reference “%(ref)s”: "
                                                          "give it in its column.", ref=record.external_ref))
                    ok = False
            refusal = kind.refuse(user, values, record, lookups) if ok else None
            if refusal:
                column, message = refusal
                report.problem(number, place.get(column, column), message)
                ok = False
            report.rows += 1
            if not ok:
                report.counts["skipped"] += 1
                if write:
                    raise ImportRefused(_("The data changed since the dry run: run it again."))
                continue
            if record is None:
                report.counts["created"] += 1
                if write:
                    for column in kind.columns:
                        if column.default is not None and column.name not in values:
                            values[column.name] = column.default(lookups)
                    kind.create(user, values, lookups)
            elif kind.changes(record, values):
                report.counts["updated"] += 1
                if write:
                    kind.update(record, values, lookups)
            else:
                report.counts["unchanged"] += 1
        if write:
            db.session.flush()  # the search documents follow, by the session's hook (app/search/index.py)
            for obj in list(db.session.identity_map.values()):
                if isinstance(obj, kind.model):
                    db.session.expunge(obj)
        if progress:
            progress(report.rows)
    return report


def audit_import(user: Any, job: Any, report: Report) -> None:
    """The import as one event, with its counts."""
    audit.record(user, job, "import", changes={
        "kind": [None, job.kind], "file": [None, job.filename],
        **{name: [None, count] for name, count in report.counts.items() if name != "skipped"},
    })
