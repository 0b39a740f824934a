"""The register of calls: open calls (soonest to close first), the archive (by date, nothing to run), a call's page,
adding and editing (the Presidency and administrators), bad input refused next to its field with nothing written."""

from datetime import timedelta
from decimal import Decimal

import pytest

from app.core.models import AuditEvent
from app.core.timezones import today
from app.extensions import db
from app.funding.models import FundingCall
from tests.factories_funding import call_form, source


def _calls() -> list[FundingCall]:
    return list(db.session.scalars(db.select(FundingCall).order_by(FundingCall.id)))


def _events(record_type: str = "funding_calls") -> list[AuditEvent]:
    return list(db.session.scalars(db.select(AuditEvent).where(AuditEvent.record_type == record_type)
                                   .order_by(AuditEvent.id)))


def _spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _error(html: str, field: str) -> str:
    """The message shown next to ``field``."""
    return html.split(f'id="{field}-error">')[1].split("</p>")[0]


def _french(client):
    client.user.language = "fr"
    db.session.commit()
    return client


# Reading -------------------------------------------------------------------------------------------------------

def test_open_calls_soonest_first_with_days_left_amount_and_rate(member_client, make_call):
    make_call("Later call", closes_on=today() + timedelta(days=45), max_cents=50_000_000, rate="90")
    make_call("Closing today", closes_on=today(), max_cents=None, rate=None)
    make_call("Closing soon", closes_on=today() + timedelta(days=3), max_cents=1_234_550, rate="62.5")
    make_call("Closed yesterday", closes_on=today() - timedelta(days=1))
    response = member_client.get("/funding/calls/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.index("Closing today") < html.index("Closing soon") < html.index("Later call")
    assert "Closed yesterday" not in html
    assert "closes today" in html
    assert "3 days left" in html
    assert "45 days left" in html
    assert "€500,000.00" in html
    assert "€12,345.50" in html
    assert "90%" in html
    assert "62.5%" in html
    assert "ISF Union actions" in html  # the source
    assert "Add a call" not in html  # a member reads, does not add


def test_the_archive_holds_the_calls_past_their_closing_date_newest_first(member_client, make_call):
    make_call("Still open", closes_on=today())
    make_call("Closed last year", closes_on=today() - timedelta(days=365))
    make_call("Closed yesterday", closes_on=today() - timedelta(days=1))
    html = member_client.get("/funding/calls/archive").get_data(as_text=True)
    assert html.index("Closed yesterday") < html.index("Closed last year")
    assert "Still open" not in html
    assert "days left" not in html


def test_the_lists_are_paginated(app, member_client, make_call):
    app.config["ITEMS_PER_PAGE"] = 2
    for days in (5, 6, 7):
        make_call(f"Call closing in {days} days", closes_on=today() + timedelta(days=days))
    first = member_client.get("/funding/calls/").get_data(as_text=True)
    second = member_client.get("/funding/calls/?page=2").get_data(as_text=True)
    assert "Call closing in 5 days" in first
    assert "Call closing in 7 days" not in first
    assert "Page 1 of 2 · 3 in all" in first
    assert "Call closing in 7 days" in second
    assert "Call closing in 5 days" not in second


def test_french_readers_see_amounts_rates_and_sources_in_french(member_client, make_call):
    call = make_call("Réseaux de coopération", kind="isf_national", max_cents=1_234_500, rate="62.5",
                     closes_on=today() + timedelta(days=10))
    _french(member_client)
    listing = _spaces(member_client.get("/funding/calls/").get_data(as_text=True))
    assert "12 345,00 €" in listing
    assert "62,5 %" in listing
    assert "Programme national du FSI" in listing
    assert "encore 10 jours" in listing
    page = _spaces(member_client.get(f"/funding/calls/{call.id}").get_data(as_text=True))
    assert "12 345,00 €" in page
    assert "Taux de cofinancement" in page


def test_a_calls_page_shows_its_details_and_history(member_client, admin_client, make_call):
    call = make_call("Police cooperation networks", link="https://funding.example.eu/call-1",
                     notes="The Presidency coordinates.")
    admin_client.post(f"/funding/calls/{call.id}/edit", data=call_form(title="Police cooperation networks 2027",
                                                                       version=str(call.version)))
    html = member_client.get(f"/funding/calls/{call.id}").get_data(as_text=True)
    assert "Police cooperation networks 2027" in html
    assert 'href="https://funding.example.eu/calls/isf-2027-ag-polcoop"' in html
    assert "ISF-2027-AG-POLCOOP" in html
    assert "Network meetings, joint trainings, staff exchanges." in html
    assert "History" in html
    assert "edited" in html
    assert "title" in html
    assert f'href="/funding/calls/{call.id}/edit"' not in html  # members read only


def test_a_missing_call_is_404(member_client, admin_client):
    assert member_client.get("/funding/calls/999999").status_code == 404
    assert admin_client.get("/funding/calls/999999/edit").status_code == 404


# Who adds and edits -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["member_client", "core_client", "agency_client"])
def test_members_may_not_add_or_edit_calls(request, who, make_call):
    client = request.getfixturevalue(who)
    call = make_call()
    assert client.get("/funding/calls/new").status_code == 403
    assert client.post("/funding/calls/new", data=call_form()).status_code == 403
    assert client.get(f"/funding/calls/{call.id}/edit").status_code == 403
    assert client.post(f"/funding/calls/{call.id}/edit", data=call_form(version=str(call.version))).status_code == 403
    assert [c.title for c in _calls()] == [call.title]
    assert _events() == []


def test_the_presidency_adds_a_call_audited(presidency_client):
    response = presidency_client.post("/funding/calls/new", data=call_form())
    assert response.status_code == 303
    [call] = _calls()
    assert response.headers["Location"].endswith(f"/funding/calls/{call.id}")
    assert call.source.kind == "isf_union"
    assert call.max_amount_cents == 150_000_000
    assert call.cofinancing_rate == Decimal("90.00")
    assert call.closes_on == today() + timedelta(days=60)
    assert call.link == "https://funding.example.eu/calls/isf-2027-ag-polcoop"
    assert call.created_by_id == presidency_client.user.id
    [event] = _events()
    assert (event.action, event.actor_id, event.record_id) == ("create", presidency_client.user.id, call.id)
    assert {"title", "closes_on", "max_amount_cents", "cofinancing_rate", "source", "call_notes"} <= set(event.changes)
    assert event.changes["max_amount_cents"] == [None, 150_000_000]
    page = presidency_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The call “Police cooperation networks 2027” is in the register." in page
    assert "€1,500,000.00" in page


def test_optional_fields_may_stay_empty(admin_client):
    response = admin_client.post("/funding/calls/new", data=call_form(
        reference="", link="", opens_on="", max_amount="", cofinancing_rate="", eligible_activities="", notes=""))
    assert response.status_code == 303
    [call] = _calls()
    assert (call.link, call.opens_on, call.max_amount_cents, call.cofinancing_rate) == (None, None, None, None)
    assert "—" in admin_client.get(f"/funding/calls/{call.id}").get_data(as_text=True)


# Bad input ---------------------------------------------------------------------------------------------------

BAD = [
    ({"max_amount": "-5"}, "max_amount", "An amount cannot be negative."),
    ({"max_amount": "100 000 000,01"}, "max_amount", "An amount above 100 million euro is surely a mistake."),
    ({"max_amount": "250000000"}, "max_amount", "An amount above 100 million euro is surely a mistake."),
    ({"max_amount": "12 500,125"}, "max_amount", "at most two decimals"),
    ({"max_amount": "lots"}, "max_amount", "Write an amount in euro"),
    ({"cofinancing_rate": "0"}, "cofinancing_rate", "above 0 and at most 100 percent"),
    ({"cofinancing_rate": "100,01"}, "cofinancing_rate", "above 0 and at most 100 percent"),
    ({"cofinancing_rate": "-10"}, "cofinancing_rate", "above 0 and at most 100 percent"),
    ({"cofinancing_rate": "62,125"}, "cofinancing_rate", "at most two decimals"),
    ({"cofinancing_rate": "ninety"}, "cofinancing_rate", "Write the rate in percent"),
    ({"opens_on": "2027-05-10", "closes_on": "2027-05-09"}, "closes_on",
     "The closing date cannot be before the opening date."),
    ({"closes_on": ""}, "closes_on", "Give the closing date."),
    ({"link": "javascript:alert(1)"}, "link", "starting with https:// or http://"),
    ({"link": "ftp://funding.example.eu/call"}, "link", "starting with https:// or http://"),
    ({"link": "www.funding.example.eu"}, "link", "starting with https:// or http://"),
    ({"title": "   "}, "title", "This field is required."),
    ({"source_id": "0"}, "source_id", "Choose the funding source."),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD, ids=[f"{b[1]}={list(b[0].values())[0]!r}" for b in BAD])
def test_bad_input_is_refused_next_to_its_field_with_the_text_kept_and_nothing_written(admin_client, changes, field,
                                                                                       message):
    response = admin_client.post("/funding/calls/new", data=call_form(**changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in _error(html, field)
    assert "Please correct the field marked below." in html
    typed = changes.get(field, "")
    if field not in ("source_id", "closes_on", "opens_on") and typed.strip():
        assert f'value="{typed}"' in html  # the user's text, as typed
    assert _calls() == []
    assert _events() == []


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"max_amount": "-5"}, "max_amount", "Un montant ne peut pas être négatif."),
    ({"max_amount": "100 000 001"}, "max_amount", "Un montant supérieur à 100 millions d’euros"),
    ({"max_amount": "1,000"}, "max_amount", "au plus deux décimales"),  # a thousand in English, not in French
    ({"cofinancing_rate": "101"}, "cofinancing_rate", "supérieur à 0 et d’au plus 100 pour cent"),
    ({"opens_on": "2027-05-10", "closes_on": "2027-05-09"}, "closes_on",
     "La date de clôture ne peut pas précéder la date d’ouverture."),
])
def test_bad_input_is_refused_in_french_too(admin_client, changes, field, message):
    _french(admin_client)
    response = admin_client.post("/funding/calls/new", data=call_form(**changes))
    assert response.status_code == 400
    assert message in _error(response.get_data(as_text=True), field)
    assert _calls() == []


