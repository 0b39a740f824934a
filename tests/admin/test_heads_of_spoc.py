"""Administrators designate each Member State's Head of SPOC (one per country), audited; the directory shows it."""

from app.core.models import AuditEvent
from app.network.models import HeadOfSpoc
from app.network.services import heads_user_id
from tests.factories import in_french, organisation


def _designate(client, user):
    return client.post(f"/admin/users/{user.id}/head-of-spoc")


def test_an_administrator_designates_then_replaces_the_head(admin_client, member_client, make_user, db):
    first, second = make_user("member", "IT", name="Giulia Rossi"), make_user("member", "IT", name="Marco Bianchi")
    page = admin_client.get(f"/admin/users/{first.id}").text
    assert "Italy has no Head of SPOC designated" in page
    assert "Designate Head of SPOC" in page
    response = _designate(admin_client, first)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/admin/users/{first.id}")
    assert heads_user_id(organisation("IT").id) == first.id
    assert "Giulia Rossi heads the SPOC of Italy." in admin_client.get(f"/admin/users/{first.id}").text
    assert "No: Giulia Rossi heads the SPOC of Italy" in admin_client.get(f"/admin/users/{second.id}").text

    _designate(admin_client, second)
    assert heads_user_id(organisation("IT").id) == second.id
    assert db.session.scalar(db.select(db.func.count()).select_from(HeadOfSpoc)) == 1  # one per country
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "designate_head")
                                .order_by(AuditEvent.id)).all()
    assert [(e.record_id, e.changes["head_of_spoc"]) for e in events] == [
        (first.id, [None, "Giulia Rossi"]), (second.id, ["Giulia Rossi", "Marco Bianchi"])]
    assert "Head of SPOC" in admin_client.get("/admin/users/?org=IT").text
    # The directory shows who heads the SPOC, to every member.
    directory = member_client.get("/network/IT").text
    assert "Marco Bianchi · Member · <strong>Head of SPOC</strong>" in directory
    assert "Giulia Rossi · Member</li>" in directory


def test_another_country_keeps_its_own_head(admin_client, make_user):
    italian, french = make_user("member", "IT"), make_user("member", "FR")
    _designate(admin_client, italian)
    _designate(admin_client, french)
    assert heads_user_id(organisation("IT").id) == italian.id
    assert heads_user_id(organisation("FR").id) == french.id


def test_only_members_of_member_states_head_a_spoc(admin_client, make_user, db):
    agency = make_user("member", "EUROPOL")
    response = _designate(admin_client, agency)
    assert response.status_code == 303
    assert ("Only a member of a Member State or an associated country can head its SPOC."
            in admin_client.get(response.headers["Location"]).text)
    inactive = make_user("member", "IT", active=False)
    _designate(admin_client, inactive)
    assert db.session.scalar(db.select(db.func.count()).select_from(HeadOfSpoc)) == 0
    assert "Designate Head of SPOC" not in admin_client.get(f"/admin/users/{agency.id}").text


def test_only_administrators_designate(member_client, core_client, make_user, db):
    user = make_user("member", "IT")
    assert _designate(member_client, user).status_code == 403
    assert _designate(core_client, user).status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(HeadOfSpoc)) == 0


def test_in_french(admin_client, make_user):
    user = make_user("member", "IT", name="Giulia Rossi")
    _designate(in_french(admin_client), user)
    page = admin_client.get(f"/admin/users/{user.id}").text
    assert "Oui : dirige le SPOC (Italy)" in page
    assert "Giulia Rossi dirige le SPOC (Italy)." in page
