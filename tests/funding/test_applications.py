"""Funding applications: the list, starting one, its page and its edit, with the bad input each refuses."""

from datetime import datetime, timedelta

import pytest

from app.core.models import AuditEvent
from app.core.timezones import today
from app.extensions import db
from app.funding.models import FundingApplication
from tests.factories import organisation
from tests.factories_funding import application_form, source


def _applications() -> list[FundingApplication]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(FundingApplication).order_by(FundingApplication.id)))


def _in_french(client):
    client.user.language = "fr"
    db.session.commit()
    return client


def _events(application: FundingApplication) -> list[AuditEvent]:
    return list(db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.record_type == "funding_applications", AuditEvent.record_id == application.id)
        .order_by(AuditEvent.id)))


# The list -----------------------------------------------------------------------------------------------------------

def test_the_list_shows_newest_first_with_lead_funder_state_and_amounts(member_client, make_application, make_call):
    call = make_call("Networks of practitioners")
    make_application("Older application", requested=1_234_567)
    make_application("Newer application", status="awarded", requested=5_000_000, awarded=4_000_050, call=call)
    page = member_client.get("/funding/applications/").get_data(as_text=True)
    assert page.index("Newer application") < page.index("Older application")
    assert "€12,345.67" in page
    assert "€50,000.00" in page
    assert "€40,000.50" in page
    assert "Networks of practitioners" in page
    assert "ISF Union actions" in page
    assert "Italy" in page
    assert "Awarded" in page


def test_the_list_shows_the_amounts_in_french(member_client, make_application):
    make_application("Réunions du réseau", requested=1_234_567, status="awarded", awarded=1_000_000)
    page = _in_french(member_client).get("/funding/applications/").get_data(as_text=True)
    assert "12\u202f345,67\xa0€" in page  # Babel's French: a narrow space between thousands, a space before €
    assert "10\u202f000,00\xa0€" in page
    assert "Accordée" in page
    assert "Demandes de financement" in page


def test_the_list_filters_by_state_and_ignores_an_unknown_one(member_client, make_application):
    make_application("An idea")
    make_application("Being drafted", status="drafting")
    page = member_client.get("/funding/applications/?status=drafting").get_data(as_text=True)
    assert "Being drafted" in page
    assert "An idea" not in page
    response = member_client.get("/funding/applications/?status=nonsense")
    assert response.status_code == 200
    assert "Being drafted" in response.get_data(as_text=True)
    assert "An idea" in response.get_data(as_text=True)


def test_the_list_is_paginated(app, member_client, make_application):
    per_page = app.config["ITEMS_PER_PAGE"]
    for n in range(per_page + 1):
        make_application(f"Application number {n:03d}")
    first = member_client.get("/funding/applications/").get_data(as_text=True)
    second = member_client.get("/funding/applications/?page=2").get_data(as_text=True)
    assert "Application number 000" not in first
    assert "Application number 000" in second
    assert f"Application number {per_page:03d}" in first


# Starting one ----------------------------------------------------------------------------------------------------

def test_a_member_starts_one_for_their_own_country_without_being_asked(member_client):
    form = member_client.get("/funding/applications/new").get_data(as_text=True)
    assert 'name="lead_id"' not in form
    assert "Italy leads the application" in form
    response = member_client.post("/funding/applications/new", data=application_form())
    assert response.status_code == 303
    [application] = _applications()
    assert response.headers["Location"].endswith(f"/funding/applications/{application.id}")
    assert application.lead.code == "IT"
    assert application.status == "idea"
    assert application.amount_requested_cents == 12_000_000
    assert application.source.kind == "isf_union"
    assert application.call is None
    assert [o.code for o in application.partners] == ["FR"]
    [event] = _events(application)
    assert event.action == "create"
    assert event.changes["lead"] == [None, "IT"]


