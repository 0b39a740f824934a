"""How PAST meetings import from a spreadsheet (app/imports): a network's history before the intranet. Only
meetings that have ended, each under the Presidency that held the term covering its first day; they are
historical, so their status is set directly (held or cancelled), no invitation is created and nobody is notified.
Meetings have no CSV export: the template is these columns."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from app.core.i18n import _, _l, format_date
from app.core.markings import Marking, default_marking
from app.core.permissions import is_admin
from app.core.timezones import DEFAULT_TIMEZONE, NonexistentLocalTime, is_known, local_to_utc
from app.extensions import db
from app.imports.matching import Problem, Vocabulary, country_vocabulary, labelled, to_date, to_text
from app.imports.specs import EXTERNAL_REF, Column, ImportKind, import_kind
from app.meetings.models import MEETING_STATES, Meeting
from app.meetings.services import touch
from app.network.models import Organisation, PresidencyTerm

# The zone of each Presidency country's capital: a meeting's default zone when the file gives none.
CAPITAL_ZONES = {
    "AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "HR": "Europe/Zagreb",
    "CY": "Asia/Nicosia", "CZ": "Europe/Prague", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn",
    "FI": "Europe/Helsinki", "FR": "Europe/Paris", "DE": "Europe/Berlin", "GR": "Europe/Athens",
    "EL": "Europe/Athens", "HU": "Europe/Budapest", "IE": "Europe/Dublin", "IT": "Europe/Rome",
    "LV": "Europe/Riga", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam", "PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest",
    "SK": "Europe/Bratislava", "SI": "Europe/Ljubljana", "ES": "Europe/Madrid", "SE": "Europe/Stockholm",
}
DEFAULT_START = time(9, 0)  # a start given as a date alone
DEFAULT_END = time(17, 0)  # no end, or an end given as a date alone: that day at 17:00
IMPORTED_STATES = ("held", "cancelled")

_MOMENT = re.compile(r"^(.+?)[T ]+(\d{1,2})[:h.](\d{2})(?::\d{2})?$")
_TIME = re.compile(r"^(\d{1,2})[:h.](\d{2})$")


@dataclass
class Lookups:
    organisations: dict[int, Organisation]
    presidencies: Vocabulary
    statuses: Vocabulary
    markings: Vocabulary
    default_marking_id: int | None
    terms: list[PresidencyTerm]  # newest first, as presidency_on picks among overlapping terms

    def term_on(self, day: date) -> PresidencyTerm | None:
        """:func:`app.network.services.presidency_on`, without a query per row."""
        return next((t for t in self.terms if t.starts_on <= day <= t.ends_on), None)


def _lookups(user: Any) -> Lookups:
    organisations = {o.id: o for o in db.session.scalars(db.select(Organisation))}
    markings = db.session.scalars(db.select(Marking).where(Marking.active).order_by(Marking.position)).all()
    default = default_marking()
    return Lookups(
        organisations=organisations,
        presidencies=country_vocabulary([o for o in organisations.values() if o.kind == "member_state"],
                                        _("Member State")),
        statuses=labelled(_("status"), {code: MEETING_STATES[code] for code in IMPORTED_STATES}),
        markings=Vocabulary(_("marking"), ((m.id, (m.label_en, m.label_fr, m.name)) for m in markings)),
        default_marking_id=default.id if default else None,
        terms=list(db.session.scalars(db.select(PresidencyTerm).order_by(PresidencyTerm.starts_on.desc()))),
    )


def _hour(hours: str, minutes: str) -> time:
    if not (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
        raise ValueError(hours)
    return time(int(hours), int(minutes))


def to_moment(value: Any) -> tuple[date, time | None]:
    """A workbook's date and time, or text such as 2025-03-12 10:30, 12/03/2025 10:30 or a date alone (no time)."""
    if isinstance(value, datetime):
        return to_date(value.date()), (value.time() if value.time() != time(0) else None)
    if isinstance(value, date):
        return to_date(value), None
    text = str(value).strip()
    found = _MOMENT.match(text)
    if found:
        try:
            return to_date(found[1]), _hour(found[2], found[3])
        except ValueError:
            raise Problem(_("“%(value)s” is not a date and time: write it as 2025-03-12 10:30 or 12/03/2025 10:30.",
                            value=text[:40])) from None
    return to_date(text), None


