from datetime import UTC, datetime, timedelta

from app.obstacles.models import Obstacle, ObstacleAffected, ObstacleComment
from tests.factories import HTMX, is_fragment


def _affected(db, obstacle):
    db.session.expire_all()
    return sorted(a.organisation.code for a in db.session.get(Obstacle, obstacle.id).affected)


def test_another_country_says_it_affects_them_too_once_per_country(other_member_client, login_as, make_obstacle, db):
    obstacle = make_obstacle("IT")
    response = other_member_client.post(f"/obstacles/{obstacle.id}/affected", data={"note": "Same with our ports."})
    assert response.status_code == 303
    assert _affected(db, obstacle) == ["FR"]
    assert db.session.get(Obstacle, obstacle.id).affected_count == 1
    page = other_member_client.get(f"/obstacles/{obstacle.id}").data.decode()
    assert "(1 country)" in page
    assert "Same with our ports." in page
    assert "Withdraw France" in page
    colleague = login_as("member", "FR")
    second = colleague.post(f"/obstacles/{obstacle.id}/affected", data={"note": "me too"})
    assert second.status_code == 409
    assert b"France has already said this affects it too." in second.data
    assert _affected(db, obstacle) == ["FR"]


def test_the_reporting_country_and_agencies_cannot_say_it(member_client, agency_client, make_obstacle, db):
    obstacle = make_obstacle("IT")
    assert member_client.post(f"/obstacles/{obstacle.id}/affected", data={}).status_code == 403
    assert agency_client.post(f"/obstacles/{obstacle.id}/affected", data={}).status_code == 403
    assert _affected(db, obstacle) == []


def test_a_country_withdraws_its_answer(other_member_client, make_obstacle, db):
    obstacle = make_obstacle("IT", affected=("FR", "ES"))
    response = other_member_client.post(f"/obstacles/{obstacle.id}/affected/withdraw")
    assert response.status_code == 303
    assert _affected(db, obstacle) == ["ES"]
    assert db.session.get(Obstacle, obstacle.id).affected_count == 1
    assert other_member_client.post(f"/obstacles/{obstacle.id}/affected/withdraw").status_code == 409


def test_affects_us_too_answers_htmx_with_the_section(other_member_client, make_obstacle):
    obstacle = make_obstacle("IT")
    response = other_member_client.post(f"/obstacles/{obstacle.id}/affected", data={"note": ""}, headers=HTMX)
    assert response.status_code == 200
    assert is_fragment(response)
    assert b'id="affected"' in response.data
    assert b"France" in response.data


def test_an_over_long_note_is_refused_and_kept(other_member_client, make_obstacle, db):
    obstacle = make_obstacle("IT")
    response = other_member_client.post(f"/obstacles/{obstacle.id}/affected", data={"note": "n" * 2001})
    assert response.status_code == 400
    assert b"Field cannot be longer than 2000 characters." in response.data
    assert b"n" * 2001 in response.data
    assert _affected(db, obstacle) == []


def test_comments_appear_without_reload_for_htmx_and_by_redirect_without(
    agency_client, member_client, make_obstacle, db
):
    obstacle = make_obstacle("IT")
    response = agency_client.post(
        f"/obstacles/{obstacle.id}/comments", data={"body": "Europol can help with **SIENA**."}, headers=HTMX
    )
    assert response.status_code == 200
    assert is_fragment(response)
    assert b"<strong>SIENA</strong>" in response.data
    assert b'id="discussion"' in response.data
    plain = member_client.post(f"/obstacles/{obstacle.id}/comments", data={"body": "Thank you."})
    assert plain.status_code == 303
    assert plain.headers["Location"].endswith(f"/obstacles/{obstacle.id}#discussion")
    page = member_client.get(f"/obstacles/{obstacle.id}").data.decode()
    assert "Europol can help with" in page
    assert "Thank you." in page


def test_an_empty_comment_is_refused_and_a_closed_discussion_takes_none(member_client, make_obstacle, db):
    obstacle = make_obstacle("IT")
    response = member_client.post(f"/obstacles/{obstacle.id}/comments", data={"body": " "}, headers=HTMX)
    assert response.status_code == 400
    assert b"This field is required." in response.data
    closed = make_obstacle("IT", status="closed")
    response = member_client.post(f"/obstacles/{closed.id}/comments", data={"body": "Late remark"})
    assert response.status_code == 409
    assert db.session.scalar(db.select(db.func.count(ObstacleComment.id))) == 0


def test_hostile_markdown_in_a_comment_renders_inert(member_client, make_obstacle):
    obstacle = make_obstacle("IT")
    member_client.post(
        f"/obstacles/{obstacle.id}/comments", data={"body": "<script>alert(1)</script> [x](javascript:alert(1))"}
    )
    page = member_client.get(f"/obstacles/{obstacle.id}").data.decode()
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page


def test_authors_correct_their_comment_for_15_minutes_only(member_client, other_member_client, make_obstacle, db):
    obstacle = make_obstacle("IT")
    member_client.post(f"/obstacles/{obstacle.id}/comments", data={"body": "Frist version"})
    comment = db.session.scalar(db.select(ObstacleComment))
    url = f"/obstacles/{obstacle.id}/comments/{comment.id}/edit"
    assert other_member_client.get(url).status_code == 403
    assert member_client.post(url, data={"body": "First version"}).status_code == 303
    db.session.refresh(comment)
    assert comment.body == "First version"
    assert comment.edited_at is not None
    comment.created_at = datetime.now(UTC) - timedelta(minutes=16)
    db.session.commit()
    response = member_client.post(url, data={"body": "Too late"})
    assert response.status_code == 403
    assert b"15 minutes" in response.data
    db.session.refresh(comment)
    assert comment.body == "First version"
    assert member_client.get(f"/obstacles/{obstacle.id + 1}/comments/{comment.id}/edit").status_code == 404


def test_affected_rows_are_unique_per_country_in_the_database(make_obstacle, db):
    import pytest
    from sqlalchemy.exc import IntegrityError

    obstacle = make_obstacle("IT", affected=("FR",))
    db.session.add(ObstacleAffected(obstacle_id=obstacle.id, organisation_id=obstacle.affected[0].organisation_id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