@pytest.mark.parametrize("who", ["admin_client", "presidency_client"])
def test_administrators_and_the_presidency_choose_the_lead(request, who):
    client = request.getfixturevalue(who)
    form = client.get("/funding/applications/new").get_data(as_text=True)
    assert 'name="lead_id"' in form
    refused = client.post("/funding/applications/new", data=application_form())
    assert refused.status_code == 200
    assert "Choose the Member State that leads the application." in refused.get_data(as_text=True)
    assert _applications() == []
    assert client.post("/funding/applications/new",
                       data=application_form(lead_id=organisation("DE").id)).status_code == 303
    assert _applications()[0].lead.code == "DE"


def test_an_agency_cannot_start_one(agency_client):
    assert agency_client.get("/funding/applications/new").status_code == 403
    assert agency_client.post("/funding/applications/new", data=application_form()).status_code == 403
    assert _applications() == []


def test_an_application_answers_a_call(member_client, make_call):
    call = make_call("Police cooperation networks")
    response = member_client.post("/funding/applications/new", data=application_form(call_id=call.id, source_id="0"))
    assert response.status_code == 303
    [application] = _applications()
    assert application.call_id == call.id
    assert application.source_id is None
    assert application.funder.kind == "isf_union"
    page = member_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Police cooperation networks" in page


def test_a_call_closed_long_ago_is_not_offered(member_client, make_call):
    make_call("Recent call", closes_on=today() - timedelta(days=30))
    old = make_call("Ancient call", closes_on=today() - timedelta(days=400))
    form = member_client.get("/funding/applications/new").get_data(as_text=True)
    assert "Recent call" in form
    assert "Ancient call" not in form
    response = member_client.post("/funding/applications/new", data=application_form(call_id=old.id, source_id="0"))
    assert response.status_code == 200
    assert _applications() == []


