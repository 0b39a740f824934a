"""Handling markings: the short list administrators keep ("SPOC Network - internal", "LIMITE", "Core group
only"), the marking every obstacle, practice, meeting (and its minutes) and attachment carries, and the one rule
that a restricted marking is read by the core group and administrators only.

Every query over marked records adds :func:`visible_markings_filter`; every record loaded by id goes through
:func:`can_read_marked` (a record one may not read is answered 404, as if it did not exist). Records whose module
has no marking column of their own (a meeting's action) expose their parent's as a ``marking`` property.
"""

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from wtforms import SelectField
from wtforms.validators import ValidationError

from app.core import reference
from app.core.i18n import _, _l, current_language
from app.core.limits import to_id
from app.core.permissions import is_admin, is_core_group
from app.extensions import db

# (name, English label, French label, restricted, position, default): what a new deployment starts with.
# The position also orders them from the least to the most protective.
DEFAULT_MARKINGS: list[tuple[str, str, str, bool, int, bool]] = [
    ("internal", "SPOC Network - internal", "Réseau SPOC - usage interne", False, 10, True),
    ("limite", "LIMITE", "LIMITE", False, 20, False),
    ("core_group", "Core group only", "Groupe restreint uniquement", True, 30, False),
]


class Marking(db.Model):
    """A handling marking; ``restricted`` ones are read by the core group and administrators only."""

    __tablename__ = "markings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)  # stable key; the labels may be renamed
    label_en: Mapped[str] = mapped_column(String(100))
    label_fr: Mapped[str] = mapped_column(String(100))
    restricted: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    is_default: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def label(self) -> str:
        """The label in the reader's language."""
        return self.label_fr if current_language() == "fr" and self.label_fr else self.label_en

    def __str__(self) -> str:
        return self.label


def _default_id(connection: Any) -> int | None:
    table = Marking.__table__
    return connection.scalar(
        db.select(table.c.id).order_by(table.c.is_default.desc(), table.c.active.desc(), table.c.position).limit(1))


def default_marking_id(context: Any) -> int | None:
    """Column default: the marking administrators made the default (read in the inserting transaction)."""
    return _default_id(context.connection)


def parent_marking_id(context: Any) -> int | None:
    """Column default of a marking that follows another (the minutes follow their meeting's marking)."""
    return context.get_current_parameters().get("marking_id") or _default_id(context.connection)


class Marked:
    """The marking column and its relationship, for a record that carries one."""

    @declared_attr
    def marking_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("markings.id"), index=True, default=default_marking_id)

    @declared_attr
    def marking(cls) -> Mapped[Marking]:
        return relationship(Marking, foreign_keys=f"{cls.__name__}.marking_id", lazy="joined")


# Reading --------------------------------------------------------------------------------------------------------

def may_read_restricted(user: Any) -> bool:
    """The core group and administrators read records under a restricted marking."""
    return is_admin(user) or is_core_group(user)


reference.watch(Marking)  # renamed, (un)restricted or retired: kept lists and choices are rebuilt


def restricted_ids() -> Any:
    return db.select(Marking.id).where(Marking.restricted.is_(True)).scalar_subquery()


def visible_markings_filter(user: Any, column: Any) -> Any:
    """The condition to add to a query so that ``column`` (a marking id) hides what ``user`` may not read."""
    if may_read_restricted(user):
        return db.true()
    return column.not_in(restricted_ids())


def is_restricted(marking_id: int | None) -> bool:
    """By id: usable while a flush runs, when a new record's relationships are not loaded yet."""
    marking = db.session.get(Marking, marking_id) if marking_id is not None else None
    return bool(marking and marking.restricted)


def can_read_marked(user: Any, record: Any) -> bool:
    """Whether ``user`` may read ``record`` as far as its marking goes (a record without one: yes)."""
    marking = getattr(record, "marking", None)
    return marking is None or not marking.restricted or may_read_restricted(user)


def markings_stamp() -> str:
    """What changes whenever a marking is renamed or (un)restricted: for caches of rendered feeds and counts."""
    table = Marking.__table__
    rows = db.session.execute(db.select(table.c.id, table.c.label_en, table.c.label_fr, table.c.restricted)
                              .order_by(table.c.id)).all()
    return "|".join(f"{r.id}:{r.label_en}:{r.label_fr}:{int(r.restricted)}" for r in rows)