def test_amounts_typed_the_french_way_are_read_in_french(admin_client):
    _french(admin_client)
    assert admin_client.post("/funding/calls/new", data=call_form(max_amount="1.000", cofinancing_rate="62,5")
                             ).status_code == 303
    [call] = _calls()
    assert call.max_amount_cents == 100_000
    assert call.cofinancing_rate == Decimal("62.50")


# Editing -----------------------------------------------------------------------------------------------------

def test_an_edit_is_audited_with_the_fields_it_changed(admin_client, make_call):
    call = make_call(max_cents=50_000_000, rate="90")
    form = admin_client.get(f"/funding/calls/{call.id}/edit").get_data(as_text=True)
    assert 'value="500000.00"' in form
    assert 'value="90"' in form
    response = admin_client.post(f"/funding/calls/{call.id}/edit", data=call_form(
        title=call.title, reference=call.reference, link="", opens_on=call.opens_on.isoformat(),
        closes_on=call.closes_on.isoformat(), max_amount="750 000", cofinancing_rate="90",
        eligible_activities=call.eligible_activities, notes="", source_id=str(call.source_id),
        version=str(call.version)))
    assert response.status_code == 303
    call = db.session.get(FundingCall, call.id)
    assert call.max_amount_cents == 75_000_000
    [event] = _events()
    assert event.action == "edit"
    assert event.changes == {"max_amount_cents": [50_000_000, 75_000_000]}  # the rate typed again is no change
    assert "The call is saved." in admin_client.get(f"/funding/calls/{call.id}").get_data(as_text=True)


