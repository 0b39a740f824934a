"""The network directory. A Member State's country profile is its fact sheet now (tests/factsheets)."""


def test_directory_lists_every_member_state_agency_and_members(member_client, make_user):
    make_user("member", "PL", name="Marta Example")
    page = member_client.get("/network/").data.decode()
    for name in ("Austria", "Sweden", "Europol", "eu-LISA", "Council General Secretariat", "Marta Example"):
        assert name in page
    assert "/network/fact-sheets/compare" in page


def test_country_page_is_readable_by_everyone_logged_in(agency_client, client):
    assert agency_client.get("/network/IT").status_code == 200
    assert agency_client.get("/network/it").status_code == 200
    assert agency_client.get("/network/XX").status_code == 404
    assert client.get("/network/IT").status_code == 302


def test_a_member_states_page_leads_to_its_fact_sheet_and_an_agencys_does_not(agency_client):
    page = agency_client.get("/network/IT").data.decode()
    assert "/network/IT/fact-sheet" in page
    assert "/network/IT/fact-sheet.docx" in page
    assert "fact-sheet" not in agency_client.get("/network/EUROPOL").data.decode()


def test_the_former_profile_form_is_gone(member_client):
    assert member_client.get("/network/IT/edit").status_code == 404


def test_the_directory_in_french(member_client, db):
    member_client.user.language = "fr"
    db.session.commit()
    directory = member_client.get("/network/").data.decode()
    assert "Annuaire du réseau" in directory
    assert "États membres" in directory
    assert "Comparer les fiches pays" in directory
    assert "Fiche pays" in member_client.get("/network/IT").data.decode()
