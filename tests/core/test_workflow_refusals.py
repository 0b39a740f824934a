"""Who may act is asked before the state (#24): for every action of every registered workflow, someone who may not
take it is refused (403) in a state the action does not leave from, and learns nothing of that state; someone who
may take it is told the state does not allow it (409). Each action is posted to its page, as a browser would."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

# The modules that register the application's workflows.
import app.funding.workflow  # noqa: F401
import app.meetings.workflow  # noqa: F401
import app.obstacles.workflow  # noqa: F401
import app.practices.workflow  # noqa: F401
import app.roster.workflow  # noqa: F401
from app.core.timezones import today
from app.core.workflow import NotAllowed, WrongState, registered
from app.network.services import presidency_on
from app.roster.models import TrainerProposal
from tests.core.test_workflow import FLOW, Paper
from tests.factories import PAST, action


def _application_workflows() -> dict[str, Any]:
    """The workflows the application declares (tests declare stand-ins of their own, with guards in tests/)."""
    return {name: workflow for name, workflow in registered().items()
            if all(t.allowed.__module__.startswith("app.") for t in workflow.transitions)}


ACTIONS = sorted((name, t.action) for name, workflow in _application_workflows().items()
                 for t in workflow.transitions)


@dataclass
class Case:
    """A record in ``state`` (one the action does not leave from), made by ``make(world, state)``; ``path`` posts
    the action (None: no page takes it, it is checked on the workflow itself); who may take it and who may not,
    as (role, organisation code)."""

    state: str
    make: Any
    path: Any
    permitted: tuple[str, str]
    refused: tuple[str, str]
    data: dict[str, str] | None = None


def _bystander() -> str:
    """A Member State that neither reports nor holds the Presidency today: it steers nothing."""
    presidency = presidency_on(today())
    return next(code for code in ("FR", "ES", "PT") if presidency is None or presidency.organisation.code != code)


def _obstacle(w, state):
    return w.make_obstacle("IT", status=state)


def _practice(w, state):
    return w.make_practice("IT", status=state)


def _meeting(w, state):
    return w.make_meeting(status=state)  # 2029 H2: the Netherlands convene it


def _meeting_action(w, state):
    return action(w.make_meeting(start=PAST, status="held"), owner="IT", status=state)


def _nomination(w, state):
    return w.make_nomination("IT", status=state)


def _training(w, state):
    return w.make_training(status=state)


def _proposal(w, state):
    training = w.make_training(trainers=(w.make_expert("IT"),))
    proposal = w.db.session.scalars(
        w.db.select(TrainerProposal).where(TrainerProposal.training_id == training.id)).one()
    proposal.status = state
    w.db.session.commit()
    return proposal


def _expert(w, state):
    if state != "erased":
        return w.make_expert("IT", status=state)
    expert = w.make_expert("IT", status="retired")
    expert.erased_at = datetime.now(UTC)
    w.db.session.commit()
    return expert


def _application(w, state):
    return w.make_application(lead="IT", status=state)


def _round(w, state):
    return w.make_round(status=state)


def _answer(w, state):
    return w.make_answer(w.make_round(), "IT", {"FR": {}}, status=state)


def _path(collection, step):
    """The address of ``step`` on a record of ``collection`` (e.g. /obstacles/7/discuss)."""
    return lambda r: f"/{collection}/{r.id}/{step}"


def _proposal_path(step):
    return lambda r: f"/trainings/{r.training_id}/trainers/{r.id}/{step}"


REPORTER, CORE, ADMIN = ("member", "IT"), ("core-group", "DE"), ("admin", "GSC")
BYSTANDER = ("member", "bystander")  # resolved to a code by _bystander()
NL = ("member", "NL")  # the Presidency that convenes the 2029 H2 meetings
HEAD = ("head", "IT")  # a member of IT designated its Head of SPOC

CASES: dict[tuple[str, str], Case] = {
    ("obstacles", "discuss"): Case("closed", _obstacle, _path("obstacles", "discuss"), REPORTER, BYSTANDER),
    ("obstacles", "agree_action"): Case("reported", _obstacle, _path("obstacles", "agree-action"), REPORTER, BYSTANDER),
    ("obstacles", "resolve"): Case("reported", _obstacle, _path("obstacles", "resolve"), REPORTER, BYSTANDER,
                                   {"note": "Fixed."}),
    ("obstacles", "close"): Case("resolved", _obstacle, _path("obstacles", "close"), REPORTER, BYSTANDER,
                                 {"note": "No longer relevant."}),
    ("best_practices", "submit"): Case("endorsed", _practice, _path("practices", "submit"), REPORTER, BYSTANDER),
    ("best_practices", "endorse"): Case("archived", _practice, _path("practices", "endorse"), ADMIN, BYSTANDER),
    ("best_practices", "archive"): Case("archived", _practice, _path("practices", "archive"), REPORTER, BYSTANDER,
                                        {"note": "Superseded."}),
    ("meetings", "convene"): Case("cancelled", _meeting, _path("meetings", "convene"), NL, BYSTANDER),
    ("meetings", "hold"): Case("cancelled", _meeting, _path("meetings", "hold"), NL, BYSTANDER),
    ("meetings", "publish_minutes"): Case("cancelled", _meeting, _path("meetings", "publish_minutes"), NL, BYSTANDER),
    ("meetings", "cancel"): Case("cancelled", _meeting, _path("meetings", "cancel"), NL, BYSTANDER,
                                 {"reason": "No quorum."}),
    ("meeting_actions", "done"): Case("done", _meeting_action,
                                      lambda r: f"/meetings/{r.meeting_id}/actions/{r.id}/done", REPORTER, BYSTANDER),
    ("meeting_actions", "reopen"): Case("open", _meeting_action,
                                        lambda r: f"/meetings/{r.meeting_id}/actions/{r.id}/reopen", REPORTER,
                                        BYSTANDER),
    # A core-group member of the nominee's country may not review or decide (recused): refused whatever the state.
    ("nominations", "start_review"): Case("accepted", _nomination, _path("nominations", "start-review"),
                                          ("core-group", "FR"), ("core-group", "IT")),
    ("nominations", "accept"): Case("submitted", _nomination, _path("nominations", "accept"), ("core-group", "FR"),
                                    ("core-group", "IT")),
    ("nominations", "decline"): Case("submitted", _nomination, _path("nominations", "decline"), ("core-group", "FR"),
                                     ("core-group", "IT"), {"message": "Not enough availability."}),
    ("nominations", "withdraw"): Case("under_review", _nomination, _path("nominations", "withdraw"), REPORTER,
                                      ("core-group", "FR")),
    ("training_activities", "plan"): Case("delivered", _training, _path("trainings", "plan"), CORE, REPORTER),
    ("training_activities", "deliver"): Case("proposed", _training, _path("trainings", "deliver"), CORE, REPORTER),
    ("training_activities", "cancel"): Case("delivered", _training, _path("trainings", "cancel"), CORE, REPORTER,
                                            {"reason": "The trainer is ill."}),
    ("training_trainers", "confirm"): Case("declined", _proposal, _proposal_path("confirm"), CORE, REPORTER),
    ("training_trainers", "decline"): Case("declined", _proposal, _proposal_path("decline"), CORE, REPORTER),
    ("experts", "retire"): Case("retired", _expert, lambda r: f"/experts/{r.id}/retire", CORE, REPORTER),
    ("experts", "reconfirm"): Case("erased", _expert, lambda r: f"/experts/{r.id}/reconfirm", CORE, REPORTER),
    ("experts", "erase"): Case("erased", _expert, lambda r: f"/experts/{r.id}/erase", ADMIN, CORE),
    ("funding_applications", "start_drafting"): Case("submitted", _application,
                                                     _path("funding/applications", "start-drafting"), REPORTER,
                                                     BYSTANDER),
    ("funding_applications", "submit"): Case("idea", _application, _path("funding/applications", "submit"), REPORTER,
                                             BYSTANDER),
    ("funding_applications", "award"): Case("drafting", _application, _path("funding/applications", "award"),
                                            REPORTER, BYSTANDER,
                                            {"amount_awarded": "1 000", "decided_on": "2026-01-05"}),
    ("funding_applications", "reject"): Case("idea", _application, _path("funding/applications", "reject"), REPORTER,
                                             BYSTANDER, {"note": "Not eligible.", "decided_on": "2026-01-05"}),
    ("funding_applications", "withdraw"): Case("rejected", _application, _path("funding/applications", "withdraw"),
                                               REPORTER, BYSTANDER, {"note": "No co-financing."}),
    # Taken when a nomination of someone already on the roster is accepted, never from a page of its own.
    ("experts", "renew_from_nomination"): Case("erased", _expert, None, CORE, REPORTER),
    ("assessment_rounds", "close"): Case("closed", _round, lambda r: f"/assessments/rounds/{r.id}/close", ADMIN,
                                         BYSTANDER),
    # Only the country's Head of SPOC submits; a member of the same country may not.
    ("assessment_answers", "submit_answer"): Case("submitted", _answer, _path("assessments/answers", "submit"), HEAD,
                                                  REPORTER),
    ("assessment_answers", "reopen_answer"): Case("draft", _answer, _path("assessments/answers", "reopen"), ADMIN,
                                                  REPORTER, {"note": "Add Spain"}),
}


@dataclass
class World:
    db: Any
    make_obstacle: Any
    make_practice: Any
    make_meeting: Any
    make_nomination: Any
    make_expert: Any
    make_training: Any
    make_application: Any
    make_round: Any
    make_answer: Any


@pytest.fixture
def world(db, make_obstacle, make_practice, make_meeting, make_nomination, make_expert, make_training,
          make_application, make_round, make_answer):
    return World(db, make_obstacle, make_practice, make_meeting, make_nomination, make_expert, make_training,
                 make_application, make_round, make_answer)


def _who(who: tuple[str, str]) -> tuple[str, str]:
    role, code = who
    return "member" if role == "head" else role, _bystander() if code == "bystander" else code


@pytest.fixture
def person(make_user, make_head):
    """``person(who)``: a new user for (role, code); a "head" is a member designated Head of SPOC."""
    return lambda who: (make_head if who[0] == "head" else (lambda user: user))(make_user(*_who(who)))


@pytest.fixture
def client_of(login_as, make_head):
    """``client_of(who)``: a logged-in client of a new user for (role, code), designated Head if "head"."""

    def client(who):
        logged_in = login_as(*_who(who))
        if who[0] == "head":
            make_head(logged_in.user)
        return logged_in

    return client


def test_every_action_of_every_workflow_has_its_case():
    assert ACTIONS, "no workflow registered"
    assert sorted(CASES) == ACTIONS, "add a Case for each new action (and remove the ones of removed actions)"


@pytest.mark.parametrize(("record_type", "name"), ACTIONS)
def test_who_may_act_is_asked_before_the_state(world, person, client_of, record_type, name):
    case = CASES[(record_type, name)]
    workflow = registered()[record_type]
    assert case.state in workflow.states
    assert case.state not in workflow.transition(name).sources, "the case must be in a state the action refuses"
    record = case.make(world, case.state)
    if case.path is None:
        with pytest.raises(NotAllowed):
            workflow.check(person(case.refused), record, name)
        with pytest.raises(WrongState):
            workflow.check(person(case.permitted), record, name)
        return
    refused = client_of(case.refused).post(case.path(record), data=case.data or {})
    assert refused.status_code == 403, refused.data.decode()[:2000]
    permitted = client_of(case.permitted).post(case.path(record), data=case.data or {})
    assert permitted.status_code == 409, permitted.data.decode()[:2000]
    world.db.session.expire_all()
    assert workflow.state(record) == case.state  # nothing moved


def test_the_mechanism_refuses_who_may_not_act_before_looking_at_the_state(app, make_user):
    member, admin = make_user(), make_user("admin", "GSC")
    archived = Paper(id=3, status="archived")
    with pytest.raises(NotAllowed) as refused:
        FLOW.check(member, archived, "archive")  # an administrator's action, in a state it does not leave
    assert refused.value.status == 403
    assert "Archived" not in str(refused.value)
    with pytest.raises(WrongState) as wrong:
        FLOW.check(admin, archived, "archive")
    assert wrong.value.status == 409
    assert "Archived" in str(wrong.value)