def _end(value: Any) -> tuple[date | None, time | None]:
    """An end as a date and time, a date alone (17:00) or a time alone (on the start's day)."""
    found = _TIME.match(str(value).strip()) if not isinstance(value, date) else None
    if found:
        try:
            return None, _hour(found[1], found[2])
        except ValueError:
            raise Problem(_("“%(value)s” is not a time.", value=str(value)[:20])) from None
    return to_moment(value)


def _zone(value: Any) -> str:
    text = to_text(value, limit=64)
    if not is_known(text):
        raise Problem(_("“%(value)s” is not a known time zone: give its IANA name, such as Europe/Brussels.",
                        value=text))
    return text


COLUMNS = (
    Column(EXTERNAL_REF, _l("External reference"), lambda lk, cell: to_text(cell, limit=100),
           aliases=("external ref", "reference", "ref", "référence", "reference externe")),
    Column("title", _l("Title"), lambda lk, cell: to_text(cell, limit=200), required=True, aliases=("titre",)),
    Column("starts_at", _l("Start"), lambda lk, cell: to_moment(cell), required=True,
           aliases=("début", "date", "starts")),
    Column("ends_at", _l("End"), lambda lk, cell: _end(cell), aliases=("fin", "ends")),
    Column("timezone", _l("Time zone"), lambda lk, cell: _zone(cell), aliases=("fuseau horaire", "zone")),
    Column("place", _l("Place"), lambda lk, cell: to_text(cell, limit=200), blank="", aliases=("lieu",)),
    Column("online_url", _l("Online URL"), lambda lk, cell: to_text(cell, limit=500), blank="",
           aliases=("online meeting link", "lien", "url")),
    Column("presidency", _l("Presidency"), lambda lk, cell: lk.presidencies.match(cell), required=True,
           aliases=("présidence", "presidency country")),
    Column("description", _l("Description"), lambda lk, cell: to_text(cell, limit=20_000, one_line=False),
           blank=""),
    Column("minutes", _l("Minutes"), lambda lk, cell: to_text(cell, limit=100_000, one_line=False), blank="",
           aliases=("procès-verbal", "compte rendu")),
    Column("marking_id", _l("Marking"), lambda lk, cell: lk.markings.match(cell),
           default=lambda lk: lk.default_marking_id, aliases=("handling marking", "marquage")),
    Column("status", _l("Status"), lambda lk, cell: lk.statuses.match(cell), default=lambda lk: "held",
           aliases=("statut", "état")),
)
_WHEN = "_when"  # the row's zone, times and term, worked out once by _refuse
_PLAIN = ("title", "place", "online_url", "description", "minutes", "marking_id", "status")


def _timezone(values: dict[str, Any], meeting: Meeting | None, lookups: Lookups) -> str:
    if values.get("timezone"):
        return values["timezone"]
    if meeting is not None and "timezone" not in values:  # the file has no such column: the zone stays
        return meeting.timezone
    country = lookups.organisations[values["presidency"]]
    return CAPITAL_ZONES.get(country.code, DEFAULT_TIMEZONE)


