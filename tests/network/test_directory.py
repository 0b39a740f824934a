import pytest

from app.core.models import AuditEvent
from app.network.models import Organisation
from tests.factories import HTMX, is_fragment, organisation

PROFILE = {
    "spoc_structure": "SIRENE, Europol National Unit and INTERPOL NCB under one roof.",
    "contact_channel": "SIENA, 24/7",
    "working_languages": "Italian, English",
    "law_enforcement_agencies": "- State police\n- Carabinieri",
    "profile_verified_on": "2026-10-01",
}


def _form(org_code, **changes):
    data = dict(PROFILE, version=str(organisation(org_code).version))
    data.update(changes)
    return data


def test_directory_lists_every_member_state_agency_and_members(member_client, make_user):
    make_user("member", "PL", name="Marta Example")
    page = member_client.get("/network/").data.decode()
    for name in ("Austria", "Sweden", "Europol", "eu-LISA", "Council General Secretariat", "Marta Example"):
        assert name in page


def test_country_profile_is_readable_by_everyone_logged_in(agency_client, client):
    assert agency_client.get("/network/IT").status_code == 200
    assert agency_client.get("/network/it").status_code == 200
    assert agency_client.get("/network/XX").status_code == 404
    assert client.get("/network/IT").status_code == 302


@pytest.mark.parametrize(
    ("who", "expected"),
    [("member", 200), ("other_member", 403), ("agency", 403), ("core", 403), ("admin", 200)],
)
def test_only_the_countrys_members_and_admins_edit_its_profile(request, who, expected):
    client = request.getfixturevalue(f"{who}_client")  # member_client is of Italy
    assert client.get("/network/IT/edit").status_code == expected
    response = client.post("/network/IT/edit", data=_form("IT"))
    assert response.status_code == (303 if expected == 200 else 403)
    saved = organisation("IT")
    assert (saved.working_languages == "Italian, English") == (expected == 200)


def test_edit_button_shows_only_for_those_who_may_edit(member_client, other_member_client):
    assert b"Edit the country profile" in member_client.get("/network/IT").data
    assert b"Edit the country profile" not in other_member_client.get("/network/IT").data


def test_agency_pages_have_no_profile_to_edit(admin_client):
    assert admin_client.get("/network/EUROPOL/edit").status_code == 403


def test_saved_profile_is_shown_rendered_and_audited(member_client, db):
    response = member_client.post("/network/IT/edit", data=_form("IT"), follow_redirects=True)
    assert b"The profile of Italy is saved." in response.data
    assert b"<li>Carabinieri</li>" in response.data
    assert b"1 October 2026" in response.data
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "edit_profile"))
    assert event.changes["working_languages"] == ["", "Italian, English"]


def test_markdown_in_a_profile_renders_inert(member_client):
    hostile = '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>'
    member_client.post("/network/IT/edit", data=_form("IT", spoc_structure=hostile))
    page = member_client.get("/network/IT").data.decode()
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page  # shown as text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("profile_verified_on", "2999-01-01", "cannot be in the future"),
        ("profile_verified_on", "yesterday", "Not a valid date value."),
        ("profile_verified_on", "", "Give the date on which the profile was checked."),
        ("working_languages", "x" * 201, "Field cannot be longer than 200 characters."),
        ("contact_channel", "SIENA\x00", "control characters"),
    ],
)
def test_bad_profile_input_is_explained_kept_and_not_saved(member_client, field, value, message, db):
    before = organisation("IT").version
    data = _form("IT", **{field: value})
    response = member_client.post("/network/IT/edit", data=data)
    assert response.status_code == 200
    assert message in response.data.decode()
    assert PROFILE["spoc_structure"] in response.data.decode()  # the other typed text is kept
    db.session.expire_all()
    assert organisation("IT").version == before


def test_concurrent_edits_do_not_silently_overwrite(member_client, login_as, db):
    colleague = login_as("member", "IT")
    loaded_version = str(organisation("IT").version)
    colleague.post("/network/IT/edit", data=_form("IT", working_languages="Italian"))
    response = member_client.post("/network/IT/edit", data=_form("IT", version=loaded_version,
                                                                   working_languages="Italian, French"))
    assert response.status_code == 409
    assert b"Someone else saved this profile" in response.data
    assert b"Italian, French" in response.data  # my text is kept
    db.session.expire_all()
    assert db.session.scalar(db.select(Organisation.working_languages).where(Organisation.code == "IT")) == "Italian"
    # Saving again, knowingly, goes through.
    version = response.data.split(b'id="version" name="version" type="hidden" value="')[1].split(b'"')[0]
    response = member_client.post("/network/IT/edit", data=_form("IT", version=version.decode(),
                                                                   working_languages="Italian, French"))
    assert response.status_code == 303


def test_profile_form_answers_htmx_with_a_fragment(member_client):
    page = member_client.get("/network/IT/edit")
    assert b"<html" in page.data
    assert "HX-Request" in page.headers["Vary"]
    fragment = member_client.post("/network/IT/edit", data=_form("IT", profile_verified_on="2999-01-01"),
                                  headers=HTMX)
    assert is_fragment(fragment)
    assert b'id="profile-form"' in fragment.data
    assert "HX-Request" in fragment.headers["Vary"]
    saved = member_client.post("/network/IT/edit", data=_form("IT"), headers=HTMX)
    assert saved.headers["HX-Redirect"].endswith("/network/IT")
    # A boosted navigation wants the whole page.
    boosted = member_client.get("/network/IT/edit", headers={**HTMX, "HX-Boosted": "true"})
    assert b"<html" in boosted.data


def test_a_french_member_edits_the_country_profile_in_french(member_client, db):
    member_client.user.language = "fr"
    db.session.commit()
    form = member_client.get("/network/IT/edit").data.decode()
    assert "Profil national : Italy" in form
    assert "Services répressifs nationaux" in form
    refused = member_client.post("/network/IT/edit", data=_form("IT", profile_verified_on="2999-01-01"))
    assert "La date de vérification ne peut pas être dans le futur." in refused.data.decode()
    page = member_client.post("/network/IT/edit", data=_form("IT"), follow_redirects=True).data.decode()
    assert "Profil national enregistré : Italy." in page
    assert "Dernière vérification le 1 octobre 2026." in page
    history = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "edit_profile"))
    assert history is not None
    directory = member_client.get("/network/").data.decode()
    assert "Annuaire du réseau" in directory
    assert "États membres" in directory
