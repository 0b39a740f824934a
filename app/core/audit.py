"""The audit log: every change to a record, written in the same transaction as the change."""

from datetime import date, datetime
from enum import Enum
from typing import Any

from flask import has_request_context, request
from sqlalchemy import inspect

from app.core.i18n import _l
from app.core.models import AuditEvent
from app.extensions import db


def _plain(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def record(
    actor: Any,
    obj: Any,
    action: str,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
) -> AuditEvent:
    """Add an audit event for ``obj``; the caller's transaction commits it with the change."""
    if getattr(obj, "id", None) is None:
        db.session.add(obj)
        db.session.flush()
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        record_type=obj.__tablename__,
        record_id=obj.id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        changes=changes,
        note=note,
        address=client_address(),
    )
    db.session.add(event)
    return event


def record_event(actor: Any, record_type: str, action: str, *, changes: dict[str, Any] | None = None,
                 note: str | None = None) -> AuditEvent:
    """An audit event about no stored record: a failed log-in, a refused request."""
    event = AuditEvent(actor_id=getattr(actor, "id", None), record_type=record_type[:50], record_id=None,
                       action=action[:50], changes=changes, note=note, address=client_address())
    db.session.add(event)
    return event


def client_address() -> str | None:
    """The address the request came from (behind a proxy, ProxyFix has put the client's here)."""
    if not has_request_context():
        return None
    return (request.remote_addr or "")[:45] or None


def changed_fields(obj: Any, *, ignore: set[str] = frozenset()) -> dict[str, list[Any]]:
    """The column values of ``obj`` changed in this session, as ``{field: [old, new]}``."""
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in ignore or attr.key == "version":
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[attr.key] = [_plain(old), _plain(new)]
    return changes


def record_edit(actor: Any, obj: Any, action: str = "edit", *, ignore: set[str] = frozenset()) -> bool:
    """Audit the fields of ``obj`` that changed; returns False (and records nothing) if none did."""
    changes = changed_fields(obj, ignore=ignore)
    if not changes:
        return False
    record(actor, obj, action, changes=changes)
    return True


def history_of(obj: Any) -> list[AuditEvent]:
    """The audit trail of one record, oldest first."""
    return db.session.scalars(
        db.select(AuditEvent)
        .where(AuditEvent.record_type == obj.__tablename__, AuditEvent.record_id == obj.id)
        .order_by(AuditEvent.created_at, AuditEvent.id)
    ).all()


# How the history and the audit log name actions and fields, in the reader's language. Each module
# registers its own (``audit.describe(actions={...}, fields={...})`` with lazy strings) next to its models;
# an action or field nobody described is shown as its code, which tests/i18n reports on a French page.
ACTION_LABELS: dict[str, Any] = {}
FIELD_LABELS: dict[str, Any] = {}


def describe(*, actions: dict[str, Any] | None = None, fields: dict[str, Any] | None = None) -> None:
    ACTION_LABELS.update(actions or {})
    FIELD_LABELS.update(fields or {})


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action) or action.replace("_", " "))


def field_labels(changes: dict[str, Any] | None) -> str:
    return ", ".join(str(FIELD_LABELS.get(name) or name.replace("_", " ")) for name in (changes or {}))


describe(
    actions={"create": _l("created"), "edit": _l("edited"), "attach": _l("document attached"),
             "remove_attachment": _l("document removed")},
    fields={"title": _l("title"), "description": _l("description"), "name": _l("name"), "email": _l("e-mail"),
            "body": _l("text"), "status": _l("status")},
)
