"""How experts import onto the roster from a spreadsheet (app/imports): a country's existing list of trainers,
with their languages and areas of expertise. Only experts who agreed to be listed: the consent date is required.
Their personal data stay out of the audit log (the import's one event holds counts only)."""

import re
from dataclasses import dataclass
from typing import Any

from app.core.i18n import _, _l
from app.core.permissions import is_admin
from app.core.timezones import today
from app.extensions import db
from app.imports.matching import Problem, Vocabulary, country_vocabulary, labelled, to_date, to_id, to_text
from app.imports.specs import EXTERNAL_REF, Column, ImportKind, import_kind
from app.network.models import Organisation
from app.roster.models import Expert, ExpertLanguage
from app.roster.services import REVIEW_PERIOD_YEARS, years_after
from app.roster.vocabulary import EXPERTISE_AREAS, LANGUAGES, LEVELS, join_codes
from app.roster.workflow import EXPERT_WORKFLOW

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Lookups:
    organisations: dict[int, Organisation]
    countries: Vocabulary
    areas: Vocabulary
    languages: Vocabulary
    levels: Vocabulary


def _lookups(user: Any) -> Lookups:
    organisations = {o.id: o for o in db.session.scalars(db.select(Organisation))}
    return Lookups(
        organisations=organisations,
        countries=country_vocabulary([o for o in organisations.values() if o.kind == "member_state"],
                                     _("Member State")),
        areas=labelled(_("area of expertise"), EXPERTISE_AREAS),
        languages=labelled(_("language"), LANGUAGES),
        levels=labelled(_("language level"), LEVELS),
    )


def _languages(lookups: Lookups, cell: Any) -> list[tuple[str, str]]:
    """"English C1, French B2, Italian mother tongue": a language and its level (CEFR), one per item."""
    found: dict[str, str] = {}
    for part in re.split(r"[,;\n]+", str(cell)):
        part = part.strip().rstrip(")").replace("(", " ")
        if not part:
            continue
        for cut in range(len(part.split()) - 1, 0, -1):  # the level is the last word or words
            words = part.split()
            name, level = " ".join(words[:cut]), " ".join(words[cut:])
            try:
                found[lookups.languages.match(name)] = lookups.levels.match(level)
                break
            except Problem:
                continue
        else:
            raise Problem(_("“%(value)s” is not a language and its level (for example: English C1).",
                            value=part[:60]))
    return sorted(found.items())


def _email(cell: Any) -> str:
    text = to_text(cell, limit=254).lower()
    if not _EMAIL.match(text):
        raise Problem(_("“%(value)s” is not an e-mail address.", value=text[:60]))
    return text


def _days(cell: Any) -> int:
    text = to_text(cell, limit=6)
    if not text.isdigit() or not 1 <= int(text) <= 365:
        raise Problem(_("Give a number of days between 1 and 365."))
    return int(text)


def _consent(cell: Any) -> Any:
    day = to_date(cell)
    if day > today():
        raise Problem(_("This date cannot be in the future."))
    return day


COLUMNS = (
    Column(EXTERNAL_REF, _l("External reference"), lambda lk, cell: to_text(cell, limit=100),
           aliases=("external ref", "reference", "ref", "référence", "reference externe")),
    Column("id", _l("ID"), lambda lk, cell: to_id(cell)),
    Column("name", _l("Full name"), lambda lk, cell: to_text(cell, limit=120), required=True,
           aliases=("name", "nom", "nom complet")),
    Column("organisation_id", _l("Country of the expert"), lambda lk, cell: lk.countries.match(cell), required=True,
           aliases=("country", "pays")),
    Column("email", _l("E-mail address"), lambda lk, cell: _email(cell), blank="", aliases=("email", "e-mail")),
    Column("position", _l("Position and service"), lambda lk, cell: to_text(cell, limit=200), blank="",
           aliases=("position", "fonction")),
    Column("expertise_areas", _l("Areas of expertise"),
           lambda lk, cell: join_codes(sorted(set(lk.areas.match_list(cell)))), blank="", aliases=("expertise",)),
    Column("languages", _l("Languages"), _languages, blank=(), aliases=("langues",)),
    Column("days_per_year", _l("Days available per year"), lambda lk, cell: _days(cell)),
    Column("consent_on", _l("Date of the expert's consent"), lambda lk, cell: _consent(cell), required=True,
           aliases=("consent", "consentement")),
    Column("accepted_on", _l("Accepted on"), lambda lk, cell: to_date(cell), default=lambda lk: today()),
)
_PLAIN = ("name", "organisation_id", "email", "position", "expertise_areas", "days_per_year", "consent_on",
          "accepted_on")


def _find(refs: list[str]) -> dict[str, Expert]:
    return {e.external_ref: e for e in db.session.scalars(db.select(Expert).where(Expert.external_ref.in_(refs)))}


def _find_ids(ids: list[int]) -> dict[int, Expert]:
    return {e.id: e for e in db.session.scalars(db.select(Expert).where(Expert.id.in_(ids)))}


def _changes(expert: Expert, values: dict[str, Any]) -> list[str]:
    changed = [name for name in _PLAIN if name in values and getattr(expert, name) != values[name]]
    if "languages" in values and sorted((la.language, la.level) for la in expert.languages) != values["languages"]:
        changed.append("languages")
    if values.get(EXTERNAL_REF) and expert.external_ref != values[EXTERNAL_REF]:
        changed.append(EXTERNAL_REF)
    return changed


def _apply(expert: Expert, values: dict[str, Any], lookups: Lookups) -> None:
    for name in _PLAIN:
        if name in values:
            setattr(expert, name, values[name])
    if "organisation_id" in values:  # the object: the search document reads its name
        expert.organisation = lookups.organisations[values["organisation_id"]]
    if "accepted_on" in values:
        expert.review_by = years_after(values["accepted_on"], REVIEW_PERIOD_YEARS)
    if "languages" in values and sorted((la.language, la.level) for la in expert.languages) != values["languages"]:
        if expert.languages:
            expert.languages.clear()
            db.session.flush()  # the old rows go first: (expert, language) is unique
        expert.languages.extend(ExpertLanguage(language=code, level=level) for code, level in values["languages"])
    if values.get(EXTERNAL_REF):
        expert.external_ref = values[EXTERNAL_REF]


def _create(user: Any, values: dict[str, Any], lookups: Lookups) -> Expert:
    expert = Expert(status=EXPERT_WORKFLOW.initial, languages=[])
    _apply(expert, values, lookups)
    db.session.add(expert)
    return expert


def _refuse(user: Any, values: dict[str, Any], expert: Expert | None, lookups: Lookups) -> tuple[str, str] | None:
    """Erased entries stay erased. Administrators import for any Member State; anyone else (the command run as a
    member) for their own."""
    if expert is not None and expert.is_erased:
        return EXTERNAL_REF, _("This expert's entry was erased: it is not filled in again.")
    if is_admin(user):
        return None
    for country_id in {values.get("organisation_id"), expert.organisation_id if expert else None} - {None}:
        if country_id != user.organisation_id:
            return "organisation_id", _("You may not import experts for %(country)s.",
                                        country=lookups.organisations[country_id].name)
    return None


import_kind(ImportKind(
    name="experts",
    label=_l("Experts"),
    model=Expert,
    columns=COLUMNS,
    lookups=_lookups,
    find=_find,
    find_ids=_find_ids,
    changes=_changes,
    create=_create,
    update=_apply,
    refuse=_refuse,
    template_header=lambda: [str(c.header) for c in COLUMNS],  # the roster has no CSV export: these columns
))
