"""One searchable document per record. The full-text index over it is engine-specific and made by migrations:
an FTS5 table kept in step by triggers on SQLite, a generated ``tsv`` column with a GIN index on PostgreSQL."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import utcnow
from app.extensions import db


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (Index("ix_search_documents_record", "record_type", "record_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    # "all": every logged-in user; "country": only users of owner_org_id (and administrators).
    visibility: Mapped[str] = mapped_column(String(10), default="all")
    owner_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# What the migrations create beside the models; Alembic's comparison must not see it as drift.
ENGINE_OBJECTS = {"search_fts", "search_fts_data", "search_fts_idx", "search_fts_docsize", "search_fts_config",
                  "search_fts_content", "tsv", "ix_search_documents_tsv"}


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return name not in ENGINE_OBJECTS
