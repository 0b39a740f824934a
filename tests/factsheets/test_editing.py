"""Keeping a fact sheet: a country's members (and administrators) edit and verify its sections; two editors never
overwrite each other; bad input is refused next to its field, with the text kept and nothing written."""

from datetime import UTC, datetime, timedelta

import pytest

from app.core.models import AuditEvent
from app.extensions import db
from app.factsheets.models import FactSheetSection
from tests.factories import HTMX, is_fragment, organisation

SPOC = {"spoc_authority": "Ministry of the Interior", "spoc_organisation": "SIRENE and the ENU in one room.",
        "spoc_staff": "35"}


def _row(code: str, key: str) -> FactSheetSection | None:
    db.session.expire_all()
    return db.session.scalar(db.select(FactSheetSection).where(
        FactSheetSection.organisation_id == organisation(code).id, FactSheetSection.section == key))


def _section_html(page: str, key: str) -> str:
    start = page.index(f'id="section-{key}"')
    return page[start:page.index("</section>", start)]


def _form(code: str = "IT", key: str = "spoc", **changes):
    row = _row(code, key)
    return {**SPOC, "version": str(row.version if row else 0), **changes}


def test_a_member_edits_a_section_and_the_sheet_shows_it_verified_today(member_client):
    page = member_client.get("/network/IT/fact-sheet/spoc/edit")
    assert page.status_code == 200
    assert "Staff (full-time equivalents)" in page.data.decode()
    response = member_client.post("/network/IT/fact-sheet/spoc/edit", data=_form(), follow_redirects=True)
    text = response.data.decode()
    assert "is saved and marked as verified today" in text
    assert "Ministry of the Interior" in text
    assert "35" in text
    row = _row("IT", "spoc")
    assert row.values["spoc_staff"] == 35  # a whole number, not text
    assert row.last_verified_by_id == member_client.user.id
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.record_type == "fact_sheet_sections"))
    assert event.action == "edit_fact_sheet"
    assert event.changes["spoc_authority"] == [None, "Ministry of the Interior"]


def test_channels_and_office_hours_are_stored_as_structured_values(member_client):
    member_client.post("/network/IT/fact-sheet/channels/edit",
                       data={"version": "0", "channels_operated": ["sirene", "siena"], "channels_other": ""})
    assert _row("IT", "channels").values["channels_operated"] == ["siena", "sirene"]  # in the declared order
    member_client.post("/network/IT/fact-sheet/languages_hours/edit", data={
        "version": "0", "working_languages": "Italian", "office_days": ["mon", "fri"], "opens_at": "08:00",
        "closes_at": "18:30"})
    values = _row("IT", "languages_hours").values
    assert values["opens_at"] == "08:00"
    assert values["closes_at"] == "18:30"
    assert values["open_around_the_clock"] is False
    page = member_client.get("/network/IT/fact-sheet").data.decode()
    assert "SIENA (Europol), SIRENE bureau (Schengen Information System)" in page
    assert "Monday, Friday" in page


@pytest.mark.parametrize(("who", "expected"),
                         [("member", 200), ("other_member", 403), ("agency", 403), ("core", 403), ("admin", 200)])
def test_only_the_countrys_members_and_administrators_edit_or_verify(request, who, expected):
    client = request.getfixturevalue(f"{who}_client")  # member_client is Italian, other_member French
    assert client.get("/network/IT/fact-sheet/spoc/edit").status_code == expected
    response = client.post("/network/IT/fact-sheet/spoc/edit", data=_form())
    assert response.status_code == (303 if expected == 200 else 403)
    assert (_row("IT", "spoc") is not None) == (expected == 200)
    verify = client.post("/network/IT/fact-sheet/legal_basis/verify", data={"version": "0"})
    assert verify.status_code == (303 if expected == 200 else 403)
    assert (_row("IT", "legal_basis") is not None) == (expected == 200)


def test_the_buttons_show_only_to_those_who_may_use_them(member_client, other_member_client):
    assert "Edit this section" in member_client.get("/network/IT/fact-sheet").data.decode()
    page = other_member_client.get("/network/IT/fact-sheet").data.decode()
    assert "Edit this section" not in page
    assert "Mark as verified" not in page


def test_unknown_countries_sections_and_agencies_are_not_found(member_client, admin_client):
    assert member_client.get("/network/XX/fact-sheet").status_code == 404
    assert member_client.get("/network/EUROPOL/fact-sheet").status_code == 404
    assert admin_client.get("/network/EUROPOL/fact-sheet/spoc/edit").status_code == 404
    assert member_client.get("/network/IT/fact-sheet/nonsense/edit").status_code == 404


def test_mark_as_verified_changes_nothing_but_the_date(member_client):
    member_client.post("/network/IT/fact-sheet/spoc/edit", data=_form())
    row = _row("IT", "spoc")
    row.last_verified_at = datetime.now(UTC) - timedelta(days=400)
    db.session.commit()
    assert "Due for a check" in _section_html(member_client.get("/network/IT/fact-sheet").data.decode(), "spoc")
    response = member_client.post("/network/IT/fact-sheet/spoc/verify", data={"version": str(row.version)},
                                  follow_redirects=True)
    assert "is marked as verified today" in response.data.decode()
    assert "Due for a check" not in _section_html(response.data.decode(), "spoc")
    row = _row("IT", "spoc")
    assert row.values["spoc_authority"] == "Ministry of the Interior"
    assert row.last_verified_at.date() == datetime.now(UTC).date()
    actions = db.session.scalars(db.select(AuditEvent.action).where(AuditEvent.record_type == "fact_sheet_sections")
                                 .order_by(AuditEvent.id)).all()
    assert actions == ["edit_fact_sheet", "verify_fact_sheet"]


