"""One workflow mechanism for every record type.

A record type declares its states and transitions as data; :meth:`Workflow.apply` checks that the
action exists, that the record is in a state it leaves from, that the user may take it, and that a
required note is given, then moves the record and writes the audit event. Views never touch
``status`` themselves.

Every workflow is named by its record type (the table name :func:`app.core.audit.record` files the record's
events under) and registers itself on construction, so that the audit log, the tests and anyone else can list
them (:func:`registered`) or find a record's (:func:`workflow_for`) without importing each module.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.core import audit
from app.core.i18n import _, _l

Guard = Callable[[Any, Any], bool]
StateReader = Callable[[Any], str]
StateWriter = Callable[[Any, str], None]


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
    # What WrongState says when the record is in none of ``sources``; by default the generic message.
    wrong_state_message: str | None = None


_REGISTRY: dict[str, "Workflow"] = {}


@dataclass
class Workflow:
    name: str  # the record type: the table name the audit log files the record's events under
    states: dict[str, str]  # state -> human label, in display order
    transitions: list[Transition] = field(default_factory=list)
    initial: str = field(kw_only=True)  # the state a new record starts in
    # The states a record's life is over in (it may still leave some: a done action is reopened).
    closed: frozenset[str] = field(default=frozenset(), kw_only=True)
    state_attr: str = field(default="status", kw_only=True)
    # For a state that is not one column: how to read it from the record and write it on the record.
    read_state: StateReader | None = field(default=None, kw_only=True)
    write_state: StateWriter | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        if self.initial not in self.states:
            raise ValueError(f"{self.name}: the initial state {self.initial!r} is not one of its states")
        unknown_closed = self.closed - self.states.keys()
        if unknown_closed:
            raise ValueError(f"{self.name}: closed names unknown states {unknown_closed}")
        by_action: dict[str, Transition] = {}
        for t in self.transitions:
            unknown = (t.sources | {t.target}) - self.states.keys()
            if unknown:
                raise ValueError(f"{self.name}: transition {t.action} names unknown states {unknown}")
            if t.action in by_action:
                raise ValueError(f"{self.name}: action {t.action} declared twice")
            by_action[t.action] = t
        self._by_action = by_action
        _REGISTRY[self.name] = self  # a re-import replaces the old declaration

    @property
    def open_states(self) -> frozenset[str]:
        """The states a record is still open in: every state but the closed ones."""
        return frozenset(self.states) - self.closed

    @property
    def in_progress(self) -> frozenset[str]:
        """The open states past the initial one: the record has moved on and is not closed yet."""
        return self.open_states - {self.initial}

    def reachable(self) -> frozenset[str]:
        """The states a new record can get to, its initial state included."""
        seen, todo = {self.initial}, [self.initial]
        while todo:
            state = todo.pop()
            for t in self.transitions:
                if state in t.sources and t.target not in seen:
                    seen.add(t.target)
                    todo.append(t.target)
        return frozenset(seen)

    def state(self, obj: Any) -> str:
        return self.read_state(obj) if self.read_state else getattr(obj, self.state_attr)

    def transition(self, action: str) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise UnknownAction(_("There is no action “%(action)s”.", action=action)) from None

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    def available(self, user: Any, obj: Any) -> list[Transition]:
        """The transitions ``user`` may take on ``obj`` now (for showing buttons)."""
        state = self.state(obj)
        return [t for t in self.transitions if state in t.sources and t.allowed(user, obj)]

    def can(self, user: Any, obj: Any, action: str) -> bool:
        t = self._by_action.get(action)
        return bool(t and self.state(obj) in t.sources and t.allowed(user, obj))

    def check(self, user: Any, obj: Any, action: str) -> Transition:
        """The transition if ``user`` may take it on ``obj`` now; else the :class:`WorkflowError` that says why.

        Who may act is asked before the state: someone who may not take the action is refused (403) whatever
        state the record is in, and learns nothing of that state; only someone who may take it hears that the
        record is not in a state it leaves from (409). Guards therefore say who may act, not when."""
        t = self.transition(action)
        if not t.allowed(user, obj):
            raise NotAllowed(_("You are not allowed to do this."))
        state = self.state(obj)
        if state not in t.sources:
            raise WrongState(str(t.wrong_state_message) if t.wrong_state_message else
                             _("This cannot be done while the record is “%(state)s”.", state=self.label(state)))
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
        state = self.state(obj)
        note = (note or "").strip() or None
        if t.note_required and not note:
            raise NoteRequired(_("%(field)s is required.", field=t.note_label))
        if self.write_state:
            self.write_state(obj, t.target)
        else:
            setattr(obj, self.state_attr, t.target)
        audit.record(user, obj, t.action, from_state=state, to_state=t.target, changes=changes, note=note)
        return t


def registered() -> dict[str, Workflow]:
    """Every declared workflow, by record type (the audit log's ``record_type``)."""
    return dict(_REGISTRY)


def workflow_for(record: Any) -> Workflow:
    """The workflow of a record, a model class or a record type (for modules its workflow module imports)."""
    record_type = record if isinstance(record, str) else record.__tablename__
    try:
        return _REGISTRY[record_type]
    except KeyError:
        raise LookupError(f"no workflow is declared for {record_type!r} (is its workflow module imported?)") from None
