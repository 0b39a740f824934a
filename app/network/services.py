"""Rules of the network module: the Presidency look-up, reference data, country profiles."""

from datetime import date
from typing import Any, NamedTuple

from flask import g
from wtforms.fields.choices import SelectChoice

from app.core import reference
from app.core.i18n import _
from app.core.markings import seed_markings
from app.core.timezones import today
from app.extensions import db
from app.network.models import HeadOfSpoc, LegalInstrument, Organisation, PresidencyTerm, User
from app.network.reference import (
    AGENCIES,
    ASSOCIATED_COUNTRIES,
    COUNCIL,
    LEGAL_INSTRUMENTS,
    MEMBER_STATES,
    PRESIDENCY_ROTATION,
    half_year,
)


def presidency_on(day: date) -> PresidencyTerm | None:
    """The Presidency term that includes ``day`` (both ends inclusive), or None if none is recorded."""
    return db.session.scalar(
        db.select(PresidencyTerm)
        .where(PresidencyTerm.starts_on <= day, PresidencyTerm.ends_on >= day)
        .order_by(PresidencyTerm.starts_on.desc())
        .limit(1)
    )


def next_presidency_after(day: date) -> PresidencyTerm | None:
    return db.session.scalar(
        db.select(PresidencyTerm).where(PresidencyTerm.starts_on > day).order_by(PresidencyTerm.starts_on).limit(1)
    )


def current_presidency() -> PresidencyTerm | None:
    """Today's Presidency, looked up once per request."""
    if "current_presidency" not in g:
        g.current_presidency = presidency_on(today())
    return g.current_presidency


def holds_presidency(user: Any, day: date | None = None) -> bool:
    """Whether ``user``'s organisation holds the Presidency on ``day`` (today by default)."""
    if not getattr(user, "is_authenticated", False):
        return False
    term = current_presidency() if day is None else presidency_on(day)
    return term is not None and term.organisation_id == user.organisation_id


def heads_user_id(organisation_id: int) -> int | None:
    """The id of the user who heads ``organisation_id``'s SPOC, or None if none is designated."""
    return db.session.scalar(db.select(HeadOfSpoc.user_id).where(HeadOfSpoc.organisation_id == organisation_id))


def is_head_of_spoc(user: Any) -> bool:
    """Whether ``user`` is the designated Head of SPOC of their country (looked up once per request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cache = g.setdefault("heads_of_spoc", {})
    if user.id not in cache:
        cache[user.id] = heads_user_id(user.organisation_id) == user.id
    return cache[user.id]


def overlapping_terms(starts_on: date, ends_on: date, exclude_id: int | None = None) -> list[PresidencyTerm]:
    query = db.select(PresidencyTerm).where(
        PresidencyTerm.starts_on <= ends_on, PresidencyTerm.ends_on >= starts_on
    )
    if exclude_id is not None:
        query = query.where(PresidencyTerm.id != exclude_id)
    return list(db.session.scalars(query))


def seed_reference_data() -> dict[str, int]:
    """Insert the organisations and Presidency terms that are missing; never overwrites edits."""
    existing = set(db.session.scalars(db.select(Organisation.code)))
    added = {"organisations": 0, "associated_countries": 0}
    for kind, rows in (("member_state", MEMBER_STATES), ("associated", ASSOCIATED_COUNTRIES), ("agency", AGENCIES),
                       ("council", COUNCIL)):
        for code, name in rows:
            if code not in existing:
                db.session.add(Organisation(code=code, name=name, kind=kind))
                added["associated_countries" if kind == "associated" else "organisations"] += 1
    db.session.flush()
    by_code = {o.code: o for o in db.session.scalars(db.select(Organisation))}
    starts = set(db.session.scalars(db.select(PresidencyTerm.starts_on)))
    added_terms = 0
    for year, half, code in PRESIDENCY_ROTATION:
        starts_on, ends_on = half_year(year, half)
        if starts_on not in starts:
            db.session.add(PresidencyTerm(organisation=by_code[code], starts_on=starts_on, ends_on=ends_on))
            added_terms += 1
    known = set(db.session.scalars(db.select(LegalInstrument.code)))
    added_instruments = 0
    for position, (code, name) in enumerate(LEGAL_INSTRUMENTS):
        if code not in known:
            db.session.add(LegalInstrument(code=code, name=name, position=position * 10))
            added_instruments += 1
    db.session.flush()
    return {**added, "presidency_terms": added_terms, "legal_instruments": added_instruments,
            "markings": seed_markings(), **reference.run_seeders()}


def directory() -> dict[str, list[Organisation]]:
    """Organisations grouped by kind, each with its active users loaded."""
    orgs = db.session.scalars(
        db.select(Organisation).options(db.selectinload(Organisation.users)).order_by(Organisation.name)
    ).all()
    grouped: dict[str, list[Organisation]] = {"member_state": [], "associated": [], "agency": [], "council": []}
    for org in orgs:
        grouped[org.kind].append(org)
    return grouped


def organisation_by_code(code: str) -> Organisation | None:
    return db.session.scalar(db.select(Organisation).where(Organisation.code == code.upper()))


def network_addresses() -> set[str]:
    """The addresses the operational-data guard never flags: the users' (the fact sheets add their mailboxes)."""
    return set(db.session.scalars(db.select(User.email)))


