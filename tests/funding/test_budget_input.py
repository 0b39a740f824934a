"""Adding, changing and removing budget lines: what is stored (in cents), what the history says, and every bad
input refused with its message next to the field, the typed text kept and nothing written."""

import re

import pytest

from app.core.models import AuditEvent
from app.extensions import db
from app.funding.models import BudgetLine
from tests.factories import in_french
from tests.factories_funding import source
from tests.i18n.checks import english_left, stored_text


@pytest.fixture
def meeting(make_meeting):
    return make_meeting(status="convened", title="Autumn meeting")  # the NL Presidency's (2029 H2)


@pytest.fixture
def organiser(login_as):
    return login_as("member", "NL")


def _form(**changes):
    data = {"line-item": "Venue and interpretation", "line-planned": "12 345,50", "line-actual": "",
            "line-source_id": "", "line-application_id": ""}
    data.update({f"line-{name}": value for name, value in changes.items()})
    return data


def _add(client, meeting, **changes):
    return client.post(f"/funding/budget/meetings/{meeting.id}/lines", data=_form(**changes))


def _events(activity, action):
    return db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.record_type == activity.__tablename__, AuditEvent.record_id == activity.id,
        AuditEvent.action == action)).all()


def _error(page: str, name: str) -> str:
    match = re.search(rf'<p class="error" id="line-{name}-error">(.*?)</p>', page, re.S)
    assert match, f"no message next to {name}"
    return match.group(1)


def _value(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="line-{name}"[^>]*value="([^"]*)"', page).group(1)


def test_the_organiser_adds_a_line_and_the_meeting_history_says_so(meeting, organiser):
    response = _add(organiser, meeting, planned="12 345,50", actual="12.000,10",
                    source_id=str(source("isf_union").id))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}#budget")
    line = db.session.scalar(db.select(BudgetLine))
    assert (line.meeting_id, line.item, line.planned_cents, line.actual_cents) == (
        meeting.id, "Venue and interpretation", 1_234_550, 1_200_010)
    assert line.source == source("isf_union")
    assert line.application is None
    (event,) = _events(meeting, "add_budget_line")
    assert event.actor_id == organiser.user.id
    assert event.changes["planned_cents"] == [None, 1_234_550]
    page = organiser.get(f"/meetings/{meeting.id}").data.decode()
    assert "The budget line “Venue and interpretation” is added." in page
    assert "budget line added" in page  # in the meeting's history


def test_a_training_line_goes_on_the_training(make_training, login_as):
    training = make_training()
    response = login_as("core-group", "DE").post(f"/funding/budget/trainings/{training.id}/lines",
                                                 data=_form(item="Trainers' travel", planned="800"))
    assert response.headers["Location"].endswith(f"/trainings/{training.id}#budget")
    line = db.session.scalar(db.select(BudgetLine))
    assert (line.training_id, line.meeting_id, line.planned_cents) == (training.id, None, 80_000)
    assert len(_events(training, "add_budget_line")) == 1


def test_a_line_paid_through_an_application(meeting, organiser, make_application):
    application = make_application(kind="cepol")
    assert _add(organiser, meeting, application_id=str(application.id)).status_code == 303
    line = db.session.scalar(db.select(BudgetLine))
    assert line.application == application
    assert line.source is None
    assert line.payer == source("cepol")


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("planned", "-5", "An amount cannot be negative."),
    ("planned", "100 000 000,01", "An amount above 100 million euro is surely a mistake."),
    ("planned", "12.345", "An amount in euro has at most two decimals (cents)"),  # in English, "." marks decimals
    ("planned", "12.345,678", "An amount in euro has at most two decimals (cents)"),
    ("planned", "0.125", "An amount in euro has at most two decimals (cents)"),
    ("planned", "twelve", "Write an amount in euro, for example 12 500 or 12 500,50."),
    ("planned", "", "Give the planned amount (0 if nothing is planned yet)."),
    ("actual", "-0,01", "An amount cannot be negative."),
    ("actual", "250 000 000", "An amount above 100 million euro is surely a mistake."),
    ("actual", "3,14159", "An amount in euro has at most two decimals (cents)"),
    ("item", "", "This field is required."),
    ("item", "x" * 201, "Field cannot be longer than 200 characters."),
])
def test_bad_input_is_refused_next_to_its_field_and_nothing_is_written(meeting, organiser, field, typed, message):
    response = _add(organiser, meeting, **{field: typed})
    assert response.status_code == 400
    page = response.data.decode()
    assert message in _error(page, field)
    assert _value(page, field) == typed  # the typed text is kept
    assert _value(page, "item") == ("Venue and interpretation" if field != "item" else typed)
    assert db.session.scalar(db.select(db.func.count(BudgetLine.id))) == 0
    assert not _events(meeting, "add_budget_line")