@pytest.mark.parametrize(("typed", "message"), [
    ("-5", "An amount cannot be negative."),
    ("100 000 001", "An amount above 100 million euro is surely a mistake."),
    ("12.345", "at most two decimals"),
    ("12.3.4", "Write an amount in euro"),
    ("1000.505", "at most two decimals"),
])
def test_a_bad_amount_is_refused_next_to_the_field_with_the_text_kept(member_client, typed, message):
    response = member_client.post("/funding/applications/new", data=application_form(
        amount_requested=typed, title="Kept title"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="amount_requested-error"' in page
    assert message in page
    assert f'value="{typed}"' in page
    assert 'value="Kept title"' in page
    assert _applications() == []


def test_a_bad_amount_is_explained_in_french(member_client):
    response = _in_french(member_client).post("/funding/applications/new", data=application_form(amount_requested="-1"))
    assert "Un montant ne peut pas être négatif." in response.get_data(as_text=True)
    assert _applications() == []


def test_a_call_or_a_source_is_required_and_not_both(member_client, make_call):
    neither = member_client.post("/funding/applications/new", data=application_form(call_id="0", source_id="0"))
    assert "Choose the call the application answers, or else the funding source it asks." in neither.text
    assert 'id="call_id-error"' in neither.text
    call = make_call()
    both = member_client.post("/funding/applications/new", data=application_form(call_id=call.id))
    assert 'id="source_id-error"' in both.text
    assert "Leave the source empty" in both.text
    assert _applications() == []


def test_the_lead_is_not_its_own_partner(member_client, admin_client):
    form = member_client.get("/funding/applications/new").text
    assert f'name="partner_ids" value="{organisation("IT").id}"' not in form  # a member's own country: not offered
    response = admin_client.post("/funding/applications/new", data=application_form(
        lead_id=organisation("IT").id, partner_ids=[organisation("IT").id, organisation("FR").id]))
    assert 'id="partner_ids-error"' in response.text
    assert "The lead country is not one of its own partners" in response.text
    assert _applications() == []


def test_the_partners_are_a_checkbox_group_of_countries_and_agencies(member_client):
    form = member_client.get("/funding/applications/new").get_data(as_text=True)
    assert f'type="checkbox" name="partner_ids" value="{organisation("EUROPOL").id}"' in form
    assert f'value="{organisation("FR").id}"' in form
    assert "<select multiple" not in form
    assert 'multiple name="partner_ids"' not in form
    assert f'name="partner_ids" value="{organisation("GSC").id}"' not in form  # the Council takes no part


def test_a_submission_date_in_the_future_is_refused(member_client):
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = member_client.post("/funding/applications/new", data=application_form(submitted_on=tomorrow))
    assert "The submission date cannot be in the future." in response.text
    assert _applications() == []


def test_the_activities_it_would_fund_link_to_their_pages(member_client, make_meeting, make_training):
    meeting = make_meeting(title="Autumn meeting", status="convened", start=datetime(2029, 10, 1, 10))
    cancelled = make_meeting(title="Cancelled meeting", status="cancelled", start=datetime(2029, 10, 2, 10))
    old = make_meeting(title="Long past meeting", status="held", start=datetime(2025, 5, 14, 10))
    training = make_training("Prüm for operators")
    form = member_client.get("/funding/applications/new").get_data(as_text=True)
    assert "Autumn meeting" in form
    assert "Prüm for operators" in form
    assert "Cancelled meeting" not in form
    assert "Long past meeting" not in form
    response = member_client.post("/funding/applications/new", data=application_form(
        meeting_ids=[meeting.id], training_ids=[training.id]))
    assert response.status_code == 303
    forged = member_client.post("/funding/applications/new", data=application_form(meeting_ids=[cancelled.id, old.id]))
    assert forged.status_code == 200
    assert len(_applications()) == 1
    page = member_client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'href="/meetings/{meeting.id}"' in page
    assert f'href="/trainings/{training.id}"' in page


# Its page and its edit --------------------------------------------------------------------------------------------

def test_every_member_reads_the_page_with_partners_amounts_and_history(agency_client, make_application):
    application = make_application("Joint training", requested=9_900_000, partners=("FR", "EUROPOL"))
    page = agency_client.get(f"/funding/applications/{application.id}").get_data(as_text=True)
    assert "Joint training" in page
    assert "France" in page
    assert "Europol" in page
    assert "€99,000.00" in page
    assert "History" in page
    assert "Edit" not in page
    assert "Start drafting" not in page
    assert agency_client.get("/funding/applications/999999").status_code == 404


def test_the_lead_edits_and_the_history_names_the_changed_fields(member_client, make_application):
    application = make_application("First title", requested=1_000_000)
    form = member_client.get(f"/funding/applications/{application.id}/edit").get_data(as_text=True)
    assert 'value="10000.00"' in form
    response = member_client.post(f"/funding/applications/{application.id}/edit", data=application_form(
        title="Second title", amount_requested="15 000,50", partner_ids=[organisation("EUROPOL").id],
        version=str(application.version)))
    assert response.status_code == 303
    [edited] = _applications()
    assert edited.title == "Second title"
    assert edited.amount_requested_cents == 1_500_050
    assert [o.code for o in edited.partners] == ["EUROPOL"]
    event = _events(edited)[-1]
    assert event.action == "edit"
    assert event.changes["title"] == ["First title", "Second title"]
    assert event.changes["amount_requested_cents"] == [1_000_000, 1_500_050]
    assert event.changes["partners"] == ["FR", "EUROPOL"]
    page = member_client.get(f"/funding/applications/{edited.id}").get_data(as_text=True)
    assert "amount requested" in page
    assert "partners" in page
    assert "€15,000.50" in page


def test_an_edit_with_a_bad_amount_writes_nothing(member_client, make_application):
    application = make_application("Untouched", requested=1_000_000)
    response = member_client.post(f"/funding/applications/{application.id}/edit", data=application_form(
        title="Changed", amount_requested="2 000,999", version=str(application.version)))
    assert response.status_code == 200
    assert 'value="2 000,999"' in response.text
    [row] = _applications()
    assert row.title == "Untouched"
    assert row.amount_requested_cents == 1_000_000
    assert row.version == 1


def test_an_edit_saved_by_someone_else_meanwhile_is_not_overwritten(member_client, make_application):
    application = make_application("Original")
    version = str(application.version)
    assert member_client.post(f"/funding/applications/{application.id}/edit",
                              data=application_form(title="By the first", version=version)).status_code == 303
    late = member_client.post(f"/funding/applications/{application.id}/edit",
                              data=application_form(title="By the second", version=version))
    assert late.status_code == 409
    assert "Someone else saved this application" in late.text
    assert 'value="By the second"' in late.text
    assert _applications()[0].title == "By the first"


def test_another_country_and_a_closed_application_are_not_edited(other_member_client, member_client,
                                                                   make_application):
    open_one = make_application("Italian application")
    assert other_member_client.get(f"/funding/applications/{open_one.id}/edit").status_code == 403
    assert other_member_client.post(f"/funding/applications/{open_one.id}/edit", data=application_form(
        title="Taken over", version="1")).status_code == 403
    awarded = make_application("Awarded one", status="awarded", awarded=1_000_000)
    assert member_client.get(f"/funding/applications/{awarded.id}/edit").status_code == 403
    assert [a.title for a in _applications()] == ["Italian application", "Awarded one"]


def test_the_presidency_edits_an_application_it_does_not_lead(presidency_client, make_application):
    application = make_application("Italian application")
    response = presidency_client.post(f"/funding/applications/{application.id}/edit", data=application_form(
        title="Edited by the Presidency", version=str(application.version)))
    assert response.status_code == 303
    assert _applications()[0].title == "Edited by the Presidency"
    assert _applications()[0].lead.code == "IT"


def test_an_application_is_found_by_search(member_client, make_application):
    make_application("Interoperability workshop", summary="Co-finance a workshop on SIENA gateways.")
    page = member_client.get("/search?q=gateways").get_data(as_text=True)
    assert "Interoperability workshop" in page


def test_the_seeded_source_is_offered(member_client):
    form = member_client.get("/funding/applications/new").get_data(as_text=True)
    assert f'value="{source("national").id}"' in form
    assert "National budget" in form


def test_the_history_names_the_changed_fields_in_french(member_client, make_application, make_training):
    application = make_application("Réunions du réseau")
    training = make_training("Prüm pour les opérateurs")
    response = member_client.post(f"/funding/applications/{application.id}/edit", data=application_form(
        title="Réunions du réseau", training_ids=[training.id], submitted_on="2026-11-02",
        version=str(application.version)))
    assert response.status_code == 303
    member_client.user.language = "fr"
    db.session.commit()
    page = member_client.get(f"/funding/applications/{application.id}").text
    assert "modifié : date de dépôt, formations" in page
    assert "Prüm pour les opérateurs" in page


def test_a_meeting_the_editor_may_not_read_is_neither_offered_nor_dropped(member_client, core_client, make_meeting,
                                                                          make_application):
    restricted = make_meeting(title="Restricted meeting", status="convened", start=datetime(2029, 10, 3, 10),
                              marked="core_group")
    draft = make_meeting(title="Draft of a Presidency", status="planned", start=datetime(2029, 12, 1, 10))
    application = make_application("Linked to a restricted meeting")
    application.meetings = [restricted]
    db.session.commit()
    form = member_client.get(f"/funding/applications/{application.id}/edit").text
    assert "Restricted meeting" not in form
    assert "Draft of a Presidency" not in form
    assert "Restricted meeting" not in member_client.get(f"/funding/applications/{application.id}").text
    response = member_client.post(f"/funding/applications/{application.id}/edit", data=application_form(
        title="Edited by Italy", version=str(application.version)))
    assert response.status_code == 303
    [edited] = _applications()
    assert [m.id for m in edited.meetings] == [restricted.id]
    assert draft.id not in [m.id for m in edited.meetings]
    assert "Restricted meeting" in core_client.get(f"/funding/applications/{application.id}").text
