"""Every record's state machine is a workflow of app.core.workflow, registered under its audit record type."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core import workflow as workflow_module
from app.core.models import AuditEvent
from app.core.workflow import NotAllowed, Transition, Workflow, WrongState, registered, workflow_for
from app.meetings import permissions as meeting_permissions
from app.meetings.actions import set_action_status
from app.meetings.models import Meeting, MeetingAction
from app.meetings.services import convening_term
from app.meetings.workflow import MEETING_ACTION_WORKFLOW, MEETING_WORKFLOW
from app.obstacles.models import Obstacle
from app.obstacles.workflow import OBSTACLE_WORKFLOW
from app.practices.models import BestPractice
from app.practices.workflow import PRACTICE_WORKFLOW
from app.roster.models import Expert, Nomination, TrainerProposal, TrainingActivity
from app.roster.personal_data import erase_expert
from app.roster.services import RosterError, reconfirm, retire
from app.roster.workflow import EXPERT_WORKFLOW, NOMINATION_WORKFLOW, PROPOSAL_WORKFLOW, TRAINING_WORKFLOW
from tests.factories import organisation

# Record type (the audit log's record_type, i.e. the table name) -> the model and its workflow.
EXPECTED = {
    "obstacles": (Obstacle, OBSTACLE_WORKFLOW),
    "best_practices": (BestPractice, PRACTICE_WORKFLOW),
    "meetings": (Meeting, MEETING_WORKFLOW),
    "meeting_actions": (MeetingAction, MEETING_ACTION_WORKFLOW),
    "nominations": (Nomination, NOMINATION_WORKFLOW),
    "training_activities": (TrainingActivity, TRAINING_WORKFLOW),
    "training_trainers": (TrainerProposal, PROPOSAL_WORKFLOW),
    "experts": (Expert, EXPERT_WORKFLOW),
}


def _events(db, record, action):
    return db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.record_type == record.__tablename__, AuditEvent.record_id == record.id,
        AuditEvent.action == action).order_by(AuditEvent.id)).all()


# The registry ------------------------------------------------------------------------------------------

def test_every_record_type_with_states_has_its_workflow_registered(app):
    workflows = registered()
    assert set(EXPECTED) <= set(workflows)
    for record_type, (model, workflow) in EXPECTED.items():
        assert model.__tablename__ == record_type
        assert workflows[record_type] is workflow
        assert workflow_for(model) is workflow
        assert workflow_for(record_type) is workflow


@pytest.mark.parametrize("record_type", sorted(EXPECTED))
def test_each_workflow_starts_in_one_of_its_states_and_reaches_every_state(app, record_type):
    workflow = registered()[record_type]
    assert workflow.name == record_type
    assert workflow.initial in workflow.states
    assert workflow.reachable() == set(workflow.states), "a state no record can get to"
    assert workflow.closed <= set(workflow.states)
    assert workflow.initial in workflow.open_states
    assert workflow.open_states == set(workflow.states) - workflow.closed
    assert workflow.in_progress == workflow.open_states - {workflow.initial}


def test_the_sets_declared_where_the_workflow_cannot_be_imported_agree_with_it():
    # obstacles.models and meetings.permissions sit below the workflow modules (which import them).
    assert {s for s in OBSTACLE_WORKFLOW.states if Obstacle(status=s).is_open} == OBSTACLE_WORKFLOW.open_states
    assert {s for s in MEETING_WORKFLOW.states if meeting_permissions.is_editable(Meeting(status=s))} == {
        "planned", "convened"}
    assert meeting_permissions.AFTER_THE_MEETING <= MEETING_WORKFLOW.closed


def test_a_workflow_registers_itself_and_a_redeclaration_replaces_it(monkeypatch):
    monkeypatch.setattr(workflow_module, "_REGISTRY", dict(registered()))
    first = Workflow("papers", {"draft": "Draft", "done": "Done"},
                     [Transition("finish", frozenset({"draft"}), "done", "Finish", lambda user, obj: True)],
                     initial="draft", closed=frozenset({"done"}))
    assert registered()["papers"] is first
    assert first.open_states == {"draft"}
    again = Workflow("papers", {"draft": "Draft"}, initial="draft")
    assert registered()["papers"] is again
    with pytest.raises(ValueError, match="initial state"):
        Workflow("bad", {"a": "A"}, initial="b")
    with pytest.raises(ValueError, match="closed names unknown states"):
        Workflow("bad", {"a": "A"}, initial="a", closed=frozenset({"z"}))
    assert "bad" not in registered()
    with pytest.raises(LookupError):
        workflow_for("no_such_records")


# The expert's lifecycle --------------------------------------------------------------------------------

def _expert(db) -> Expert:
    expert = Expert(organisation=organisation("IT"), name="Anna Rossi", email="anna.rossi@example.org",
                    accepted_on=date(2026, 1, 10), review_by=date(2026, 1, 10) + timedelta(days=700))
    db.session.add(expert)
    db.session.commit()
    return expert


def test_the_expert_lifecycle_goes_through_its_workflow(app, db, make_user):
    core, member, admin = make_user("core-group", "DE"), make_user("member", "IT"), make_user("admin", "GSC")
    expert = _expert(db)
    assert EXPERT_WORKFLOW.state(expert) == EXPERT_WORKFLOW.initial == "active"
    with pytest.raises(NotAllowed):
        retire(member, expert, "Not mine to retire")
    retire(core, expert, "Left the police.")
    assert expert.status == "retired"
    (event,) = _events(db, expert, "retire")
    assert (event.from_state, event.to_state, event.note, event.actor_id) == (
        "active", "retired", "Left the police.", core.id)
    with pytest.raises(RosterError, match="This expert is already retired."):
        retire(core, expert, "Twice")
    with pytest.raises(WrongState):
        EXPERT_WORKFLOW.apply(core, expert, "retire")
    reconfirm(core, expert)
    assert expert.status == "active"
    (event,) = _events(db, expert, "reconfirm")
    assert (event.from_state, event.to_state) == ("retired", "active")
    assert event.changes["review_by"][1] == expert.review_by.isoformat()
    with pytest.raises(NotAllowed):
        erase_expert(core, expert)  # administrators only
    erase_expert(admin, expert)
    db.session.commit()
    assert (EXPERT_WORKFLOW.state(expert), expert.status, expert.name) == (
        "erased", "retired", f"Erased expert #{expert.id}")
    assert expert.erased_at is not None
    (event,) = _events(db, expert, "erase")
    assert (event.from_state, event.to_state, event.actor_id) == ("active", "erased", admin.id)
    for action in ("reconfirm", "retire", "erase"):
        with pytest.raises(WrongState):
            EXPERT_WORKFLOW.apply(admin, expert, action)


# Meeting actions ---------------------------------------------------------------------------------------

def _meeting_action(db, owner: str = "IT") -> MeetingAction:
    starts_at = datetime(2025, 5, 14, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw")).astimezone(UTC)
    meeting = Meeting(title="Warsaw meeting", starts_at=starts_at, ends_at=starts_at + timedelta(hours=6),
                      timezone="Europe/Warsaw", status="held",
                      presidency_term=convening_term(starts_at, "Europe/Warsaw"))
    action = MeetingAction(meeting=meeting, owner=organisation(owner), description="Share the SPOC manual",
                           status=MEETING_ACTION_WORKFLOW.initial)
    db.session.add_all([meeting, action])
    db.session.commit()
    return action


def test_marking_a_meeting_action_done_and_reopening_it_go_through_its_workflow(app, db, make_user):
    owner, stranger = make_user("member", "IT"), make_user("member", "ES")
    action = _meeting_action(db)
    set_action_status(owner, action, "done")
    assert action.status == "done"
    (event,) = _events(db, action, "done")
    assert (event.from_state, event.to_state, event.actor_id) == ("open", "done", owner.id)
    with pytest.raises(WrongState, match="This action is already done.") as refused:
        set_action_status(owner, action, "done")
    assert refused.value.status == 409
    with pytest.raises(NotAllowed) as refused:
        set_action_status(stranger, action, "open")
    assert refused.value.status == 403
    set_action_status(owner, action, "open")
    assert action.status == "open"
    (event,) = _events(db, action, "reopen")
    assert (event.from_state, event.to_state) == ("done", "open")
    with pytest.raises(WrongState, match="This action is already open."):
        set_action_status(owner, action, "open")
