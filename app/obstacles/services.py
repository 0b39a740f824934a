"""Rules of the obstacles tracker. Services change objects and flush; the views commit."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, exists, or_, union
from sqlalchemy.orm import joinedload, load_only, raiseload, selectinload

from app.core import audit
from app.core.country_answers import give_answer, withdraw_answer
from app.core.export import BATCH_ROWS
from app.core.i18n import _, _l
from app.core.markings import Marking, visible_markings_filter
from app.core.workflow import NotAllowed, WrongState
from app.extensions import db
from app.network.models import COUNTRY_KINDS, LegalInstrument, Organisation, User
from app.notifications.services import members_of, notify
from app.obstacles.models import IMPACTS, KINDS, Obstacle, ObstacleAffected, ObstacleComment, obstacle_counterparts
from app.obstacles.permissions import can_comment_obstacle, can_edit_comment, can_say_affected
from app.obstacles.workflow import OBSTACLE_WORKFLOW, STATES


class DuplicateAnswer(WrongState):
    """A second "affects us too" from the same country."""


def _now() -> datetime:
    return datetime.now(UTC)


def _organisations(ids: list[int]) -> list[Organisation]:
    if not ids:
        return []
    return list(
        db.session.scalars(db.select(Organisation).where(Organisation.id.in_(ids),
                                                       Organisation.kind.in_(COUNTRY_KINDS)))
    )


def report_obstacle(user: User, data: dict[str, Any], reporting_org: Organisation) -> Obstacle:
    obstacle = Obstacle(
        title=data["title"],
        description=data["description"],
        kind=data["kind"],
        impact=data["impact"],
        instrument_id=data["instrument_id"],
        reporting_org=reporting_org,
        reported_by_id=user.id,
        status=OBSTACLE_WORKFLOW.initial,
        marking_id=data.get("marking_id"),
        counterparts=_organisations(data.get("counterpart_ids") or []),
    )
    db.session.add(obstacle)
    db.session.flush()
    audit.record(
        user,
        obstacle,
        "report",
        to_state=obstacle.status,
        changes={"title": [None, obstacle.title], "reporting_country": [None, reporting_org.code]},
    )
    return obstacle


def update_obstacle(user: User, obstacle: Obstacle, data: dict[str, Any]) -> bool:
    """Apply the edit form; audit changed fields, including the countries on the other side."""
    # No flush until the changes are read: the countries' query would otherwise write the new values first and
    # leave nothing for the history to report.
    with db.session.no_autoflush:
        for field in ("title", "description", "kind", "impact", "instrument_id"):
            setattr(obstacle, field, data[field])
        if data.get("marking_id"):
            obstacle.marking_id = data["marking_id"]
        before = sorted(o.code for o in obstacle.counterparts)
        obstacle.counterparts = _organisations(data.get("counterpart_ids") or [])
        after = sorted(o.code for o in obstacle.counterparts)
        changes = audit.changed_fields(obstacle, ignore={"last_activity_at"})
    if before != after:
        changes["countries_on_the_other_side"] = [", ".join(before), ", ".join(after)]
    if not changes:
        return False
    obstacle.last_activity_at = _now()
    audit.record(user, obstacle, "edit", changes=changes)
    return True


def move(
    user: User, obstacle: Obstacle, action: str, *, note: str | None = None, details: dict[str, Any] | None = None
) -> None:
    """Take a workflow step. ``agree_action`` records the action, its owner and due date."""
    changes = None
    if action == "agree_action" and details is not None:
        OBSTACLE_WORKFLOW.check(user, obstacle, action)  # who may, then the state, before the action is written
        owner = db.session.get(Organisation, details["action_owner_id"])
        obstacle.agreed_action = details["agreed_action"]
        obstacle.action_owner_id = owner.id if owner else None
        obstacle.action_due_on = details["action_due_on"]
        changes = {
            "agreed_action": [None, obstacle.agreed_action],
            "owner": [None, owner.code if owner else None],
            "due_on": [None, obstacle.action_due_on.isoformat()],
        }
    OBSTACLE_WORKFLOW.apply(user, obstacle, action, note=note, changes=changes)
    if action == "resolve":
        obstacle.resolution = note
    elif action == "close":
        obstacle.closed_reason = note
    obstacle.last_activity_at = _now()


def say_affected(user: User, obstacle: Obstacle, note: str) -> ObstacleAffected:
    answer = give_answer(
        user, obstacle, obstacle.affected, ObstacleAffected, note, counter="affected_count", action="affects_us_too",
        allowed=can_say_affected(user, obstacle),
        already=DuplicateAnswer(_("%(country)s has already said this affects it too.",
                                  country=user.organisation.name)),
        refused=_("Only another Member State than the reporting one can say this, while the obstacle is open."))
    obstacle.last_activity_at = _now()
    return answer


def withdraw_affected(user: User, obstacle: Obstacle) -> None:
    withdraw_answer(user, obstacle, obstacle.affected, counter="affected_count", action="withdraw_affects_us_too",
                    refused=_("Only Member States answer “affects us too”."),
                    missing=_("%(country)s has not said this obstacle affects it.", country=user.organisation.name))
    obstacle.last_activity_at = _now()


def add_comment(user: User, obstacle: Obstacle, body: str) -> ObstacleComment:
    if not can_comment_obstacle(user, obstacle):
        raise WrongState(_("This obstacle is no longer open for discussion."))
    comment = ObstacleComment(obstacle=obstacle, author_id=user.id, body=body)
    db.session.add(comment)
    obstacle.last_activity_at = _now()
    db.session.flush()
    audit.record(user, comment, "comment", changes={"obstacle": [None, obstacle.id]})
    notify("obstacle_comment", members_of([obstacle.reporting_org_id, *(a.organisation_id for a in obstacle.affected)],
                                          exclude=user), obstacle, {"comment": comment})
    return comment


def edit_comment(user: User, comment: ObstacleComment, body: str) -> None:
    if not can_edit_comment(user, comment):
        raise NotAllowed(_("Comments can be corrected by their author for 15 minutes after posting."))
    if comment.body != body:
        audit.record(user, comment, "edit", changes={"body": [comment.body, body]})
        comment.body = body
        comment.edited_at = _now()


# Lists -------------------------------------------------------------------------------------------------


def involves(organisation_id: int) -> Any:
    """Obstacles reported by, facing, or said to affect this country.

    Tested row by row (EXISTS), which suits a page: the engine walks the list's index and stops once the
    page is full. :func:`involving` suits reading every match.
    """
    return or_(
        Obstacle.reporting_org_id == organisation_id,
        exists().where(
            obstacle_counterparts.c.obstacle_id == Obstacle.id,
            obstacle_counterparts.c.organisation_id == organisation_id,
        ),
        exists().where(
            ObstacleAffected.obstacle_id == Obstacle.id, ObstacleAffected.organisation_id == organisation_id
        ),
    )


def involving(organisation_id: int) -> Any:
    """The same obstacles as :func:`involves`, as a union of three index lookups: for reading all of them
    (the export), where it reads only this country's rows instead of testing every obstacle."""
    return Obstacle.id.in_(union(
        db.select(Obstacle.id).where(Obstacle.reporting_org_id == organisation_id),
        db.select(obstacle_counterparts.c.obstacle_id)
        .where(obstacle_counterparts.c.organisation_id == organisation_id),
        db.select(ObstacleAffected.obstacle_id).where(ObstacleAffected.organisation_id == organisation_id),
    ))


