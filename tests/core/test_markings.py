"""Handling markings: the list administrators keep, the default, the one filter, and who hears of what."""

from app.core.markings import Marking, seed_markings, visible_markings_filter
from app.obstacles.models import Obstacle
from tests.factories import marking, organisation, queued


def _names(db):
    return list(db.session.scalars(db.select(Marking.name).order_by(Marking.position)))


def test_the_three_markings_are_seeded_once_in_both_languages(db, runner):
    assert _names(db) == ["internal", "limite", "core_group"]
    internal, limite, core = (marking(n) for n in ("internal", "limite", "core_group"))
    assert (internal.label_en, internal.label_fr, internal.is_default) == (
        "SPOC Network - internal", "Réseau SPOC - usage interne", True)
    assert (limite.label_en, limite.restricted) == ("LIMITE", False)
    assert (core.label_en, core.restricted, core.is_default) == ("Core group only", True, False)
    assert seed_markings() == 0
    result = runner.invoke(args=["network", "seed"])
    assert result.exit_code == 0
    assert "markings 0" in result.output
    assert _names(db) == ["internal", "limite", "core_group"]


def test_seeding_keeps_what_administrators_changed(db):
    limite = marking("limite")
    limite.label_fr, limite.active = "LIMITÉ", False
    marking("internal").is_default = False
    marking("limite").is_default = True
    db.session.commit()
    seed_markings()
    db.session.commit()
    assert (marking("limite").label_fr, marking("limite").active, marking("limite").is_default) == (
        "LIMITÉ", False, True)
    assert marking("internal").is_default is False


def test_a_new_record_gets_the_default_marking_whichever_it_is(db, make_obstacle):
    assert Obstacle(title="x").marking_id is None  # decided when written, from the table
    obstacle = Obstacle(title="Default marking", description="d", kind="legal", impact="low",
                        instrument_id=make_obstacle().instrument_id, reporting_org=organisation("IT"))
    db.session.add(obstacle)
    db.session.commit()
    assert obstacle.marking.name == "internal"
    marking("internal").is_default, marking("limite").is_default = False, True
    db.session.commit()
    second = Obstacle(title="Now LIMITE", description="d", kind="legal", impact="low",
                      instrument_id=obstacle.instrument_id, reporting_org=organisation("IT"))
    db.session.add(second)
    db.session.commit()
    assert second.marking.name == "limite"


def test_one_filter_hides_restricted_records_from_members_only(db, make_obstacle, make_user):
    make_obstacle(title="Open to the network")
    make_obstacle(title="LIMITE one", marked="limite")
    make_obstacle(title="For the core group", marked="core_group")

    def titles(user):
        query = db.select(Obstacle.title).where(visible_markings_filter(user, Obstacle.marking_id))
        return sorted(db.session.scalars(query))

    assert titles(make_user("member", "IT")) == ["LIMITE one", "Open to the network"]
    assert titles(make_user("member", "EUROPOL")) == ["LIMITE one", "Open to the network"]
    everything = ["For the core group", "LIMITE one", "Open to the network"]
    assert titles(make_user("core-group", "DE")) == everything
    assert titles(make_user("admin", "GSC")) == everything


def test_nobody_outside_the_core_group_is_told_of_a_restricted_record(db, make_obstacle, make_user, admin_client):
    member_fr = make_user("member", "FR")
    core_de = make_user("core-group", "DE")
    restricted = make_obstacle("FR", marked="core_group", affected=("DE",))
    response = admin_client.post(f"/obstacles/{restricted.id}/comments", data={"body": "For the core group."})
    assert response.status_code in (200, 303)
    assert [n.user_id for n in queued(kind="obstacle_comment")] == [core_de.id]
    open_one = make_obstacle("FR", title="Open obstacle", affected=("DE",))
    admin_client.post(f"/obstacles/{open_one.id}/comments", data={"body": "For everyone."})
    told = {n.user_id for n in queued(kind="obstacle_comment", record_id=open_one.id)}
    assert told == {member_fr.id, core_de.id}
