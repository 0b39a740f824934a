from dataclasses import dataclass

import pytest

from app.core.models import AuditEvent
from app.core.workflow import NotAllowed, NoteRequired, Transition, UnknownAction, Workflow, WrongState


@dataclass
class Paper:
    """A stand-in record: the mechanism only needs an id, a table name and a status."""

    id: int
    status: str = "draft"
    __tablename__ = "papers"


def _everyone(user, obj):
    return True


def _admins(user, obj):
    return user.is_admin


FLOW = Workflow(
    "papers",
    {"draft": "Draft", "submitted": "Submitted", "archived": "Archived"},
    [
        Transition("submit", frozenset({"draft"}), "submitted", "Submit", _everyone),
        Transition("archive", frozenset({"draft", "submitted"}), "archived", "Archive", _admins,
                   note_required=True, note_label="Reason"),
    ],
    initial="draft",
)


def test_transition_moves_the_record_and_audits_it(app, db, make_user):
    user = make_user()
    paper = Paper(id=7)
    FLOW.apply(user, paper, "submit", note="ready")
    db.session.commit()
    assert paper.status == "submitted"
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.record_type == "papers"))
    assert (event.record_id, event.action, event.from_state, event.to_state, event.note, event.actor_id) == (
        7, "submit", "draft", "submitted", "ready", user.id)


def test_wrong_state_unknown_action_missing_permission_and_missing_note_are_refused(app, db, make_user):
    member, admin = make_user(), make_user("admin", "GSC")
    paper = Paper(id=1, status="submitted")
    with pytest.raises(WrongState):
        FLOW.apply(member, paper, "submit")
    with pytest.raises(UnknownAction):
        FLOW.apply(member, paper, "publish")
    with pytest.raises(NotAllowed):
        FLOW.apply(member, paper, "archive", note="old")
    with pytest.raises(NoteRequired, match="Reason is required"):
        FLOW.apply(admin, paper, "archive", note="   ")
    assert paper.status == "submitted"
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == 0
    FLOW.apply(admin, paper, "archive", note="superseded")
    assert paper.status == "archived"


def test_available_lists_only_what_this_user_may_do_now(app, make_user):
    member, admin = make_user(), make_user("admin", "GSC")
    draft = Paper(id=1)
    assert [t.action for t in FLOW.available(member, draft)] == ["submit"]
    assert [t.action for t in FLOW.available(admin, draft)] == ["submit", "archive"]
    assert FLOW.can(admin, draft, "archive")
    assert not FLOW.can(member, draft, "archive")


def test_a_workflow_naming_unknown_states_is_refused_at_import():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow("bad", {"a": "A"}, [Transition("go", frozenset({"a"}), "b", "Go", _everyone)], initial="a")