def legal_instruments(*, include_id: int | None = None) -> list[LegalInstrument]:
    """The active instruments in display order (plus ``include_id``, so a record keeps a retired one)."""
    query = db.select(LegalInstrument).order_by(LegalInstrument.position, LegalInstrument.name)
    condition = LegalInstrument.active.is_(True)
    if include_id is not None:
        condition = db.or_(condition, LegalInstrument.id == include_id)
    return list(db.session.scalars(query.where(condition)))


def member_states() -> list[Organisation]:
    return list(db.session.scalars(
        db.select(Organisation).where(Organisation.kind == "member_state").order_by(Organisation.name)
    ))


class Ref(NamedTuple):
    """An organisation or an instrument as a list or a choice shows it: plain data, kept per process."""

    id: int
    code: str
    name: str


reference.watch(Organisation, LegalInstrument, PresidencyTerm)


def associated_countries() -> list[Organisation]:
    """The Schengen-associated countries by name (never counted among the Member States)."""
    return list(db.session.scalars(
        db.select(Organisation).where(Organisation.kind == "associated").order_by(Organisation.name)
    ))


def associated_refs() -> tuple[Ref, ...]:
    return reference.cached("network.associated", lambda: tuple(Ref(o.id, o.code, o.name)
                                                                for o in associated_countries()))


def country_choices(value: str = "id", *, associated: bool = True) -> list[SelectChoice]:
    """The countries as select options, in two groups: the EU Member States, then (if ``associated``) the
    Schengen-associated countries; ``value`` is the attribute sent ("id" or "code")."""
    groups = [(_("EU Member States"), member_state_refs())]
    if associated:
        groups.append((_("Schengen-associated countries"), associated_refs()))
    return [SelectChoice(getattr(ref, value), ref.name, optgroup=label)
            for label, refs in groups if refs for ref in refs]


def member_state_refs() -> tuple[Ref, ...]:
    """The member states by name, as :func:`member_states`, from the per-process reference cache."""
    return reference.cached("network.member_states", lambda: tuple(Ref(o.id, o.code, o.name) for o in member_states()))


def instrument_refs() -> tuple[Ref, ...]:
    """The active instruments in display order, as :func:`legal_instruments`, from the reference cache."""
    return reference.cached("network.instruments",
                            lambda: tuple(Ref(i.id, i.code, i.name) for i in legal_instruments()))


def instrument_filter_choices() -> list[tuple[str, str]]:
    """A list filter's instrument options: any, then each active instrument (for :func:`use_choices`)."""
    return [("", _("Any instrument or channel")), *((str(i.id), i.name) for i in instrument_refs())]


def country_filter_choices() -> list[tuple[str, str]]:
    """A list filter's country options: any, then each member state by code, then each associated country."""
    return [SelectChoice("", _("Any country")), *country_choices("code")]
