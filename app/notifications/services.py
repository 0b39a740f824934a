"""Queuing notifications: who gets which message, rendered now, in the transaction of the change.

The modules call :func:`notify` from their services, next to the audit record of the same change; the
message rows are committed (or rolled back) with it. Sending happens later, outside the request
(:mod:`app.notifications.sender`).
"""

from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy.exc import IntegrityError

from app.core.i18n import _l, language_of
from app.core.markings import can_read_marked
from app.extensions import db
from app.network.models import Organisation, User
from app.notifications.models import Notification, NotificationPreference, RefusedAddress
from app.notifications.registry import KINDS, LINKS, Kind, choosable, notification_kind

# Kinds of message, links and attachments are registered by the modules (app/<module>/notifications.py).
# The weekly message that gathers the "digest" items of every kind.
notification_kind("digest", Kind(_l("Weekly digest"), "immediate", choosable=False))


def preferences_of(user: User) -> dict[str, str]:
    """Every kind with the user's choice, or its default."""
    chosen = dict(db.session.execute(
        db.select(NotificationPreference.kind, NotificationPreference.delivery)
        .where(NotificationPreference.user_id == user.id)).all())
    return {name: chosen.get(name, kind.default) if kind.choosable else kind.default for name, kind in KINDS.items()}


def set_preferences(user: User, choices: dict[str, str]) -> bool:
    """Store the user's choices; returns whether any changed. Unknown kinds or deliveries are ignored."""
    rows = {p.kind: p for p in db.session.scalars(
        db.select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    changed = False
    for name, delivery in choices.items():
        if name not in choosable() or delivery not in ("immediate", "digest", "never"):
            continue
        row = rows.get(name)
        old = row.delivery if row else KINDS[name].default
        if old == delivery:
            continue
        changed = True
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=name, delivery=delivery))
        else:
            row.delivery = delivery
    if changed:
        from app.core import audit

        audit.record(user, user, "edit_notification_settings")
    return changed


def members_of(organisations: Iterable[Organisation | int], *, exclude: User | None = None) -> list[User]:
    """The active users of these organisations (objects or ids), but ``exclude``."""
    ids = {o if isinstance(o, int) else o.id for o in organisations}
    if not ids:
        return []
    query = db.select(User).where(User.organisation_id.in_(ids), User.active.is_(True)).order_by(User.id)
    if exclude is not None and exclude.id is not None:
        query = query.where(User.id != exclude.id)
    return list(db.session.scalars(query))


def _deliveries(kind: str, users: list[User]) -> dict[int, str]:
    spec = KINDS[kind]
    if not spec.choosable or not users:
        return {u.id: spec.default for u in users}
    chosen = dict(db.session.execute(
        db.select(NotificationPreference.user_id, NotificationPreference.delivery)
        .where(NotificationPreference.kind == kind, NotificationPreference.user_id.in_([u.id for u in users]))
    ).all())
    return {u.id: chosen.get(u.id, spec.default) for u in users}


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "Europe/Brussels")
    except (ValueError, KeyError):
        return ZoneInfo("Europe/Brussels")


def render_message(kind: str, **context: Any) -> tuple[str, str, str]:
    """Subject, plain text and HTML of one message, from templates/notifications/<kind>.txt and .html.

    The plain-text template sets ``subject`` (``{% set subject %}...{% endset %}``). The message is in the
    current language: :func:`notify` renders it in the recipient's (``force_locale``)."""
    env = current_app.jinja_env
    full = dict(context)
    current_app.update_template_context(full)
    module = env.get_template(f"notifications/{kind}.txt").make_module(full)
    subject = " ".join(str(getattr(module, "subject", "")).split())[:300]
    text = str(module).strip() + "\n"
    html = render_template(f"notifications/{kind}.html", subject=subject, **context)
    return subject, text, html


def notify(kind: str, recipients: Iterable[User], record: Any = None, context: dict[str, Any] | None = None, *,
           dedup_key: str | None = None) -> list[Notification]:
    """Queue one message of ``kind`` about ``record`` for each recipient who wants it.

    The rows join the caller's transaction. ``context`` goes to the templates (``link`` overrides the link
    to the record). Each message is written in its recipient's language (``users.language``, English when
    unset), not in the language of whoever made the change; so is the .ics attached to it. With ``dedup_key``,
    each recipient's row carries ``<dedup_key>:<user id>``, unique in the table, so a periodic message is
    produced at most once.
    """
    spec = KINDS[kind]  # KeyError on a kind nobody declared: a programming error
    # Nobody hears of a record they may not read (a restricted marking: the core group and administrators).
    users = list({u.id: u for u in recipients
                  if u is not None and u.active and u.email and can_read_marked(u, record)}.values())
    deliveries = _deliveries(kind, users)
    users = [u for u in users if deliveries[u.id] != "never"]
    if not users:
        return []
    context = dict(context or {})
    link = context.pop("link", None)
    table = getattr(record, "__tablename__", None)
    if link is None and table in LINKS:
        link = LINKS[table](record)
    attachments: dict[str, tuple[bytes | None, str | None]] = {}  # per language: one .ics for each
    if spec.replaces_queued:  # e.g. an invitation link that a newer one has just made invalid
        db.session.execute(db.delete(Notification).where(
            Notification.kind == kind, Notification.status == "queued",
            Notification.user_id.in_([u.id for u in users])))
    rows = []
    for user in users:
        language = language_of(user)
        with force_locale(language):
            subject, text, html = render_message(kind, recipient=user, record=record, link=link or "",
                                                 zone=_zone(user.timezone), **context)
            if spec.attachment is not None and record is not None and language not in attachments:
                attachments[language] = spec.attachment(record)
        attachment, attachment_name = attachments.get(language, (None, None))
        row = Notification(
            kind=kind, user_id=user.id, to_address=user.email, subject=subject, body_text=text, body_html=html,
            link=link or "", attachment=attachment, attachment_name=attachment_name, record_type=table,
            record_id=getattr(record, "id", None), delivery=deliveries[user.id],
            dedup_key=f"{dedup_key}:{user.id}" if dedup_key else None,
        )
        db.session.add(row)
        rows.append(row)
    return rows


def notify_once(kind: str, users: list[User], record: object, key: str) -> int:
    """For periodic producers: queue ``kind`` for the users who have not had ``key`` yet (each row carries
    ``<key>:<user id>``, unique in the table), so running the command again, or two at once, never produces a
    message twice; a concurrent run's rows win."""
    keys = {f"{key}:{u.id}": u for u in users}
    if not keys:
        return 0
    done = set(db.session.scalars(db.select(Notification.dedup_key).where(Notification.dedup_key.in_(keys))))
    waiting = [u for k, u in keys.items() if k not in done]
    if not waiting:
        return 0
    try:
        with db.session.begin_nested():
            rows = notify(kind, waiting, record, dedup_key=key)
            db.session.flush()
    except IntegrityError:
        return 0
    return len(rows)


def refused_addresses() -> list[str]:
    return list(db.session.scalars(db.select(RefusedAddress.address)))
