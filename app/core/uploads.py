"""Uploaded files: size limit, type decided by content (not by name or browser) and agreeing with the name's
extension, one extension in the name kept and offered for download, random storage names."""

import re
import secrets
import unicodedata
from pathlib import Path
from typing import Any

import filetype
from flask import current_app, send_file
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from app.core import audit
from app.core.i18n import _, _l
from app.core.markings import visible_markings_filter
from app.core.models import Attachment
from app.extensions import db

# Types a network document can be: what the content says it is -> what we serve it as.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _l("Word document"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _l("Excel workbook"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _l("PowerPoint presentation"),
    "application/vnd.oasis.opendocument.text": _l("OpenDocument text"),
    "application/vnd.oasis.opendocument.spreadsheet": _l("OpenDocument spreadsheet"),
    "application/vnd.oasis.opendocument.presentation": _l("OpenDocument presentation"),
    "image/png": _l("PNG image"),
    "image/jpeg": _l("JPEG image"),
    "text/plain": _l("text file"),
}


# The extensions a file of each type may be named with; the first is added to a name that has none.
EXTENSIONS = {
    "application/pdf": ("pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
    "application/vnd.oasis.opendocument.presentation": ("odp",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
    "text/plain": ("txt", "text", "md", "csv"),
}


class UploadError(ValueError):
    """A file that is refused; the message says why, for the person uploading it."""


def _sniff(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 3:
            return None
    return "text/plain"


# What a name with nothing usable left (only dots, signs or characters with no ASCII form) is called; stored,
# so the same for every reader, not translated.
DEFAULT_NAME = "document"
_KNOWN_EXTENSIONS = frozenset(ext for extensions in EXTENSIONS.values() for ext in extensions)


def _display_name(name: str | None) -> str:
    """ASCII letters, digits, ``_``, ``-`` and dots, no path: werkzeug's ``secure_filename`` of the name."""
    return secure_filename(unicodedata.normalize("NFKD", name or ""))


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def _refuse_another_type(name: str, content_type: str) -> None:
    """:class:`UploadError` when the name's last extension declares another type than the content (an HTML page
    named ``report.pdf`` would be offered back as a PDF)."""
    extension, expected = _extension(name), EXTENSIONS[content_type]
    if extension and extension not in expected:
        raise UploadError(_("The file's name ends in “.%(extension)s” but its content is of another type "
                            "(%(kind)s): rename it to “.%(expected)s” or upload the file you meant.",
                            extension=extension[:10], kind=ALLOWED_TYPES[content_type], expected=expected[0]))


def download_name(name: str | None, content_type: str) -> str:
    """The name a file is stored and offered for download under: cleaned, with exactly one extension, one of its
    content type's (``invoice.exe.pdf`` or ``invoice.pdf.exe`` of a PDF: ``invoice-exe.pdf``, ``invoice-pdf.pdf``).
    Other dots become ``-``, so that no second extension is left for a mail filter or a desktop to act on; a last
    extension of another type is dropped; a name without one gets the type's; a name with nothing usable left is
    ``document``. At most 120 characters. Names stored before this rule are offered under it too."""
    cleaned = _display_name(name)
    expected = EXTENSIONS.get(content_type, ())
    stem, dot, extension = cleaned.rpartition(".")
    if not dot or not stem:
        stem, extension = cleaned, ""
        if stem.lower() in _KNOWN_EXTENSIONS:  # ".pdf", "???.pdf" (cleaned to "pdf"): only an extension was given
            stem = ""
    if extension.lower() not in expected:
        extension = expected[0] if expected else ""
    stem = re.sub(r"\.+", "-", stem).strip("-_.") or DEFAULT_NAME
    suffix = f".{extension}" if extension else ""
    return stem[:120 - len(suffix)].rstrip("-_.") + suffix


def named_for_its_content(name: str, content_type: str) -> str:
    """The name to store, with one extension, its content's (:func:`download_name`); :class:`UploadError` when the
    name declares another type than the content."""
    _refuse_another_type(_display_name(name), content_type)
    return download_name(name, content_type)


def inspect_upload(file: FileStorage) -> tuple[bytes, str, str]:
    """The file's bytes, content type and display name, or :class:`UploadError` if it is empty, too large, of a
    refused type or named as another type."""
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    data = file.stream.read(limit + 1)
    if not data:
        raise UploadError(_("The file is empty."))
    if len(data) > limit:
        raise UploadError(_("The file is larger than %(size)s MB.", size=limit // (1024 * 1024)))
    content_type = _sniff(data[:8192])
    if content_type not in ALLOWED_TYPES:
        allowed = ", ".join(sorted({str(label) for label in ALLOWED_TYPES.values()}))
        raise UploadError(_("This kind of file is not accepted. Accepted: %(types)s.", types=allowed))
    return data, content_type, named_for_its_content(file.filename or "", content_type)


def save_upload(file: FileStorage, *, actor: Any, record: Any, marking_id: int | None = None) -> Attachment:
    """Check and store one uploaded file for ``record``, under ``marking_id`` (else the record's marking);
    audited. The caller commits."""
    data, content_type, filename = inspect_upload(file)
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16)
    (folder / stored_name).write_bytes(data)
    attachment = Attachment(
        record_type=record.__tablename__, record_id=record.id, filename=filename,
        stored_name=stored_name, content_type=content_type, size=len(data), uploaded_by_id=getattr(actor, "id", None),
        marking_id=marking_id or getattr(record, "marking_id", None),
    )
    db.session.add(attachment)
    db.session.flush()
    audit.record(actor, record, "attach", changes={"attachment": [None, attachment.filename]})
    return attachment


def attachments_of(record: Any, reader: Any) -> list[Attachment]:
    """The record's files that ``reader`` may see (by their marking)."""
    return list(db.session.scalars(
        db.select(Attachment)
        .where(Attachment.record_type == record.__tablename__, Attachment.record_id == record.id,
               visible_markings_filter(reader, Attachment.marking_id))
        .order_by(Attachment.uploaded_at, Attachment.id)
    ))


def stored_path(attachment: Attachment) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / attachment.stored_name


def send_attachment(attachment: Attachment) -> Any:
    """Stream a stored file as a download, under one extension, its type's (names stored before that rule too); the
    caller has checked that the user may read its record."""
    path = stored_path(attachment)
    return send_file(path, mimetype=attachment.content_type, as_attachment=True,
                     download_name=download_name(attachment.filename, attachment.content_type), max_age=0)