def filtered_obstacles(user: User, filters: dict[str, Any], *, every_row: bool = False) -> Select[Any]:
    """The list query for already validated filters (``every_row``: for reading all matches, not a page)."""
    country_filter = involving if every_row else involves
    query = db.select(Obstacle).where(visible_markings_filter(user, Obstacle.marking_id))
    status = filters.get("status")
    if status == "open":
        query = query.where(Obstacle.status.in_(OBSTACLE_WORKFLOW.open_states))
    elif status:
        query = query.where(Obstacle.status == status)
    if filters.get("kind"):
        query = query.where(Obstacle.kind == filters["kind"])
    if filters.get("instrument"):
        query = query.where(Obstacle.instrument_id == int(filters["instrument"]))
    if filters.get("country"):
        country = db.session.scalar(db.select(Organisation.id).where(Organisation.code == filters["country"]))
        query = query.where(country_filter(country if country is not None else -1))
    if filters.get("mine"):
        query = query.where(country_filter(user.organisation_id))
    text = (filters.get("q") or "").lower()
    if text:
        for word in text.split()[:8]:
            query = query.where(
                or_(
                    db.func.lower(Obstacle.title).contains(word, autoescape=True),
                    db.func.lower(Obstacle.description).contains(word, autoescape=True),
                )
            )
    order = {
        "affected": (Obstacle.affected_count.desc(), Obstacle.created_at.desc()),
        "active": (Obstacle.last_activity_at.desc(),),
    }.get(filters.get("sort") or "newest", (Obstacle.created_at.desc(),))
    return query.order_by(*order, Obstacle.id.desc())