def test_a_new_source_is_audited_under_its_name_and_shown_in_french_in_the_history(admin_client, member_client,
                                                                                  make_call):
    call = make_call(kind="isf_union")
    assert admin_client.post(f"/funding/calls/{call.id}/edit", data=call_form(
        source_id=str(source("cepol").id), notes="Ask CEPOL first.", version=str(call.version))).status_code == 303
    [event] = _events()
    assert {"source", "call_notes"} <= set(event.changes)
    assert event.changes["source"] == [source("isf_union").id, source("cepol").id]
    _french(member_client)
    history = member_client.get(f"/funding/calls/{call.id}").get_data(as_text=True).split('id="history-heading"')[1]
    assert "source de financement" in history
    assert "notes" in history
    assert "source id" not in history
    assert "call notes" not in history


def test_moving_the_closing_date_into_the_past_moves_the_call_to_the_archive(admin_client, make_call):
    call = make_call("Closed early")
    admin_client.post(f"/funding/calls/{call.id}/edit", data=call_form(
        title="Closed early", opens_on=(today() - timedelta(days=30)).isoformat(),
        closes_on=(today() - timedelta(days=1)).isoformat(), version=str(call.version)))
    assert "Closed early" not in admin_client.get("/funding/calls/").get_data(as_text=True)
    assert "Closed early" in admin_client.get("/funding/calls/archive").get_data(as_text=True)


