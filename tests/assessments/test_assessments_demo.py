"""The demo network has assessments to look at: two closed cooperation rounds, a closed training-needs round and
this year's open round with drafts and submitted answers; its figures hold the rules the results rely on."""

from collections import Counter

from app.assessments.models import AssessmentAnswer, AssessmentRound, AssessmentRow
from app.assessments.needs import aggregate, newest_closed_round
from app.assessments.questionnaires import COOPERATION, TRAINING_NEEDS
from app.core.timezones import today
from app.demo import load_demo_data
from app.network.models import Organisation, User
from tests.factories import log_in


def _rounds(db):
    return {(r.questionnaire, r.year): r for r in db.session.scalars(db.select(AssessmentRound))}


def test_the_demo_holds_the_rounds_and_their_answers(app, db):
    assert load_demo_data()
    db.session.commit()
    year = today().year
    rounds = _rounds(db)
    assert {key: r.status for key, r in rounds.items()} == {
        ("cooperation", year - 2): "closed", ("cooperation", year - 1): "closed",
        ("training_needs", year - 1): "closed", ("cooperation", year): "open"}
    assert all(r.deadline < today() for r in rounds.values() if r.status == "closed")
    current = rounds[("cooperation", year)]
    assert current.deadline > today()
    answers = {(a.round_id, a.organisation.code): a for a in db.session.scalars(db.select(AssessmentAnswer))}
    assert answers[(current.id, "IT")].status == "draft"
    assert answers[(current.id, "IE")].status == "submitted"
    assert Counter(a.status for (r, _), a in answers.items() if r == current.id) == {"draft": 3, "submitted": 3}
    for offset in (1, 2):
        closed = rounds[("cooperation", year - offset)]
        mine = [a for (r, _), a in answers.items() if r == closed.id]
        assert 18 <= len(mine) <= 22
        assert all(a.status == "submitted" for a in mine)
        assert all(5 <= len(a.rows) <= 14 for a in mine)
    assert sum(1 for (r, _), a in answers.items() if r == rounds[("training_needs", year - 1)].id) == 15


def test_every_demo_answer_is_one_the_questionnaires_accept(app, db):
    load_demo_data()
    db.session.commit()
    for row in db.session.scalars(db.select(AssessmentRow)):
        form = COOPERATION if row.partner_id else TRAINING_NEEDS
        values, errors = form.clean(row.values)
        assert not errors, (row.id, errors)
        assert values == {q.name: row.values.get(q.name, [] if q.type == "choices" else None)
                          for q in form.questions}
        if row.partner_id:
            assert row.partner_id != row.answer.organisation_id


def test_some_countries_are_rated_by_fewer_than_three(app, db):
    load_demo_data()
    db.session.commit()
    newest = _rounds(db)[("cooperation", today().year - 1)]
    raters = Counter(db.session.scalars(
        db.select(Organisation.code).join(AssessmentRow, AssessmentRow.partner_id == Organisation.id)
        .join(AssessmentAnswer).where(AssessmentAnswer.round_id == newest.id)))
    assert {code: count for code, count in raters.items() if count < 3} == {"MT": 2, "CY": 1, "LU": 2}
    assert len(raters) == 27
    qualities = {row.values["quality"] for row in db.session.scalars(
        db.select(AssessmentRow).join(AssessmentAnswer).where(AssessmentAnswer.round_id == newest.id))}
    assert len(qualities) >= 4  # varied enough for a heat map


def test_the_demo_pages_render_for_a_head(app, db):
    load_demo_data()
    db.session.commit()
    head = db.session.scalar(db.select(User).where(User.email == "head.it@example.org"))
    client = log_in(app.test_client(), head)
    assert client.get("/assessments/").status_code == 200
    needs_round = newest_closed_round()
    page = client.get(f"/assessments/rounds/{needs_round.id}/needs")
    assert page.status_code == 200
    assert "15 countries stated needs." in page.data.decode()
    summary = aggregate(needs_round)
    assert summary.topics[0].topic == "channels"  # the most high-priority countries
    assert summary.topic("channels").countries_by_priority["high"] == 5
    assert client.get(f"/trainings/{summary.topic('data_protection').trainings[0].id}").status_code == 200
