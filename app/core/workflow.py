"""One workflow mechanism for every record type.

A record type declares its states and transitions as data; :meth:`Workflow.apply` checks that the
action exists, that the record is in a state it leaves from, that the user may take it, and that a
required note is given, then moves the record and writes the audit event. Views never touch
``status`` themselves.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app.core import audit
from app.core.i18n import _, _l

Guard = Callable[[Any, Any], bool]


class WorkflowError(Exception):
    """A transition that cannot be taken; ``status`` is the HTTP status a view should answer with."""

    status = 409


class UnknownAction(WorkflowError):
    status = 404


class NotAllowed(WorkflowError):
    status = 403


class WrongState(WorkflowError):
    status = 409


class NoteRequired(WorkflowError):
    status = 400


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    label: str
    allowed: Guard
    note_required: bool = False
    note_label: str = _l("Note")


@dataclass
class Workflow:
    name: str
    states: dict[str, str]  # state -> human label, in display order
    transitions: list[Transition] = field(default_factory=list)
    state_attr: str = "status"

    def __post_init__(self) -> None:
        by_action: dict[str, Transition] = {}
        for t in self.transitions:
            unknown = (t.sources | {t.target}) - self.states.keys()
            if unknown:
                raise ValueError(f"{self.name}: transition {t.action} names unknown states {unknown}")
            if t.action in by_action:
                raise ValueError(f"{self.name}: action {t.action} declared twice")
            by_action[t.action] = t
        self._by_action = by_action

    def transition(self, action: str) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise UnknownAction(_("There is no action “%(action)s”.", action=action)) from None

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    def available(self, user: Any, obj: Any) -> list[Transition]:
        """The transitions ``user`` may take on ``obj`` now (for showing buttons)."""
        state = getattr(obj, self.state_attr)
        return [t for t in self.transitions if state in t.sources and t.allowed(user, obj)]

    def can(self, user: Any, obj: Any, action: str) -> bool:
        t = self._by_action.get(action)
        return bool(t and getattr(obj, self.state_attr) in t.sources and t.allowed(user, obj))

    def check(self, user: Any, obj: Any, action: str) -> Transition:
        """The transition if ``user`` may take it on ``obj`` now; else the :class:`WorkflowError` that says why."""
        t = self.transition(action)
        state = getattr(obj, self.state_attr)
        if state not in t.sources:
            raise WrongState(_("This cannot be done while the record is “%(state)s”.", state=self.label(state)))
        if not t.allowed(user, obj):
            raise NotAllowed(_("You are not allowed to do this."))
        return t

    def apply(
        self,
        user: Any,
        obj: Any,
        action: str,
        *,
        note: str | None = None,
        changes: dict[str, Any] | None = None,
    ) -> Transition:
        """Check and take one transition, and audit it. Raises a :class:`WorkflowError` subclass."""
        t = self.check(user, obj, action)
        state = getattr(obj, self.state_attr)
        note = (note or "").strip() or None
        if t.note_required and not note:
            raise NoteRequired(_("%(field)s is required.", field=t.note_label))
        setattr(obj, self.state_attr, t.target)
        audit.record(user, obj, t.action, from_state=state, to_state=t.target, changes=changes, note=note)
        return t

    def open_states(self, closed: Iterable[str]) -> frozenset[str]:
        return frozenset(self.states) - frozenset(closed)
