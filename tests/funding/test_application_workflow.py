"""An application's workflow: idea -> drafting -> submitted -> awarded | rejected, any open state -> withdrawn;
who may take each step, the details each needs, and what a refused step leaves (nothing)."""

import io
from datetime import date, timedelta

import pytest

from app.core.models import Attachment, AuditEvent
from app.core.timezones import today
from app.extensions import db
from app.funding.models import FundingApplication

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _row(application: FundingApplication) -> tuple:
    """What a refused step must leave as it was."""
    db.session.expire_all()
    row = db.session.get(FundingApplication, application.id)
    return (row.status, row.amount_awarded_cents, row.submitted_on, row.decided_on, row.version)


def _actions(application: FundingApplication) -> list[str]:
    return list(db.session.scalars(db.select(AuditEvent.action).where(
        AuditEvent.record_type == "funding_applications", AuditEvent.record_id == application.id)
        .order_by(AuditEvent.id)))


def _url(application: FundingApplication, step: str) -> str:
    return f"/funding/applications/{application.id}/{step}"


def test_the_whole_life_up_to_the_award(member_client, make_application):
    application = make_application(requested=12_000_000)
    page = member_client.get(f"/funding/applications/{application.id}").text
    assert "Start drafting" in page
    assert "Withdraw" in page
    assert "Record the award" not in page
    assert member_client.post(_url(application, "start-drafting")).status_code == 303
    assert _row(application)[0] == "drafting"
    response = member_client.post(_url(application, "submit"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/funding/applications/{application.id}")
    assert _row(application)[:3] == ("submitted", None, today())
    decided = (today() - timedelta(days=3)).isoformat()
    response = member_client.post(_url(application, "award"), data={"amount_awarded": "100 000,50",
                                                                     "decided_on": decided})
    assert response.status_code == 303
    assert _row(application)[:4] == ("awarded", 10_000_050, today(), today() - timedelta(days=3))
    assert _actions(application) == ["start_drafting", "submit", "award"]
    page = member_client.get(f"/funding/applications/{application.id}").text
    assert "€100,000.50" in page
    assert "€120,000.00" in page
    assert "(Submitted → Awarded)" in page
    assert "amount awarded" in page
    assert "Edit" not in page  # closed: nothing more to change


def test_a_submission_date_already_given_is_kept(member_client, make_application):
    given = date(2026, 3, 2)
    application = make_application(status="drafting", submitted_on=given)
    assert member_client.post(_url(application, "submit")).status_code == 303
    assert _row(application)[2] == given


def test_the_award_is_shown_in_french(member_client, make_application):
    application = make_application(status="awarded", requested=12_000_000, awarded=9_876_543)
    member_client.user.language = "fr"
    db.session.commit()
    page = member_client.get(f"/funding/applications/{application.id}").text
    assert "98\u202f765,43\xa0€" in page
    assert "120\u202f000,00\xa0€" in page
    assert "Montant accordé" in page


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"amount_awarded": "130 000"}, "amount_awarded", "The award cannot be larger than the amount requested"),
    ({"amount_awarded": "-10"}, "amount_awarded", "An amount cannot be negative."),
    ({"amount_awarded": "200 000 000"}, "amount_awarded", "An amount above 100 million euro is surely a mistake."),
    ({"amount_awarded": "1000,123"}, "amount_awarded", "at most two decimals"),
    ({"amount_awarded": ""}, "amount_awarded", "This field is required."),
    ({"decided_on": (date.today() + timedelta(days=2)).isoformat()}, "award-decided_on",
     "The decision date cannot be in the future."),
    ({"decided_on": ""}, "award-decided_on", "Give the date of the decision."),
])
def test_a_bad_award_is_refused_next_to_the_field_with_the_text_kept(member_client, make_application, data, field,
                                                                     message):
    application = make_application(status="submitted", requested=12_000_000)
    before = _row(application)
    sent = {"amount_awarded": "90 000", "decided_on": today().isoformat(), **data}
    response = member_client.post(_url(application, "award"), data=sent)
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.text
    assert message in response.text
    assert f'value="{sent["amount_awarded"]}"' in response.text
    assert "<details class=\"step\" open>" in response.text
    assert _row(application) == before
    assert _actions(application) == []


def test_the_award_message_names_the_request_in_french(member_client, make_application):
    application = make_application(status="submitted", requested=12_000_000)
    member_client.user.language = "fr"
    db.session.commit()
    response = member_client.post(_url(application, "award"), data={"amount_awarded": "130 000",
                                                                     "decided_on": today().isoformat()})
    assert "Le montant accordé ne peut pas dépasser le montant demandé (120\u202f000,00\xa0€)." in response.text
    assert _row(application)[0] == "submitted"


def test_the_rejection_needs_what_the_funder_said(member_client, make_application):
    application = make_application(status="submitted")
    before = _row(application)
    refused = member_client.post(_url(application, "reject"), data={"note": "  ", "decided_on": today().isoformat()})
    assert refused.status_code == 400
    assert 'id="reject-note-error"' in refused.text
    assert _row(application) == before
    response = member_client.post(_url(application, "reject"), data={
        "note": "Not eligible: the call funds no meetings.", "decided_on": today().isoformat()})
    assert response.status_code == 303
    assert _row(application)[0] == "rejected"
    assert _row(application)[3] == today()
    page = member_client.get(f"/funding/applications/{application.id}").text
    assert "Not eligible: the call funds no meetings." in page