def test_a_comma_thousand_is_a_thousand_in_english_and_refused_in_french(meeting, organiser):
    assert _add(organiser, meeting, planned="1,000").status_code == 303
    assert db.session.scalar(db.select(BudgetLine.planned_cents)) == 100_000
    in_french(organiser)
    response = _add(organiser, meeting, planned="1,000")  # "1,000" in French reads as one euro and three decimals
    assert response.status_code == 400
    assert "Un montant en euros a au plus deux décimales" in _error(response.data.decode(), "planned")


def test_bad_input_is_explained_in_french(meeting, organiser):
    in_french(organiser)
    response = _add(organiser, meeting, planned="-12", actual="1 000 000 000")
    page = response.data.decode()
    assert response.status_code == 400
    assert _error(page, "planned") == "Un montant ne peut pas être négatif."
    assert _error(page, "actual") == "Un montant supérieur à 100 millions d’euros est sûrement une erreur."
    assert (_value(page, "planned"), _value(page, "actual")) == ("-12", "1 000 000 000")


def test_a_source_and_an_application_together_are_refused(meeting, organiser, make_application):
    application = make_application()
    response = _add(organiser, meeting, source_id=str(source("national").id), application_id=str(application.id))
    assert response.status_code == 400
    page = response.data.decode()
    assert "Choose either a funding source or an application, not both" in _error(page, "application_id")
    assert f'<option selected value="{application.id}">' in page  # both choices are kept
    assert db.session.scalar(db.select(db.func.count(BudgetLine.id))) == 0


def test_a_retired_source_or_a_rejected_application_is_not_offered(meeting, organiser, make_application):
    retired = source("other")
    retired.active = False
    rejected = make_application("Refused application", status="rejected")
    db.session.commit()
    page = organiser.get(f"/meetings/{meeting.id}").data.decode()
    offered = re.search(r'<select id="line-source_id".*?</select>', page, re.S).group(0)
    assert f'<option value="{retired.id}">' not in offered
    assert f'<option value="{source("cepol").id}">' in offered
    assert "Refused application" not in page
    response = _add(organiser, meeting, source_id=str(retired.id))
    assert response.status_code == 400
    assert "Not a valid choice" in _error(response.data.decode(), "source_id")
    response = _add(organiser, meeting, application_id=str(rejected.id))
    assert response.status_code == 400
    assert "Not a valid choice" in _error(response.data.decode(), "application_id")
    assert db.session.scalar(db.select(db.func.count(BudgetLine.id))) == 0


@pytest.mark.parametrize("kind", ["meeting", "training"])
def test_a_cancelled_activity_takes_planned_lines_but_no_actual_amount(kind, make_meeting, make_training, login_as):
    if kind == "meeting":
        activity = make_meeting(status="cancelled", cancel_reason="The venue is closed.")
        client, url = login_as("member", "NL"), f"/funding/budget/meetings/{activity.id}/lines"
    else:
        activity = make_training(status="cancelled")
        client, url = login_as("core-group", "DE"), f"/funding/budget/trainings/{activity.id}/lines"
    response = client.post(url, data=_form(actual="150"))
    assert response.status_code == 400
    page = response.data.decode()
    assert _error(page, "actual").startswith("A cancelled activity spends nothing more")
    assert _value(page, "actual") == "150"
    assert db.session.scalar(db.select(db.func.count(BudgetLine.id))) == 0
    assert client.post(url, data=_form()).status_code == 303  # the planned line alone is kept
    assert db.session.scalar(db.select(BudgetLine.actual_cents)) is None


def test_editing_a_line_changes_it_and_the_history_says_so(meeting, organiser, make_budget_line):
    line = make_budget_line(meeting, "Venue", planned=500_000, kind="isf_union")
    page = organiser.get(f"/funding/budget/lines/{line.id}/edit").data.decode()
    assert _value(page, "planned") == "5000.00"
    assert _value(page, "item") == "Venue"
    response = organiser.post(f"/funding/budget/lines/{line.id}/edit", data=_form(
        item="Venue", planned="5000.00", actual="4 999,99", source_id=str(source("isf_union").id),
        version=str(line.version)))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}#budget")
    db.session.refresh(line)
    assert (line.planned_cents, line.actual_cents) == (500_000, 499_999)
    (event,) = _events(meeting, "edit_budget_line")
    assert event.changes == {"actual_cents": [None, 499_999]}
    assert event.note == "Venue"


def test_an_edit_saving_nothing_new_records_nothing(meeting, organiser, make_budget_line):
    line = make_budget_line(meeting, "Venue", planned=500_000, kind=None)
    response = organiser.post(f"/funding/budget/lines/{line.id}/edit", data=_form(
        item="Venue", planned="5 000", version=str(line.version)))
    assert response.status_code == 303
    assert not _events(meeting, "edit_budget_line")


