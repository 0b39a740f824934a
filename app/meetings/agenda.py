"""A meeting's agenda: the items the Presidency adds, edits, orders and removes, and the records they discuss."""

from typing import Any

from app.core import audit
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.meetings.services import touch, visible_to
from app.network.models import User


def add_agenda_item(user: User, meeting: Meeting, data: dict[str, Any]) -> AgendaItem:
    position = max((i.position for i in meeting.agenda_items), default=0) + 1
    item = AgendaItem(position=position, title=data["title"], presenter_id=data.get("presenter_id") or None,
                      duration_minutes=data.get("duration_minutes"), obstacle_id=data.get("obstacle_id"),
                      practice_id=data.get("practice_id"))
    meeting.agenda_items.append(item)
    db.session.flush()
    audit.record(user, meeting, "agenda_add", changes={"agenda": [None, item.title]})
    touch(meeting)
    return item


def update_agenda_item(user: User, item: AgendaItem, data: dict[str, Any]) -> bool:
    item.title = data["title"]
    item.presenter_id = data.get("presenter_id") or None
    item.duration_minutes = data.get("duration_minutes")
    item.obstacle_id = data.get("obstacle_id")
    item.practice_id = data.get("practice_id")
    changes = audit.changed_fields(item)
    if changes:
        audit.record(user, item.meeting, "agenda_edit", changes={"agenda": [item.position, item.title]},
                     note=item.title)
        touch(item.meeting)
    return bool(changes)


def move_agenda_item(user: User, item: AgendaItem, direction: str) -> bool:
    """Swap an item with its neighbour; positions stay 1..n. Returns whether it moved."""
    items = sorted(item.meeting.agenda_items, key=lambda i: (i.position, i.id))
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(items):
        return False
    items[index], items[other] = items[other], items[index]
    for n, each in enumerate(items, start=1):
        each.position = n
    audit.record(user, item.meeting, "agenda_reorder", changes={"agenda": [index + 1, other + 1]},
                 note=item.title)
    touch(item.meeting)
    return True


def remove_agenda_item(user: User, item: AgendaItem) -> None:
    meeting = item.meeting
    meeting.agenda_items.remove(item)
    for n, each in enumerate(sorted(meeting.agenda_items, key=lambda i: i.position), start=1):
        each.position = n
    audit.record(user, meeting, "agenda_remove", changes={"agenda": [item.title, None]})
    touch(meeting)


def agenda_items_about(
    user: Any, *, obstacle_id: int | None = None, practice_id: int | None = None
) -> list[AgendaItem]:
    """The agenda items of meetings this user may read that discuss a record, newest meeting first."""
    query = db.select(AgendaItem).join(AgendaItem.meeting)
    query = query.where(AgendaItem.obstacle_id == obstacle_id) if obstacle_id is not None else \
        query.where(AgendaItem.practice_id == practice_id)
    query = visible_to(user, query).order_by(Meeting.starts_at.desc(), AgendaItem.position)
    return list(db.session.scalars(query))
