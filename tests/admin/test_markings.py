"""Administrators keep the list of handling markings: add, rename, retire; a marking in use is never deleted."""

from app.core.markings import Marking
from tests.factories import in_french, marking


def _count(db):
    return db.session.scalar(db.select(db.func.count(Marking.id)))


def test_the_admin_navigation_leads_to_the_markings(admin_client):
    page = admin_client.get("/admin/users/").data.decode()
    assert 'href="/admin/markings/"' in page
    listing = admin_client.get("/admin/markings/").data.decode()
    assert "SPOC Network - internal" in listing
    assert "Réseau SPOC - usage interne" in listing
    assert "Core group and administrators" in listing


def test_an_administrator_adds_a_marking_offered_in_forms_in_both_languages(db, admin_client, member_client):
    response = admin_client.post("/admin/markings/", data={
        "label_en": "Sensitive - SPOC heads", "label_fr": "Sensible - chefs des SPOC", "position": "25",
        "active": "y"})
    assert response.status_code == 303
    added = db.session.scalar(db.select(Marking).where(Marking.label_en == "Sensitive - SPOC heads"))
    assert (added.name, added.restricted, added.is_default) == ("sensitive_spoc_heads", False, False)
    assert "Sensitive - SPOC heads" in member_client.get("/obstacles/new").data.decode()
    assert "Sensible - chefs des SPOC" in in_french(member_client).get("/obstacles/new").data.decode()


def test_a_blank_label_is_refused_next_to_the_field_and_the_input_kept(db, admin_client):
    before = _count(db)
    response = admin_client.post("/admin/markings/", data={"label_en": "   ", "label_fr": "Gardé ici",
                                                           "position": "5", "active": "y"})
    page = response.data.decode()
    assert response.status_code == 400
    assert "This field is required." in page
    assert 'value="Gardé ici"' in page
    assert _count(db) == before


def test_renaming_and_retiring_keeps_the_marking_on_its_records(db, admin_client, member_client, make_obstacle):
    obstacle = make_obstacle(marked="limite")
    limite = marking("limite")
    response = admin_client.post(f"/admin/markings/{limite.id}/edit", data={
        "label_en": "LIMITE (Council)", "label_fr": "LIMITE (Conseil)", "position": "20"})
    assert response.status_code == 303
    assert marking("limite").active is False
    assert "LIMITE (Council)" in member_client.get(f"/obstacles/{obstacle.id}").data.decode()
    offered = member_client.get("/obstacles/new").data.decode()
    assert "LIMITE (Council)" not in offered
    # The record's own, retired marking stays selectable when its form is edited.
    assert "LIMITE (Council)" in member_client.get(f"/obstacles/{obstacle.id}/edit").data.decode()


def test_the_default_marking_cannot_be_retired_nor_left_without_a_successor(db, admin_client):
    internal = marking("internal")
    retire = admin_client.post(f"/admin/markings/{internal.id}/edit", data={
        "label_en": internal.label_en, "label_fr": internal.label_fr, "position": "10", "is_default": "y"})
    assert retire.status_code == 400
    assert "The default marking must be offered in forms." in retire.data.decode()
    drop = admin_client.post(f"/admin/markings/{internal.id}/edit", data={
        "label_en": internal.label_en, "label_fr": internal.label_fr, "position": "10", "active": "y"})
    assert drop.status_code == 400
    assert "Make another marking the default instead" in drop.data.decode()
    assert marking("internal").is_default
    assert marking("internal").active


def test_making_another_marking_the_default_moves_it(db, admin_client):
    limite = marking("limite")
    admin_client.post(f"/admin/markings/{limite.id}/edit", data={
        "label_en": "LIMITE", "label_fr": "LIMITE", "position": "20", "is_default": "y", "active": "y"})
    assert [m.name for m in db.session.scalars(db.select(Marking).where(Marking.is_default.is_(True)))] == ["limite"]


def test_a_marking_in_use_is_not_deleted_an_unused_one_is(db, admin_client, make_meeting):
    make_meeting(marked="limite")
    limite = marking("limite")
    refused = admin_client.post(f"/admin/markings/{limite.id}/delete", follow_redirects=True)
    assert "is carried by 2 records: retire it instead" in refused.data.decode()  # the meeting and its minutes
    assert db.session.get(Marking, limite.id) is not None
    spare = Marking(name="spare", label_en="Spare", label_fr="Réserve", position=99)
    db.session.add(spare)
    db.session.commit()
    admin_client.post(f"/admin/markings/{spare.id}/delete")
    assert db.session.scalar(db.select(Marking).where(Marking.name == "spare")) is None


def test_only_administrators_keep_the_list(core_client, member_client):
    assert core_client.get("/admin/markings/").status_code == 403
    assert member_client.post("/admin/markings/", data={"label_en": "X", "label_fr": "X"}).status_code == 403
