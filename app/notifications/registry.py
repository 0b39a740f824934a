"""What a module registers with notifications, so this package imports no module above it.

- :func:`notification_kind`: a kind of message it sends with ``notify(kind, ...)``, its label on the settings
  page, its default delivery and, for meetings, the ``.ics`` it attaches;
- :func:`record_link`: the page a message about one of its records links back to;
- :func:`periodic`: a producer that `flask notifications send` runs each time (reminders, actions falling due).

Each module does this in its own ``notifications.py``, imported by its ``__init__``; the settings page lists
the kinds in the order they were registered.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

Attachment = Callable[[Any], tuple[bytes, str]]  # record -> (content, file name), in the current language


@dataclass(frozen=True)
class Kind:
    label: Any  # a lazy string
    default: str  # "immediate" | "digest" | "never"
    choosable: bool = True
    attachment: Attachment | None = None
    replaces_queued: bool = False  # a new message makes the recipient's unsent one of this kind useless


KINDS: dict[str, Kind] = {}
LINKS: dict[str, Callable[[Any], str]] = {}
PRODUCERS: list[Callable[[datetime], int]] = []


def notification_kind(name: str, kind: Kind) -> None:
    KINDS[name] = kind


def record_link(table: str, link: Callable[[Any], str]) -> None:
    """``link(record)`` is the absolute URL of the page of a record of ``table``."""
    LINKS[table] = link


def periodic(producer: Callable[[datetime], int]) -> Callable[[datetime], int]:
    """Register ``producer(now) -> number queued`` (a decorator); it queues with ``notify_once``."""
    if producer not in PRODUCERS:
        PRODUCERS.append(producer)
    return producer


def choosable() -> list[str]:
    """The kinds a user may choose a delivery for, in the order of the settings page."""
    return [name for name, kind in KINDS.items() if kind.choosable]
