"""The results pages and exports send a fixed number of SQL statements, whatever the number of countries that
answered and of earlier rounds (6 countries x 2 rounds, then 27 x 10)."""

import random
from datetime import date

import pytest

from app.assessments.models import AssessmentAnswer, AssessmentRound, AssessmentRow
from app.extensions import db
from app.network.services import member_states
from tests.factories_assessments import RATING

PAGES = ("results", "matrix", "results.csv", "results.xlsx")


def _seed(countries: int, years: int, last: int) -> int:
    """``years`` closed cooperation rounds up to ``last``, each with ``countries`` submitted answers rating 8 to 15
    partners; returns the newest round's id."""
    rng = random.Random(countries * 100 + years)  # noqa: S311 - test data
    states = member_states()
    newest = None
    for year in range(last - years + 1, last + 1):
        round_ = AssessmentRound(questionnaire="cooperation", year=year, status="closed",
                                 deadline=date(year + 1, 3, 31))
        db.session.add(round_)
        for state in states[:countries]:
            answer = AssessmentAnswer(round=round_, organisation_id=state.id, status="submitted")
            partners = rng.sample([s for s in states if s.id != state.id], min(rng.randint(8, 15), len(states) - 1))
            answer.rows = [AssessmentRow(partner_id=p.id, values={**RATING, "quality": rng.randint(1, 5)})
                           for p in partners]
            db.session.add(answer)
        newest = round_
    db.session.commit()
    return newest.id


@pytest.mark.parametrize("role", ["member", "admin"])
def test_results_queries_do_not_grow(role, login_as, count_queries, app, db):
    client = login_as(role, "IT" if role == "member" else "GSC")

    def measure(round_id):
        counts = []
        for page in PAGES:
            with count_queries() as q:
                response = client.get(f"/assessments/rounds/{round_id}/{page}")
                response.get_data()  # a streamed CSV is read while it is sent
            assert response.status_code == 200, page
            counts.append(len(q))
        return counts

    small_round = _seed(6, 2, 2010)
    measure(small_round)  # the first view builds what the process keeps of the reference data
    small = measure(small_round)
    assert measure(_seed(27, 10, 2024)) == small  # 2024's results read twelve rounds' answers
    assert max(small) <= 12  # the benchmark's ceiling per request (bench/README.md)
