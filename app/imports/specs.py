"""What each kind of record takes from a spreadsheet, declared as data: its columns (the CSV export's header, so
an export imports back), how each cell is read, and how a row becomes a record. A kind registers itself with
:func:`import_kind`; the import service (app/imports/services.py) knows nothing of obstacles or practices."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import force_locale

from app.imports.matching import normal

# The column every kind has: the reference the record keeps, by which a second import finds it again.
EXTERNAL_REF = "external_ref"


@dataclass(frozen=True)
class Column:
    """One field a spreadsheet column fills. ``header`` is the export's column name (a lazy string: recognised in
    English and in French), ``aliases`` more names people write; ``read(lookups, cell)`` gives the value or raises
    :class:`app.imports.matching.Problem`; ``default(lookups)`` fills a new record when the cell is blank
    (``required``: a blank cell is a problem; else it means ``blank``)."""

    name: str
    header: Any
    read: Callable[[Any, Any], Any]
    required: bool = False
    default: Callable[[Any], Any] | None = None
    aliases: tuple[str, ...] = ()
    blank: Any = None  # what a blank cell means, for a column without a default (a list column: an empty list)

    def headers(self) -> set[str]:
        names = {normal(self.name), *(normal(a) for a in self.aliases)}
        for language in ("en", "fr"):
            with force_locale(language):
                names.add(normal(str(self.header)))
        return names


@dataclass(frozen=True)
class ImportKind:
    """A kind of record that imports. ``lookups(user)`` is built once per run (the vocabularies); ``find(refs)``
    loads the records with those external references, ``find_ids(ids)`` those with those ids; ``changes(record,
    values)`` lists the fields whose value differs (empty: unchanged); ``create(user, values, lookups)`` and
    ``update(record, values, lookups)`` write (the caller flushes); ``refuse(user, values, record, lookups)`` says
    which column the importer may not write as given, and why (None: allowed)."""

    name: str
    label: Any
    model: type
    columns: tuple[Column, ...]
    lookups: Callable[[Any], Any]
    find: Callable[[list[str]], dict[str, Any]]
    find_ids: Callable[[list[int]], dict[int, Any]]
    changes: Callable[[Any, dict[str, Any]], list[str]]
    create: Callable[[Any, dict[str, Any], Any], Any]
    update: Callable[[Any, dict[str, Any], Any], None]
    refuse: Callable[[Any, dict[str, Any], Any, Any], tuple[str, str] | None]
    # The export's columns an import reads nothing from (counts, links, dates the application keeps itself).
    ignored: tuple[Any, ...] = ()
    template_header: Callable[[], list[str]] = field(default=lambda: [])

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def guess(self, header: list[str]) -> list[str]:
        """Each header cell's column name ("" for a column left out): by the English or French name."""
        known = {name: column.name for column in self.columns for name in column.headers()}
        taken: set[str] = set()
        guessed = []
        for cell in header:
            name = known.get(normal(cell), "")
            if name in taken:
                name = ""
            taken.add(name)
            guessed.append(name)
        return guessed


KINDS: dict[str, ImportKind] = {}


def import_kind(kind: ImportKind) -> ImportKind:
    KINDS[kind.name] = kind
    return kind