def test_an_edit_of_a_version_someone_replaced_is_refused_with_the_text_kept(admin_client, presidency_client,
                                                                             make_call):
    call = make_call("Original title")
    loaded = str(call.version)
    assert presidency_client.post(f"/funding/calls/{call.id}/edit", data=call_form(
        title="The Presidency's title", version=loaded)).status_code == 303
    response = admin_client.post(f"/funding/calls/{call.id}/edit", data=call_form(
        title="The administrator's title", version=loaded))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this call while you were editing it." in html
    assert 'value="The administrator&#39;s title"' in html
    assert db.session.get(FundingCall, call.id).title == "The Presidency's title"
    assert len(_events()) == 1
    # The form now carries the saved version: saving again, knowingly, wins.
    newer = html.split('name="version" type="hidden" value="')[1].split('"')[0]
    assert admin_client.post(f"/funding/calls/{call.id}/edit", data=call_form(
        title="The administrator's title", version=newer)).status_code == 303
    assert db.session.get(FundingCall, call.id).title == "The administrator's title"


def test_bad_input_on_an_edit_writes_nothing(admin_client, make_call):
    call = make_call(max_cents=50_000_000)
    response = admin_client.post(f"/funding/calls/{call.id}/edit", data=call_form(
        max_amount="-1", version=str(call.version)))
    assert response.status_code == 400
    assert "An amount cannot be negative." in _error(response.get_data(as_text=True), "max_amount")
    call = db.session.get(FundingCall, call.id)
    assert call.max_amount_cents == 50_000_000
    assert call.title != "Police cooperation networks 2027"
    assert _events() == []


# Search ------------------------------------------------------------------------------------------------------

def test_searching_a_calls_title_finds_it(member_client, admin_client):
    admin_client.post("/funding/calls/new", data=call_form(title="Interoperability of the SIENA mailboxes",
                                                           source_id=str(source("cepol").id)))
    [call] = _calls()
    html = member_client.get("/search", query_string={"q": "interoperability"}).get_data(as_text=True)
    assert "Funding calls" in html
    assert f'href="/funding/calls/{call.id}"' in html
    assert "<mark>Interoperability</mark> of the SIENA mailboxes" in html
    # Its source too, in either language.
    assert f'href="/funding/calls/{call.id}"' in member_client.get("/search", query_string={"q": "CEPOL"}).get_data(
        as_text=True)