def highest(markings: Iterable[Marking | None]) -> Marking | None:
    """The most protective of these markings (restricted first, then by position)."""
    present = [m for m in markings if m is not None]
    return max(present, key=lambda m: (m.restricted, m.position)) if present else None


def highest_in(query: Any, marking_column: Any) -> Marking | None:
    """The most protective marking among the rows ``query`` selects, in one query without reading the rows (an
    export's first line, written before its rows are streamed)."""
    used = query.with_only_columns(marking_column).order_by(None).distinct()
    return highest(db.session.scalars(db.select(Marking).where(Marking.id.in_(used))))


def marking_named(name: str) -> Marking | None:
    return db.session.scalar(db.select(Marking).where(Marking.name == name))


def default_marking() -> Marking | None:
    return db.session.get(Marking, _default_id(db.session.connection()))


def marking_line(marking: Marking | None) -> str:
    """The line exports start with: "Marking: LIMITE"."""
    shown = marking or default_marking()
    return _("Marking: %(marking)s", marking=shown.label if shown else "")


def all_markings() -> list[Marking]:
    return list(db.session.scalars(db.select(Marking).order_by(Marking.position, Marking.id)))


def offered_markings(user: Any, current_id: int | None = None) -> list[Marking]:
    """The markings ``user`` may choose: the active ones (restricted ones only for those who read them), and
    the record's current one even if retired since."""
    return [m for m in all_markings()
            if (m.active or m.id == current_id) and (not m.restricted or may_read_restricted(user))]


# Forms ----------------------------------------------------------------------------------------------------------

class MarkingField(SelectField):
    """A select of the markings the user may choose; a forged value gets a clear message, not "Not a valid
    choice". Fill it with :func:`prepare_marking_field`."""

    def __init__(self, label: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("description", _l("Who may read it: “Core group only” restricts it to the core group "
                                            "and administrators."))
        super().__init__(label or _l("Handling marking"), coerce=to_id, validate_choice=False, **kwargs)

    offered: list[Marking] = []
    user: Any = None

    def pre_validate(self, form: Any) -> None:
        if self.data is None:
            raise ValidationError(_("Choose a marking from the list."))
        chosen = next((m for m in self.offered if m.id == self.data), None)
        if chosen is not None:
            return
        marking = db.session.get(Marking, self.data)
        if marking is not None and marking.active and marking.restricted and not may_read_restricted(self.user):
            raise ValidationError(_("Only the core group and administrators can mark a record “%(marking)s”.",
                                    marking=marking.label))
        raise ValidationError(_("Choose a marking from the list."))


def prepare_marking_field(field: MarkingField, user: Any, current_id: int | None = None) -> None:
    """Offer the markings ``user`` may choose; preselect ``current_id``, or the default on a blank form."""
    field.user = user
    field.offered = offered_markings(user, current_id)
    field.choices = [(m.id, m.label) for m in field.offered]
    if not field.raw_data:  # a blank form, or a post without the field (a script): the current one or the default
        field.data = current_id or _default_id(db.session.connection())


def marking_problem(user: Any, raw: Any) -> str | None:
    """For a form without a form class (a plain upload): why this marking may not be chosen, or None."""
    marking_id = to_id(raw)
    if raw is None or raw == "":
        return None  # not sent: the default applies
    if marking_id is not None and any(m.id == marking_id for m in offered_markings(user)):
        return None
    marking = db.session.get(Marking, marking_id) if marking_id is not None else None
    if marking is not None and marking.active and marking.restricted:
        return _("Only the core group and administrators can mark a record “%(marking)s”.", marking=marking.label)
    return _("Choose a marking from the list.")


# Reference data ------------------------------------------------------------------------------------------------

def seed_markings() -> int:
    """Insert the default markings that are missing (by name); never overwrites an administrator's edits."""
    known = set(db.session.scalars(db.select(Marking.name)))
    has_default = db.session.scalar(db.select(Marking.id).where(Marking.is_default.is_(True)).limit(1)) is not None
    added = 0
    for name, label_en, label_fr, restricted, position, is_default in DEFAULT_MARKINGS:
        if name not in known:
            db.session.add(Marking(name=name, label_en=label_en, label_fr=label_fr, restricted=restricted,
                                   position=position, is_default=is_default and not has_default))
            added += 1
    db.session.flush()
    return added


def name_for(label: str) -> str:
    """A stable key for a marking an administrator adds, from its English label."""
    return (re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "marking")[:64]
