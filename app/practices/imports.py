"""How best practices import from a spreadsheet (app/imports): the columns of the CSV export, read back."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.core.i18n import _, _l
from app.core.markings import Marking, default_marking
from app.core.permissions import is_admin
from app.extensions import db
from app.imports.matching import Problem, Vocabulary, country_vocabulary, labelled, to_date, to_id, to_text
from app.imports.specs import EXTERNAL_REF, Column, ImportKind, import_kind
from app.network.models import LegalInstrument, Organisation
from app.practices.models import TOPICS, BestPractice, Tag
from app.practices.services import EXPORT_HEADER
from app.practices.workflow import PRACTICE_WORKFLOW, STATES


@dataclass
class Lookups:
    organisations: dict[int, Organisation]
    instruments: dict[int, LegalInstrument]
    countries: Vocabulary
    instrument_names: Vocabulary
    topics: Vocabulary
    statuses: Vocabulary
    markings: Vocabulary
    default_marking_id: int | None
    tags: dict[str, Tag] = field(default_factory=dict)  # one object per name for the whole file (unique names)

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            self.tags[name] = db.session.scalar(db.select(Tag).where(Tag.name == name)) or Tag(name=name)
        return self.tags[name]


def _lookups(user: Any) -> Lookups:
    organisations = {o.id: o for o in db.session.scalars(db.select(Organisation))}
    instruments = {i.id: i for i in db.session.scalars(db.select(LegalInstrument).order_by(LegalInstrument.position))}
    markings = db.session.scalars(db.select(Marking).where(Marking.active).order_by(Marking.position)).all()
    default = default_marking()
    return Lookups(
        organisations=organisations,
        instruments=instruments,
        countries=country_vocabulary([o for o in organisations.values() if o.kind == "member_state"],
                                     _("Member State")),
        instrument_names=Vocabulary(_("instrument or channel"), ((i.id, (i.name, i.code))
                                                                  for i in instruments.values())),
        topics=labelled(_("topic"), TOPICS),
        statuses=labelled(_("status"), STATES),
        markings=Vocabulary(_("marking"), ((m.id, (m.label_en, m.label_fr, m.name)) for m in markings)),
        default_marking_id=default.id if default else None,
    )


def _tags(cell: Any) -> list[str]:
    """Comma-separated, compared lower-case (as the form stores them)."""
    names: list[str] = []
    for part in str(cell).replace(";", ",").split(","):
        name = " ".join(part.split()).lower()
        if len(name) > 40:
            raise Problem(_("A tag has at most 40 characters: “%(tag)s” is longer.", tag=name[:50]))
        if name and name not in names:
            names.append(name)
    return names


COLUMNS = (
    Column(EXTERNAL_REF, _l("External reference"), lambda lk, cell: to_text(cell, limit=100),
           aliases=("external ref", "reference", "ref", "référence", "reference externe")),
    Column("id", _l("ID"), lambda lk, cell: to_id(cell)),
    Column("title", _l("Title"), lambda lk, cell: to_text(cell, limit=200), required=True, aliases=("titre",)),
    Column("summary", _l("Summary"), lambda lk, cell: to_text(cell, limit=1_000, one_line=False), required=True,
           aliases=("résumé",)),
    Column("body", _l("Full description"), lambda lk, cell: to_text(cell, limit=50_000, one_line=False),
           blank="", aliases=("description", "body", "texte")),
    Column("topic", _l("Topic"), lambda lk, cell: lk.topics.match(cell), required=True, aliases=("thème",)),
    Column("status", _l("Status"), lambda lk, cell: lk.statuses.match(cell),
           default=lambda lk: PRACTICE_WORKFLOW.initial, aliases=("statut", "état")),
    Column("country_id", _l("Country"), lambda lk, cell: lk.countries.match(cell), required=True,
           aliases=("pays", "submitting country")),
    Column("instrument_ids", _l("Instruments and channels"), lambda lk, cell: lk.instrument_names.match_list(cell),
           blank=(), aliases=("instruments",)),
    Column("tags", _l("Tags"), lambda lk, cell: _tags(cell), blank=(), aliases=("mots-clés",)),
    Column("endorsed_on", _l("Endorsed on"), lambda lk, cell: to_date(cell)),
    Column("endorsed_at_occasion", _l("Endorsed at"), lambda lk, cell: to_text(cell, limit=200)),
    Column("marking_id", _l("Marking"), lambda lk, cell: lk.markings.match(cell),
           default=lambda lk: lk.default_marking_id, aliases=("handling marking", "marquage")),
)
_PLAIN = ("title", "summary", "body", "topic", "status", "country_id", "endorsed_on", "endorsed_at_occasion",
          "marking_id")


def _find(refs: list[str]) -> dict[str, BestPractice]:
    return {p.external_ref: p for p in db.session.scalars(
        db.select(BestPractice).where(BestPractice.external_ref.in_(refs)))}


def _find_ids(ids: list[int]) -> dict[int, BestPractice]:
    return {p.id: p for p in db.session.scalars(db.select(BestPractice).where(BestPractice.id.in_(ids)))}


def _changes(practice: BestPractice, values: dict[str, Any]) -> list[str]:
    changed = [name for name in _PLAIN if name in values and getattr(practice, name) != values[name]]
    if "instrument_ids" in values and (sorted(i.id for i in practice.instruments)
                                       != sorted(set(values["instrument_ids"]))):
        changed.append("instrument_ids")
    if "tags" in values and sorted(t.name for t in practice.tags) != sorted(values["tags"]):
        changed.append("tags")
    if values.get(EXTERNAL_REF) and practice.external_ref != values[EXTERNAL_REF]:
        changed.append(EXTERNAL_REF)
    return changed


def _apply(practice: BestPractice, values: dict[str, Any], lookups: Lookups) -> None:
    for name in _PLAIN:
        if name in values:
            setattr(practice, name, values[name])
    if "country_id" in values:  # the object: the search document reads its name
        practice.country = lookups.organisations[values["country_id"]]
    if "instrument_ids" in values:
        practice.instruments = [lookups.instruments[i] for i in sorted(set(values["instrument_ids"]))]
    if "tags" in values:
        practice.tags = [lookups.tag(name) for name in values["tags"]]
    if values.get(EXTERNAL_REF):
        practice.external_ref = values[EXTERNAL_REF]
    if practice.status != PRACTICE_WORKFLOW.initial and practice.submitted_at is None:
        practice.submitted_at = datetime.now(UTC)  # shared with the network, as a submission would


def _create(user: Any, values: dict[str, Any], lookups: Lookups) -> BestPractice:
    practice = BestPractice(created_by_id=user.id, instruments=[], tags=[])
    _apply(practice, values, lookups)
    db.session.add(practice)
    return practice


def _refuse(user: Any, values: dict[str, Any], practice: BestPractice | None,
            lookups: Lookups) -> tuple[str, str] | None:
    """Administrators import for any Member State; anyone else (the command run as a member) for their own."""
    if is_admin(user):
        return None
    for country_id in {values.get("country_id"), practice.country_id if practice else None} - {None}:
        if country_id != user.organisation_id:
            return "country_id", _("You may not import best practices for %(country)s.",
                                   country=lookups.organisations[country_id].name)
    return None


import_kind(ImportKind(
    name="practices",
    label=_l("Best practices"),
    model=BestPractice,
    columns=COLUMNS,
    lookups=_lookups,
    find=_find,
    find_ids=_find_ids,
    changes=_changes,
    create=_create,
    update=_apply,
    refuse=_refuse,
    template_header=lambda: [str(h) for h in EXPORT_HEADER],
))