@pytest.mark.parametrize("status", ["idea", "drafting", "submitted"])
def test_any_open_application_is_withdrawn_with_a_reason(member_client, make_application, status):
    application = make_application(status=status)
    refused = member_client.post(_url(application, "withdraw"), data={"note": ""})
    assert refused.status_code == 400
    assert 'id="note-withdraw-error"' in refused.text
    assert _row(application)[0] == status
    assert member_client.post(_url(application, "withdraw"), data={"note": "No co-financing."}).status_code == 303
    assert _row(application)[0] == "withdrawn"


@pytest.mark.parametrize(("status", "step", "data"), [
    ("idea", "submit", {}),
    ("idea", "award", {"amount_awarded": "1 000", "decided_on": "2026-01-05"}),
    ("drafting", "start-drafting", {}),
    ("drafting", "reject", {"note": "No", "decided_on": "2026-01-05"}),
    ("awarded", "withdraw", {"note": "Too late"}),
    ("rejected", "award", {"amount_awarded": "1 000", "decided_on": "2026-01-05"}),
    ("withdrawn", "start-drafting", {}),
])
def test_a_step_the_state_forbids_is_refused_and_writes_nothing(member_client, make_application, status, step, data):
    application = make_application(status=status, awarded=1_000_000 if status == "awarded" else None)
    before = _row(application)
    response = member_client.post(_url(application, step), data=data)
    assert response.status_code == 409
    assert "cannot be done while the record is" in response.text
    assert _row(application) == before
    assert _actions(application) == []


@pytest.mark.parametrize("who", ["other_member_client", "agency_client", "core_client"])
def test_another_country_takes_no_step(request, make_application, who):
    client = request.getfixturevalue(who)
    application = make_application(status="submitted")
    before = _row(application)
    for step, data in [("award", {"amount_awarded": "1 000", "decided_on": today().isoformat()}),
                       ("award", {"amount_awarded": "-1"}),  # refused as not theirs before its fields are read
                       ("reject", {"note": "No", "decided_on": today().isoformat()}),
                       ("withdraw", {"note": "No"}), ("submit", {})]:
        assert client.post(_url(application, step), data=data).status_code == 403, step
    assert _row(application) == before
    page = client.get(f"/funding/applications/{application.id}").text
    assert "Record the award" not in page
    assert "Withdraw" not in page


def test_the_presidency_and_administrators_take_the_steps(presidency_client, admin_client, make_application):
    first, second = make_application(), make_application(status="submitted", requested=1_000_000)
    assert presidency_client.post(_url(first, "start-drafting")).status_code == 303
    assert _row(first)[0] == "drafting"
    assert admin_client.post(_url(second, "award"), data={"amount_awarded": "10 000",
                                                         "decided_on": today().isoformat()}).status_code == 303
    assert _row(second)[:2] == ("awarded", 1_000_000)


def test_an_award_without_a_recorded_request_is_accepted(member_client, make_application):
    application = make_application(status="submitted", requested=None)
    assert member_client.post(_url(application, "award"), data={"amount_awarded": "5 000",
                                                                "decided_on": today().isoformat()}).status_code == 303
    assert _row(application)[:2] == ("awarded", 500_000)


# Documents --------------------------------------------------------------------------------------------------------

def _documents(application: FundingApplication) -> list[Attachment]:
    return list(db.session.scalars(db.select(Attachment).where(
        Attachment.record_type == "funding_applications", Attachment.record_id == application.id)))


def test_the_lead_attaches_every_member_downloads_the_lead_removes(member_client, agency_client, make_application):
    application = make_application()
    response = member_client.post(f"/funding/applications/{application.id}/documents",
                                  data={"document": (io.BytesIO(PDF), "budget.pdf")})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#documents")
    [document] = _documents(application)
    assert document.filename == "budget.pdf"
    page = agency_client.get(f"/funding/applications/{application.id}").text
    assert "budget.pdf" in page
    assert "Remove" not in page
    download = agency_client.get(f"/funding/applications/{application.id}/documents/{document.id}")
    assert download.status_code == 200
    assert download.data == PDF
    assert "attachment" in download.headers["Content-Disposition"]
    assert agency_client.post(f"/funding/applications/{application.id}/documents/{document.id}/remove"
                              ).status_code == 403
    assert member_client.post(f"/funding/applications/{application.id}/documents/{document.id}/remove"
                              ).status_code == 303
    assert _documents(application) == []
    assert _actions(application) == ["attach", "remove_attachment"]


def test_a_refused_document_is_explained_and_nothing_stored(member_client, other_member_client, make_application):
    application = make_application()
    empty = member_client.post(f"/funding/applications/{application.id}/documents", data={})
    assert empty.status_code == 400
    assert "Choose a file to attach." in empty.text
    program = member_client.post(f"/funding/applications/{application.id}/documents",
                                 data={"document": (io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00"), "budget.exe")})
    assert program.status_code == 400
    assert "This kind of file is not accepted." in program.text
    assert other_member_client.post(f"/funding/applications/{application.id}/documents",
                                    data={"document": (io.BytesIO(PDF), "budget.pdf")}).status_code == 403
    assert _documents(application) == []


def test_a_document_of_another_record_is_not_served_here(member_client, make_application):
    first, second = make_application(), make_application()
    member_client.post(f"/funding/applications/{first.id}/documents", data={"document": (io.BytesIO(PDF), "a.pdf")})
    [document] = _documents(first)
    assert member_client.get(f"/funding/applications/{second.id}/documents/{document.id}").status_code == 404


def test_a_closed_application_takes_no_more_documents(member_client, make_application):
    application = make_application(status="rejected")
    assert member_client.post(f"/funding/applications/{application.id}/documents",
                              data={"document": (io.BytesIO(PDF), "late.pdf")}).status_code == 403
    assert _documents(application) == []