def _when(values: dict[str, Any], meeting: Meeting | None, lookups: Lookups) -> dict[str, Any]:
    """The meeting's zone, start and end in UTC and Presidency term, from the row; :class:`Problem` with the
    column it belongs to when the row breaks a rule (a future meeting, a Presidency that does not fit)."""
    zone = _timezone(values, meeting, lookups)
    day, start = values["starts_at"]
    starts_local = datetime.combine(day, start or DEFAULT_START)
    end_day, end = values.get("ends_at") or (None, None)
    ends_local = datetime.combine(end_day or day, end or DEFAULT_END)
    try:
        starts_at = local_to_utc(starts_local, zone)
    except NonexistentLocalTime as error:
        raise _RowProblem("starts_at", str(error)) from None
    try:
        ends_at = local_to_utc(ends_local, zone)
    except NonexistentLocalTime as error:
        raise _RowProblem("ends_at", str(error)) from None
    if ends_at <= starts_at:
        raise _RowProblem("ends_at", _("The end must be after the start."))
    if ends_at >= datetime.now(UTC):
        raise _RowProblem("starts_at", _("Only past meetings can be imported; convene future ones on the meeting "
                                         "page."))
    term = lookups.term_on(day)
    if term is None:
        raise _RowProblem("presidency", _("No Presidency term is recorded for %(day)s; an administrator can add it.",
                                          day=format_date(day)))
    if term.organisation_id != values["presidency"]:
        raise _RowProblem("presidency", _("On %(day)s the Presidency was held by %(country)s, not %(given)s.",
                                          day=format_date(day), country=term.organisation.name,
                                          given=lookups.organisations[values["presidency"]].name))
    return {"timezone": zone, "starts_at": starts_at, "ends_at": ends_at, "presidency_term": term}


class _RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _find(refs: list[str]) -> dict[str, Meeting]:
    return {m.external_ref: m for m in db.session.scalars(db.select(Meeting).where(Meeting.external_ref.in_(refs)))}


def _find_ids(ids: list[int]) -> dict[int, Meeting]:
    return {m.id: m for m in db.session.scalars(db.select(Meeting).where(Meeting.id.in_(ids)))}


def _changes(meeting: Meeting, values: dict[str, Any]) -> list[str]:
    changed = [name for name in _PLAIN if name in values and getattr(meeting, name) != values[name]]
    when = values[_WHEN]
    changed += [name for name in ("timezone", "starts_at", "ends_at") if getattr(meeting, name) != when[name]]
    if meeting.presidency_term_id != when["presidency_term"].id:
        changed.append("presidency_term_id")
    if values.get(EXTERNAL_REF) and meeting.external_ref != values[EXTERNAL_REF]:
        changed.append(EXTERNAL_REF)
    return changed


def _apply(meeting: Meeting, values: dict[str, Any], lookups: Lookups) -> None:
    for name in _PLAIN:
        if name in values:
            setattr(meeting, name, values[name])
    for name, value in values[_WHEN].items():
        setattr(meeting, name, value)
    if values.get(EXTERNAL_REF):
        meeting.external_ref = values[EXTERNAL_REF]
    if meeting.minutes and meeting.minutes_published_at is None:
        # The minutes of a past meeting were agreed long ago: published with the import (shown, searchable).
        meeting.minutes_published_at = datetime.now(UTC)


def _create(user: Any, values: dict[str, Any], lookups: Lookups) -> Meeting:
    meeting = Meeting(created_by_id=user.id)
    _apply(meeting, values, lookups)
    meeting.minutes_marking_id = meeting.marking_id  # the minutes are read as the meeting is
    db.session.add(meeting)
    return meeting


def _update(meeting: Meeting, values: dict[str, Any], lookups: Lookups) -> None:
    followed = meeting.minutes_marking_id == meeting.marking_id
    _apply(meeting, values, lookups)
    if followed:
        meeting.minutes_marking_id = meeting.marking_id
    touch(meeting)  # calendar clients pick the change up; the twice-a-year count too


def _refuse(user: Any, values: dict[str, Any], meeting: Meeting | None, lookups: Lookups) -> tuple[str, str] | None:
    """Administrators only; a row must describe a past meeting under the Presidency of its first day."""
    if not is_admin(user):
        return EXTERNAL_REF, _("Only administrators import meetings.")
    try:
        values[_WHEN] = _when(values, meeting, lookups)  # what changes and writes then read
    except _RowProblem as problem:
        return problem.column, problem.message
    return None


import_kind(ImportKind(
    name="meetings",
    label=_l("Past meetings"),
    model=Meeting,
    columns=COLUMNS,
    lookups=_lookups,
    find=_find,
    find_ids=_find_ids,
    changes=_changes,
    create=_create,
    update=_update,
    refuse=_refuse,
    template_header=lambda: [str(c.header) for c in COLUMNS],  # meetings have no CSV export: these columns
))
