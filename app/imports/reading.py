"""Reading an uploaded spreadsheet: what it is decided by its content (never its name), within a size limit,
as a header row and an iterator of rows of text (or dates and numbers, from a workbook)."""

import csv
import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import filetype
from flask import current_app

from app.core.i18n import _

# Cells spreadsheet programs read as formulas; an export defuses them with a leading apostrophe
# (app.core.export.safe_cell), which an import takes off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc)
# Characters no text spreadsheet holds (NUL and the other controls but tab and line ends).
_CONTROLS = {chr(c) for c in range(32) if chr(c) not in "\t\r\n"} | {"\x7f"}


class ImportFileError(ValueError):
    """A file that cannot be imported at all; the message says why, for the person uploading it."""


@dataclass
class Sheet:
    """A file's header row and its data rows (``rows`` is read once, lazily: a workbook is not held whole)."""

    format: str  # "xlsx" or "csv"
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (row number, cells)
    encoding: str | None = None
    delimiter: str | None = None


def limit_bytes() -> int:
    return int(current_app.config.get("IMPORT_MAX_BYTES") or current_app.config["MAX_UPLOAD_BYTES"])


def read_upload(stream: Any) -> bytes:
    """The uploaded file's bytes, or :class:`ImportFileError` if it is empty or over the limit (the stream is read
    no further than one byte past it)."""
    limit = limit_bytes()
    data = stream.read(limit + 1)
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > limit:
        raise ImportFileError(_("The file is larger than %(size)s MB.", size=limit // (1024 * 1024)))
    return data


def sniff(data: bytes) -> str:
    """``"xlsx"`` or ``"csv"`` by content, or :class:`ImportFileError`."""
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ImportFileError(_("The file is damaged: it looks like a workbook but cannot be opened.")) from None
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
        raise ImportFileError(_("This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file."))
    if data.startswith(_OLE2):
        raise ImportFileError(_("This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) or as "
                                "CSV, then upload it again."))
    if filetype.guess(data[:8192]) is not None:  # a PDF, an image, an archive...: any type with a signature
        raise ImportFileError(_("This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file."))
    text = decode(data[:65536], sample=True)[0]
    # A stray control character is a problem of its cell; many, or a NUL, are no text at all.
    if "\x00" in text or sum(ch in _CONTROLS for ch in text) > len(text) // 100:
        raise ImportFileError(_("This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file."))
    return "csv"


def decode(data: bytes, *, sample: bool = False) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without a byte-order mark), else Windows-1252 (what Excel writes
    as "CSV" in Western European locales). ``sample``: a cut multi-byte character at the end is no reason to
    doubt UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace" if sample else "strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if sample and error.start >= len(data) - 3:
            return data[:error.start].decode("utf-8"), "utf-8"
    # cp1252 leaves five bytes undefined; they are no text anyway (shown as replacement characters).
    return data.decode("cp1252", errors="replace"), "cp1252"


def _delimiter(text: str) -> str:
    """``;`` (Excel in French and German locales) or ``,``: whichever splits some line of the file's start into
    more cells, outside quotes (the first line may be an export's marking line, with neither)."""
    most = {",": 0, ";": 0}
    for line in text[:65536].splitlines()[:20]:
        in_quotes, counts = False, {",": 0, ";": 0}
        for ch in line:
            if ch == '"':
                in_quotes = not in_quotes
            elif not in_quotes and ch in counts:
                counts[ch] += 1
        for ch, count in counts.items():
            most[ch] = max(most[ch], count)
    return ";" if most[";"] > most[","] else ","


def undefuse(value: str) -> str:
    """The text an export defused (``'=SUM`` back to ``=SUM``); any other text unchanged."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = undefuse(value.strip())
        return value or None
    return value


def _csv(data: bytes) -> Sheet:
    text, encoding = decode(data)
    text = text.replace("\x00", "")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _sheet("csv", reader, encoding=encoding, delimiter=delimiter)


def _xlsx(data: bytes) -> Sheet:
    from openpyxl import load_workbook  # noqa: PLC0415 - only imports read workbooks

    try:
        # data_only: a formula cell gives the value Excel last calculated and saved, never the formula itself.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        raise ImportFileError(_("The file is damaged: it looks like a workbook but cannot be opened.")) from None
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if sheet is None:
        raise ImportFileError(_("The file is empty."))

    def rows() -> Iterator[list[Any]]:
        try:
            yield from (list(row) for row in sheet.iter_rows(values_only=True))
        finally:
            workbook.close()

    return _sheet("xlsx", rows())


def _filled(cells: list[Any]) -> int:
    return sum(c is not None for c in cells)


def _sheet(format: str, rows: Any, **details: Any) -> Sheet:
    """The first row that is not blank is the header, unless it has one cell and the next has more: then it is an
    export's marking line, and the next one is the header. Rows come with their number as the spreadsheet
    program shows it (the header's is 1 when the file starts with it); blank rows are left out."""
    numbered = ((number, [_clean(c) for c in row]) for number, row in enumerate(rows, 1))
    header: list[Any] | None = None
    pending: list[tuple[int, list[Any]]] = []
    for number, cells in numbered:
        if not _filled(cells):
            continue
        if header is None:
            header = cells
            if _filled(cells) > 1:
                break
            continue
        if _filled(cells) > 1:
            header = cells
        else:
            pending.append((number, cells))
        break
    if header is None:
        raise ImportFileError(_("The file has no rows: not even a header row."))
    names = ["" if c is None else str(c) for c in header]
    while names and not names[-1]:
        names.pop()
    width = len(names)

    def data_rows() -> Iterator[tuple[int, list[Any]]]:
        for number, cells in itertools.chain(pending, numbered):
            if _filled(cells):
                yield number, cells[:width] + [None] * (width - len(cells))

    return Sheet(format, names, data_rows(), **details)


def open_sheet(data: bytes) -> Sheet:
    """The file's header and rows, or :class:`ImportFileError`."""
    return _xlsx(data) if sniff(data) == "xlsx" else _csv(data)
