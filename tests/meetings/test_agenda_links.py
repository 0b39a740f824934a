"""Agenda items that point at an obstacle or a best practice, shown on both sides."""

import pytest

from app.meetings.models import AgendaItem


def test_an_agenda_item_links_an_obstacle_and_a_practice_shown_on_all_pages(login_as, make_meeting, make_obstacle,
                                                                            make_practice, db):
    meeting = make_meeting(status="convened")
    obstacle = make_obstacle("IT", title="Slow follow-ups")
    practice = make_practice("DE", title="Night desk")
    dutch = login_as("member", "NL")
    response = dutch.post(f"/meetings/{meeting.id}/agenda", data={
        "title": "Obstacles round", "presenter_id": "", "obstacle_id": str(obstacle.id),
        "practice_id": str(practice.id)})
    assert response.status_code == 303
    item = db.session.scalar(db.select(AgendaItem))
    assert (item.obstacle_id, item.practice_id) == (obstacle.id, practice.id)
    reader = login_as("member", "PT")
    agenda = reader.get(f"/meetings/{meeting.id}").data.decode()
    assert f"Obstacle #{obstacle.id}: Slow follow-ups" in agenda
    assert "Best practice: Night desk" in agenda
    for path in (f"/obstacles/{obstacle.id}", f"/practices/{practice.id}"):
        page = reader.get(path).data.decode()
        assert "Discussed at meetings" in page
        assert "“Obstacles round”" in page


def test_a_planned_meetings_agenda_stays_with_the_presidency(login_as, make_meeting, make_obstacle, db):
    meeting = make_meeting(status="planned")
    obstacle = make_obstacle("IT")
    meeting.agenda_items.append(AgendaItem(position=1, title="Draft item", obstacle_id=obstacle.id))
    db.session.commit()
    assert "Discussed at meetings" not in login_as("member", "IT").get(f"/obstacles/{obstacle.id}").data.decode()
    assert "Discussed at meetings" in login_as("member", "NL").get(f"/obstacles/{obstacle.id}").data.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("obstacle_id", "999999", "There is no obstacle number 999999."),
        ("practice_id", "999999", "There is no best practice number 999999."),
        ("obstacle_id", "twelve", "Not a valid integer value."),
        ("obstacle_id", "99999999999999", "Give a record number as shown on its page."),
        ("practice_id", "DRAFT", "it can go on an agenda once sent"),
    ],
)
def test_a_link_to_a_missing_or_private_record_is_refused(login_as, make_meeting, make_practice, db, field, value,
                                                          message):
    meeting = make_meeting()
    if value == "DRAFT":
        value = str(make_practice("FR", status="draft").id)
    response = login_as("member", "NL").post(f"/meetings/{meeting.id}/agenda", data={
        "title": "Typed title kept", "presenter_id": "", field: value})
    assert message in response.data.decode()
    assert "Typed title kept" in response.data.decode()
    assert db.session.scalar(db.select(db.func.count(AgendaItem.id))) == 0
