"""How obstacles import from a spreadsheet (app/imports): the columns of the CSV export, read back."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.core.i18n import _, _l
from app.core.markings import Marking, default_marking
from app.core.permissions import is_admin
from app.extensions import db
from app.imports.matching import Vocabulary, country_vocabulary, labelled, to_date, to_id, to_text
from app.imports.specs import EXTERNAL_REF, Column, ImportKind, import_kind
from app.network.models import LegalInstrument, Organisation
from app.obstacles.models import IMPACTS, KINDS, Obstacle
from app.obstacles.services import EXPORT_HEADER
from app.obstacles.workflow import OBSTACLE_WORKFLOW, STATES


@dataclass
class Lookups:
    user: Any
    organisations: dict[int, Organisation]
    countries: Vocabulary
    owners: Vocabulary
    instruments: Vocabulary
    kinds: Vocabulary
    impacts: Vocabulary
    statuses: Vocabulary
    markings: Vocabulary
    default_marking_id: int | None


def _lookups(user: Any) -> Lookups:
    organisations = {o.id: o for o in db.session.scalars(db.select(Organisation))}
    member_states = [o for o in organisations.values() if o.kind == "member_state"]
    instruments = db.session.scalars(db.select(LegalInstrument).order_by(LegalInstrument.position)).all()
    markings = db.session.scalars(db.select(Marking).where(Marking.active).order_by(Marking.position)).all()
    default = default_marking()
    return Lookups(
        user=user,
        organisations=organisations,
        countries=country_vocabulary(member_states, _("Member State")),
        owners=country_vocabulary(organisations.values(), _("organisation")),
        instruments=Vocabulary(_("instrument or channel"), ((i.id, (i.name, i.code)) for i in instruments)),
        kinds=labelled(_("kind"), KINDS),
        impacts=labelled(_("impact"), IMPACTS),
        statuses=labelled(_("status"), STATES),
        markings=Vocabulary(_("marking"), ((m.id, (m.label_en, m.label_fr, m.name)) for m in markings)),
        default_marking_id=default.id if default else None,
    )


COLUMNS = (
    Column(EXTERNAL_REF, _l("External reference"), lambda lk, cell: to_text(cell, limit=100),
           aliases=("external ref", "reference", "ref", "référence", "reference externe")),
    Column("id", _l("ID"), lambda lk, cell: to_id(cell)),
    Column("title", _l("Title"), lambda lk, cell: to_text(cell, limit=200), required=True, aliases=("titre",)),
    Column("description", _l("Description"), lambda lk, cell: to_text(cell, limit=20_000, one_line=False),
           required=True),
    Column("kind", _l("Kind"), lambda lk, cell: lk.kinds.match(cell), required=True, aliases=("type",)),
    Column("instrument_id", _l("Instrument or channel"), lambda lk, cell: lk.instruments.match(cell),
           required=True, aliases=("instrument", "channel", "canal")),
    Column("impact", _l("Impact"), lambda lk, cell: lk.impacts.match(cell), default=lambda lk: "medium"),
    Column("status", _l("Status"), lambda lk, cell: lk.statuses.match(cell),
           default=lambda lk: OBSTACLE_WORKFLOW.initial, aliases=("statut", "état")),
    Column("reporting_org_id", _l("Reporting country"), lambda lk, cell: lk.countries.match(cell), required=True,
           aliases=("country", "pays")),
    Column("counterpart_ids", _l("Countries on the other side"), lambda lk, cell: lk.countries.match_list(cell),
           blank=()),
    Column("agreed_action", _l("Agreed action"), lambda lk, cell: to_text(cell, limit=5_000, one_line=False)),
    Column("action_owner_id", _l("Action owner"), lambda lk, cell: lk.owners.match(cell)),
    Column("action_due_on", _l("Action due"), lambda lk, cell: to_date(cell)),
    Column("marking_id", _l("Marking"), lambda lk, cell: lk.markings.match(cell),
           default=lambda lk: lk.default_marking_id, aliases=("handling marking", "marquage")),
)
_PLAIN = ("title", "description", "kind", "instrument_id", "impact", "status", "reporting_org_id", "agreed_action",
          "action_owner_id", "action_due_on", "marking_id")


def _find(refs: list[str]) -> dict[str, Obstacle]:
    return {o.external_ref: o for o in db.session.scalars(db.select(Obstacle).where(Obstacle.external_ref.in_(refs)))}


def _find_ids(ids: list[int]) -> dict[int, Obstacle]:
    return {o.id: o for o in db.session.scalars(db.select(Obstacle).where(Obstacle.id.in_(ids)))}


def _changes(obstacle: Obstacle, values: dict[str, Any]) -> list[str]:
    changed = [name for name in _PLAIN if name in values and getattr(obstacle, name) != values[name]]
    if "counterpart_ids" in values and (sorted(o.id for o in obstacle.counterparts)
                                        != sorted(set(values["counterpart_ids"]))):
        changed.append("counterpart_ids")
    if values.get(EXTERNAL_REF) and obstacle.external_ref != values[EXTERNAL_REF]:
        changed.append(EXTERNAL_REF)
    return changed


def _apply(obstacle: Obstacle, values: dict[str, Any], lookups: Lookups) -> None:
    for name in _PLAIN:
        if name in values:
            setattr(obstacle, name, values[name])
    if "reporting_org_id" in values:  # the object, not only its id: the search document reads its name
        obstacle.reporting_org = lookups.organisations[values["reporting_org_id"]]
    if "counterpart_ids" in values:
        obstacle.counterparts = [lookups.organisations[i] for i in sorted(set(values["counterpart_ids"]))]
    if values.get(EXTERNAL_REF):
        obstacle.external_ref = values[EXTERNAL_REF]


def _create(user: Any, values: dict[str, Any], lookups: Lookups) -> Obstacle:
    obstacle = Obstacle(reported_by_id=user.id, counterparts=[])
    _apply(obstacle, values, lookups)
    db.session.add(obstacle)
    return obstacle


def _update(obstacle: Obstacle, values: dict[str, Any], lookups: Lookups) -> None:
    _apply(obstacle, values, lookups)
    obstacle.last_activity_at = datetime.now(UTC)


def _refuse(user: Any, values: dict[str, Any], obstacle: Obstacle | None, lookups: Lookups) -> tuple[str, str] | None:
    """Administrators import for any Member State; anyone else (the command run as a member) for their own."""
    if is_admin(user):
        return None
    for country_id in {values.get("reporting_org_id"), obstacle.reporting_org_id if obstacle else None} - {None}:
        if country_id != user.organisation_id:
            return "reporting_org_id", _("You may not import obstacles for %(country)s.",
                                         country=lookups.organisations[country_id].name)
    return None


import_kind(ImportKind(
    name="obstacles",
    label=_l("Obstacles"),
    model=Obstacle,
    columns=COLUMNS,
    lookups=_lookups,
    find=_find,
    find_ids=_find_ids,
    changes=_changes,
    create=_create,
    update=_update,
    refuse=_refuse,
    template_header=lambda: [str(h) for h in EXPORT_HEADER],
))
