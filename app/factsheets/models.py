"""A country's fact sheet: one row per section it has filled in or verified (a section without a row is empty and
never verified)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import audit
from app.core.i18n import _, _l
from app.extensions import db
from app.factsheets.sections import BY_KEY, SECTIONS, Field, Section
from app.network.models import Organisation, User


class FactSheetSection(db.Model):
    """One section of a Member State's fact sheet, with when and by whom it was last confirmed correct."""

    __tablename__ = "fact_sheet_sections"
    __table_args__ = (UniqueConstraint("organisation_id", "section", name="uq_fact_sheet_sections_country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(32))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime | None]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    last_verified_at: Mapped[datetime | None]
    last_verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Organisation] = relationship()
    last_verified_by: Mapped[User | None] = relationship(foreign_keys=[last_verified_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def declaration(self) -> Section:
        return BY_KEY[self.section]

    def __str__(self) -> str:
        return _("%(section)s · %(country)s", section=self.declaration.title, country=self.organisation.name)


def shown(item: Field, value: Any) -> str:
    """A stored value as a reader sees it, in the current language ("" when empty)."""
    if value is None or value == "" or value == []:
        return ""
    if item.kind == "choices":
        labels = dict(item.choices)
        return ", ".join(str(labels[v]) for v in value if v in labels)
    if item.kind == "yesno":
        return _("Yes") if value else _("No")
    if item.kind == "number":
        return str(value)
    return str(value)


def labelled(item: Field) -> str:
    """A field's label before its value in running text ("Staff: 35", "Effectif : 35")."""
    return _("%(field)s:", field=item.label)


audit.describe(
    actions={"edit_fact_sheet": _l("fact sheet section edited"),
             "verify_fact_sheet": _l("fact sheet section verified")},
    fields={f.name: f.label for s in SECTIONS for f in s.fields} | {"last_verified_at": _l("last verified on")},
)
