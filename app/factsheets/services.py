"""The rules of fact sheets: reading a country's sections, saving and verifying one (audited, in the caller's
transaction), and which sections are over a year old."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from app.core import audit, guard
from app.extensions import db
from app.factsheets.models import FactSheetSection, shown
from app.factsheets.sections import BY_KEY, SECTIONS, Section
from app.network.models import Organisation, User

OUTDATED_AFTER = timedelta(days=365)


@dataclass
class SheetSection:
    """A section as a page shows it: its declaration, its row (None: never filled in) and its values."""

    declaration: Section
    row: FactSheetSection | None

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.row.values or {}) if self.row else {}

    @property
    def last_verified_at(self) -> datetime | None:
        return self.row.last_verified_at if self.row else None

    @property
    def version(self) -> int:
        return self.row.version if self.row else 0

    def shown(self) -> list[tuple[Any, str, str]]:
        """(field, text shown, kind) of each field, "" when empty."""
        values = self.values
        return [(f, shown(f, values.get(f.name)), f.kind) for f in self.declaration.fields]

    @property
    def is_empty(self) -> bool:
        return not any(text for _f, text, _k in self.shown())

    def outdated(self, now: datetime | None = None) -> bool:
        return is_outdated(self.last_verified_at, now)


def is_outdated(verified_at: datetime | None, now: datetime | None = None) -> bool:
    """Never verified, or last verified over a year before ``now``."""
    if verified_at is None:
        return True
    if verified_at.tzinfo is None:  # SQLite gives naive UTC
        verified_at = verified_at.replace(tzinfo=UTC)
    return verified_at < (now or datetime.now(UTC)) - OUTDATED_AFTER


def rows_of(organisation_ids: list[int]) -> dict[tuple[int, str], FactSheetSection]:
    rows = db.session.scalars(db.select(FactSheetSection).where(FactSheetSection.organisation_id.in_(organisation_ids)))
    return {(r.organisation_id, r.section): r for r in rows}


def fact_sheet(organisation: Organisation) -> list[SheetSection]:
    """Every declared section of ``organisation``'s sheet, in order."""
    rows = rows_of([organisation.id])
    return [SheetSection(s, rows.get((organisation.id, s.key))) for s in SECTIONS]


def fact_sheets(organisations: list[Organisation]) -> list[tuple[Organisation, list[SheetSection]]]:
    """The sheets of several countries, in one query."""
    rows = rows_of([o.id for o in organisations])
    return [(o, [SheetSection(s, rows.get((o.id, s.key))) for s in SECTIONS]) for o in organisations]


def sheet_section(organisation: Organisation, key: str) -> SheetSection | None:
    declaration = BY_KEY.get(key)
    if declaration is None:
        return None
    row = db.session.scalar(db.select(FactSheetSection).where(FactSheetSection.organisation_id == organisation.id,
                                                              FactSheetSection.section == key))
    return SheetSection(declaration, row)


def _same(old: Any, new: Any) -> bool:
    """Unchanged: equal, or both empty (a field never filled in, then saved empty)."""
    return old == new or (old in (None, "", [], False) and new in (None, "", [], False))


def _row(organisation: Organisation, section: SheetSection) -> FactSheetSection:
    if section.row is None:
        section.row = FactSheetSection(organisation=organisation, section=section.declaration.key, values={})
        db.session.add(section.row)
    return section.row


def save_section(user: User, organisation: Organisation, section: SheetSection, values: dict[str, Any],
                 now: datetime | None = None) -> bool:
    """Store the section's values; saving it confirms it too (verified now, by ``user``). Audits the fields that
    changed with [old, new]. Returns whether any value changed."""
    now = now or datetime.now(UTC)
    old = section.values
    new = {f.name: values.get(f.name) for f in section.declaration.fields}
    changes = {name: [old.get(name), value] for name, value in new.items() if not _same(old.get(name), value)}
    row = _row(organisation, section)
    if changes:
        row.values = new
        row.updated_at, row.updated_by_id = now, user.id
    row.last_verified_at, row.last_verified_by_id = now, user.id
    db.session.flush()
    audit.record(user, row, "edit_fact_sheet" if changes else "verify_fact_sheet",
                 changes=changes or {"last_verified_at": [None, now.isoformat()]})
    return bool(changes)


def verify_section(user: User, organisation: Organisation, section: SheetSection, now: datetime | None = None) -> None:
    """Confirm the section is still correct, changing nothing else."""
    now = now or datetime.now(UTC)
    row = _row(organisation, section)
    previous = row.last_verified_at
    row.last_verified_at, row.last_verified_by_id = now, user.id
    db.session.flush()
    audit.record(user, row, "verify_fact_sheet",
                 changes={"last_verified_at": [previous.isoformat() if previous else None, now.isoformat()]})


def trusted_mailboxes() -> set[str]:
    """The functional mailboxes the fact sheets' 24/7 contacts list (the operational-data guard never flags them)."""
    addresses: set[str] = set()
    for values in db.session.scalars(db.select(FactSheetSection.values).where(FactSheetSection.section == "contacts")):
        for text in (values or {}).values():
            if isinstance(text, str):
                addresses.update(guard.email_addresses(text))
    return addresses
