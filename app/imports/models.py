"""Import jobs (a file, its column mapping, its dry run and import, their progress and report) and the column
mappings remembered per kind and header row."""

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import audit
from app.core.i18n import _l
from app.core.models import utcnow
from app.extensions import db
from app.network.models import User

STATUSES = {
    "uploaded": _l("Columns to check"),
    "checking": _l("Dry run in progress"),
    "checked": _l("Dry run done"),
    "importing": _l("Import in progress"),
    "done": _l("Imported"),
    "failed": _l("Not imported"),
}
RUNNING = ("checking", "importing")


class ImportJob(db.Model):
    """One uploaded file on its way in: checked (dry run), then imported, by a background job whose progress is
    kept here so that any server process can show it."""

    __tablename__ = "import_jobs"
    __table_args__ = (
        CheckConstraint("status IN ('uploaded', 'checking', 'checked', 'importing', 'done', 'failed')",
                        name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # emptied once imported
    header: Mapped[list[str]] = mapped_column(JSON, default=list)
    mapping: Mapped[list[str]] = mapped_column(JSON, default=list)  # per header cell: a column name, or ""
    status: Mapped[str] = mapped_column(String(20), default="uploaded")
    dry_run: Mapped[bool] = mapped_column(default=True)
    total_rows: Mapped[int] = mapped_column(default=0)
    processed_rows: Mapped[int] = mapped_column(default=0)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    problems: Mapped[list[list[Any]]] = mapped_column(JSON, default=list)  # [row, column, message], the first ones
    problem_count: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]

    created_by: Mapped[User | None] = relationship()

    @property
    def running(self) -> bool:
        return self.status in RUNNING

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])

    def has_content(self) -> bool:
        """Whether the file is still kept (it is emptied once imported); without loading its bytes."""
        return bool(db.session.scalar(db.select(db.func.length(ImportJob.content)).where(ImportJob.id == self.id)))

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.processed_rows / self.total_rows)) if self.total_rows else 0


class ImportMapping(db.Model):
    """The mapping an administrator last chose for this kind and this header row: offered again next time."""

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("kind", "header_key", name="uq_import_mappings_header"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    header_key: Mapped[str] = mapped_column(String(64))
    mapping: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def header_key(header: list[str]) -> str:
    return hashlib.sha256(json.dumps([h.strip().casefold() for h in header]).encode()).hexdigest()


audit.describe(
    actions={"import": _l("imported from a spreadsheet")},
    fields={"kind": _l("kind of record"), "file": _l("file"), "created": _l("created"), "updated": _l("updated"),
            "unchanged": _l("unchanged")},
)