# What a row of the list shows (templates/obstacles/_list.html), and nothing else: not the description and long
# texts, nor the countries on the other side or the action owner; anything else the row would touch raises.
LIST_ROW = (
    load_only(Obstacle.title, Obstacle.kind, Obstacle.instrument_id, Obstacle.reporting_org_id, Obstacle.status,
              Obstacle.affected_count, Obstacle.last_activity_at),
    joinedload(Obstacle.instrument),
    joinedload(Obstacle.reporting_org),
    raiseload("*"),
)


def list_rows(query: Select[Any]) -> Select[Any]:
    return query.options(*LIST_ROW)


def with_details(query: Select[Any]) -> Select[Any]:
    """Load what the detail page and the export show, in a fixed number of queries."""
    return query.options(
        selectinload(Obstacle.affected),
        selectinload(Obstacle.comments),
    )


def load_obstacle(obstacle_id: int) -> Obstacle | None:
    return db.session.scalar(with_details(db.select(Obstacle).where(Obstacle.id == obstacle_id)))


def export_rows(query: Select[Any], url_for_id: Any) -> Iterator[list[Any]]:
    """The filtered list as spreadsheet rows, read in batches of ``BATCH_ROWS`` as they are written (memory
    stays flat at any size): three small lookups, then per batch the rows and their countries from the two
    link tables, for that batch's ids only.

    Plain rows, not ORM objects. The lookups are made at once, in the view; the rows when the response is sent.
    """
    names = dict(db.session.execute(db.select(Organisation.id, Organisation.name)).all())
    instruments = dict(db.session.execute(db.select(LegalInstrument.id, LegalInstrument.name)).all())
    labels = {m.id: m.label for m in db.session.scalars(db.select(Marking))}  # in the reader's language
    columns = (Obstacle.id, Obstacle.title, Obstacle.kind, Obstacle.instrument_id, Obstacle.impact,
               Obstacle.status, Obstacle.reporting_org_id, Obstacle.affected_count, Obstacle.created_at,
               Obstacle.last_activity_at, Obstacle.agreed_action, Obstacle.action_owner_id, Obstacle.action_due_on,
               Obstacle.marking_id, Obstacle.description, Obstacle.external_ref)

    def rows() -> Iterator[list[Any]]:
        result = db.session.execute(query.with_only_columns(*columns), execution_options={"yield_per": BATCH_ROWS})
        for batch in result.partitions():
            ids = [row[0] for row in batch]
            counterparts: dict[int, list[str]] = {}
            for obstacle_id, org_id in db.session.execute(
                db.select(obstacle_counterparts.c.obstacle_id, obstacle_counterparts.c.organisation_id)
                .where(obstacle_counterparts.c.obstacle_id.in_(ids))
            ):
                counterparts.setdefault(obstacle_id, []).append(names[org_id])
            affected: dict[int, list[str]] = {}
            for obstacle_id, org_id in db.session.execute(
                db.select(ObstacleAffected.obstacle_id, ObstacleAffected.organisation_id)
                .where(ObstacleAffected.obstacle_id.in_(ids))
                .order_by(ObstacleAffected.created_at, ObstacleAffected.id)
            ):
                affected.setdefault(obstacle_id, []).append(names[org_id])
            for (id_, title, kind, instrument_id, impact, status, reporting_org_id, affected_count, created_at,
                 last_activity_at, agreed_action, action_owner_id, action_due_on, marking_id, description,
                 external_ref) in batch:
                yield [
                    id_,
                    title,
                    str(KINDS[kind]),
                    instruments[instrument_id],
                    str(IMPACTS[impact]),
                    str(STATES[status]),
                    names[reporting_org_id],
                    ", ".join(sorted(counterparts.get(id_, []))),
                    affected_count,
                    ", ".join(affected.get(id_, [])),
                    created_at.date().isoformat(),
                    last_activity_at.date().isoformat(),
                    agreed_action or "",
                    names[action_owner_id] if action_owner_id else "",
                    action_due_on.isoformat() if action_due_on else "",
                    description,
                    external_ref or "",
                    url_for_id(id_),
                    labels[marking_id],
                ]

    return rows()


# The spreadsheet's column names, in the reader's language (str() each when writing).
EXPORT_HEADER = [
    _l("ID"),
    _l("Title"),
    _l("Kind"),
    _l("Instrument or channel"),
    _l("Impact"),
    _l("Status"),
    _l("Reporting country"),
    _l("Countries on the other side"),
    _l("Affected countries (count)"),
    _l("Affected countries"),
    _l("Reported on"),
    _l("Last activity"),
    _l("Agreed action"),
    _l("Action owner"),
    _l("Action due"),
    # With these two, an export imports back (app/obstacles/imports.py).
    _l("Description"),
    _l("External reference"),
    _l("Link"),
    _l("Marking"),
]