def test_a_refused_edit_keeps_the_text_and_the_line(meeting, organiser, make_budget_line):
    line = make_budget_line(meeting, "Venue", planned=500_000)
    response = organiser.post(f"/funding/budget/lines/{line.id}/edit", data=_form(
        item="Venue", planned="5000,001", version=str(line.version)))
    assert response.status_code == 400
    page = response.data.decode()
    assert _value(page, "planned") == "5000,001"
    assert f'action="/funding/budget/lines/{line.id}/edit"' in page
    db.session.refresh(line)
    assert line.planned_cents == 500_000
    assert not _events(meeting, "edit_budget_line")


def test_an_edit_made_on_an_old_version_is_not_saved_over_a_newer_one(meeting, organiser, make_budget_line):
    line = make_budget_line(meeting, "Venue", planned=500_000)
    old = str(line.version)
    assert organiser.post(f"/funding/budget/lines/{line.id}/edit", data=_form(
        item="Venue", planned="6000", version=old)).status_code == 303
    response = organiser.post(f"/funding/budget/lines/{line.id}/edit", data=_form(
        item="Venue", planned="7000", version=old))
    assert response.status_code == 409
    assert "Someone saved this line while you were editing it." in response.data.decode()
    db.session.refresh(line)
    assert line.planned_cents == 600_000


def test_an_actual_recorded_before_the_cancellation_may_stay_but_not_change(meeting, organiser, make_budget_line):
    line = make_budget_line(meeting, "Deposit", planned=100_000, actual=50_000)
    meeting.status = "cancelled"
    db.session.commit()
    url = f"/funding/budget/lines/{line.id}/edit"
    response = organiser.post(url, data=_form(item="Deposit", planned="1000", actual="600", version=str(line.version)))
    assert response.status_code == 400
    assert _error(response.data.decode(), "actual").startswith("A cancelled activity spends nothing more")
    response = organiser.post(url, data=_form(item="Venue deposit", planned="1000", actual="500",
                                              version=str(line.version)))
    assert response.status_code == 303
    db.session.refresh(line)
    assert (line.item, line.actual_cents) == ("Venue deposit", 50_000)


def test_removing_asks_first_then_removes_and_the_history_says_so(meeting, organiser, make_budget_line):
    line_id = make_budget_line(meeting, "Badges", planned=2_000).id
    page = organiser.get(f"/funding/budget/lines/{line_id}/remove").data.decode()
    assert "Remove the budget line “Badges”?" in page
    assert '<button type="submit" class="button button-danger">Remove the line</button>' in page
    assert db.session.get(BudgetLine, line_id) is not None  # asking removes nothing
    response = organiser.post(f"/funding/budget/lines/{line_id}/remove")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}#budget")
    db.session.expire_all()
    assert db.session.get(BudgetLine, line_id) is None
    (event,) = _events(meeting, "remove_budget_line")
    assert event.changes["planned_cents"] == [2_000, None]
    assert event.note == "Badges"
    page = organiser.get(f"/meetings/{meeting.id}").data.decode()
    assert "The budget line “Badges” is removed." in page
    assert "budget line removed" in page
    assert organiser.post(f"/funding/budget/lines/{line_id}/remove").status_code == 404


def test_a_line_item_that_looks_like_case_data_needs_a_confirmation(meeting, organiser):
    response = _add(organiser, meeting, item="Flight for the holder of passport number X1234567")
    assert response.status_code == 400
    assert "Nothing is saved yet: this text looks like operational personal data." in response.data.decode()
    assert db.session.scalar(db.select(db.func.count(BudgetLine.id))) == 0
    response = _add(organiser, meeting, item="Flight for the holder of passport number X1234567",
                    guard_warned="1", confirm_operational_data="y")
    assert response.status_code == 303
    assert len(_events(meeting, "confirm_guard")) == 1


def test_the_history_of_budget_changes_reads_in_french(meeting, organiser, make_application):
    in_french(organiser)
    application = make_application("Réunions du réseau", kind="national")
    response = _add(organiser, meeting, item="Salle", planned="1 000", application_id=str(application.id))
    assert response.status_code == 303
    line = db.session.scalar(db.select(BudgetLine))
    assert organiser.post(f"/funding/budget/lines/{line.id}/edit", data=_form(
        item="Salle", planned="1 200", actual="1 150,50", version=str(line.version))).status_code == 303
    assert organiser.post(f"/funding/budget/lines/{line.id}/remove").status_code == 303
    page = organiser.get(f"/meetings/{meeting.id}").data.decode()
    history = page[page.index('<section class="history"'):]
    assert "ligne budgétaire ajoutée" in history
    assert "modifié : montant prévu, montant réel, demande de financement" in history  # the application cleared
    assert "ligne budgétaire supprimée" in history
    assert "La ligne budgétaire « Salle » est supprimée." in page
    assert not english_left(history, stored_text())