def test_verifying_a_section_someone_changed_meanwhile_is_refused(member_client, login_as):
    colleague = login_as("member", "IT")
    seen = _form()["version"]  # the page was opened before the colleague's save
    colleague.post("/network/IT/fact-sheet/spoc/edit", data=_form())
    response = member_client.post("/network/IT/fact-sheet/spoc/verify", data={"version": seen}, follow_redirects=True)
    assert "read it again before you mark it as verified" in response.data.decode()
    assert _row("IT", "spoc").last_verified_by_id == colleague.user.id


def test_the_second_of_two_editors_is_refused_with_their_input_kept(member_client, login_as):
    colleague = login_as("member", "IT")
    member_client.post("/network/IT/fact-sheet/spoc/edit", data=_form())
    loaded = _form()  # both open the form at this version
    colleague.post("/network/IT/fact-sheet/spoc/edit", data={**loaded, "spoc_staff": "40"})
    refused = member_client.post("/network/IT/fact-sheet/spoc/edit",
                                 data={**loaded, "spoc_authority": "Ministry of Justice"})
    assert refused.status_code == 409
    text = refused.data.decode()
    assert "Someone else saved this section while you were editing it" in text
    assert 'value="Ministry of Justice"' in text  # the refused input, kept in the form
    assert "The version saved meanwhile" in text
    assert "40" in text
    assert _row("IT", "spoc").values["spoc_authority"] == "Ministry of the Interior"
    assert _row("IT", "spoc").values["spoc_staff"] == 40
    # Saving again, knowingly, wins.
    again = member_client.post("/network/IT/fact-sheet/spoc/edit", data=_form(spoc_authority="Ministry of Justice"))
    assert again.status_code == 303
    assert _row("IT", "spoc").values["spoc_authority"] == "Ministry of Justice"


def test_two_first_saves_of_a_new_section_do_not_overwrite_each_other(member_client, login_as):
    colleague = login_as("member", "IT")
    colleague.post("/network/IT/fact-sheet/spoc/edit", data={**SPOC, "version": "0"})
    refused = member_client.post("/network/IT/fact-sheet/spoc/edit", data={**SPOC, "version": "0", "spoc_staff": "9"})
    assert refused.status_code == 409
    assert _row("IT", "spoc").values["spoc_staff"] == 35


@pytest.mark.parametrize(("field", "value", "message"), [
    ("spoc_staff", "many", "Not a valid integer value."),
    ("spoc_staff", "-3", "Give a whole number from 0 to 10000."),
    ("spoc_staff", "99999999999999", "Give a whole number from 0 to 10000."),
    ("spoc_authority", "x" * 201, "Field cannot be longer than 200 characters."),
    ("spoc_authority", "Ministry\nof the Interior", "line break"),
    ("spoc_organisation", "SIRENE\x00", "control characters"),
])
def test_bad_input_is_refused_next_to_the_field_with_the_text_kept(member_client, field, value, message):
    response = member_client.post("/network/IT/fact-sheet/spoc/edit", data=_form(**{field: value}))
    assert response.status_code == 200
    text = response.data.decode()
    assert message in text
    assert "SIRENE and the ENU in one room." in text or field == "spoc_organisation"
    assert _row("IT", "spoc") is None


@pytest.mark.parametrize(("key", "data", "message"), [
    ("contacts", {"contact_mailbox": "the operations room"}, "Give an e-mail address"),
    ("data_protection", {"dpa_website": "dpa.example.eu"}, "Give a web address starting with https://"),
    ("languages_hours", {"opens_at": "8 o'clock"}, "Not a valid time value."),
    ("channels", {"channels_operated": ["carrier-pigeon"]}, "is not a valid choice"),
])
def test_structured_fields_refuse_what_they_cannot_store(member_client, key, data, message):
    response = member_client.post(f"/network/IT/fact-sheet/{key}/edit", data={"version": "0", **data})
    assert response.status_code == 200
    assert message in response.data.decode()
    assert _row("IT", key) is None


def test_an_htmx_save_that_fails_answers_with_the_form_fragment(member_client):
    response = member_client.post("/network/IT/fact-sheet/spoc/edit", data=_form(spoc_staff="many"), headers=HTMX)
    assert is_fragment(response)
    assert "Not a valid integer value." in response.data.decode()
    assert "HX-Request" in response.headers["Vary"]


def test_text_that_looks_like_case_data_is_held_back_until_confirmed(member_client):
    data = _form(spoc_organisation="Ask about Jan KOWALSKI, 12.03.1985, held at the border.")
    warned = member_client.post("/network/IT/fact-sheet/spoc/edit", data=data)
    assert "looks like operational personal data" in warned.data.decode()
    assert _row("IT", "spoc") is None
    confirmed = member_client.post("/network/IT/fact-sheet/spoc/edit",
                                   data={**data, "confirm_operational_data": "y", "guard_warned": "1"})
    assert confirmed.status_code == 303
    assert db.session.scalar(db.select(AuditEvent.id).where(AuditEvent.action == "confirm_guard")) is not None


def test_the_operations_room_mailbox_is_trusted_in_other_texts(member_client):
    from app.core import guard

    text = "Write to spoc@polizia.example.it at any hour."
    assert [f.kind for f in guard.scan(text)] == ["email"]
    member_client.post("/network/IT/fact-sheet/contacts/edit",
                       data={"version": "0", "contact_mailbox": "spoc@polizia.example.it"})
    assert guard.scan(text) == []
