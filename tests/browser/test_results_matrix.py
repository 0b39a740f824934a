"""The results of a closed cooperation round with JavaScript off: the matrix, its legend and data table, and the
indicators pass axe-core (WCAG 2.1 A/AA) at desktop and phone widths, and the page never scrolls sideways."""

import random
from datetime import date

from tests.browser.helpers import audit, screenshot
from tests.factories_assessments import RATING

YEAR = 2001  # a year no demo round is about


def _closed_round(app) -> int:
    """A closed cooperation round in which every Member State rated ten partners (made once per server)."""
    from app.assessments.models import AssessmentAnswer, AssessmentRound, AssessmentRow
    from app.extensions import db
    from app.network.services import member_states

    with app.app_context():
        found = db.session.scalar(db.select(AssessmentRound.id).where(AssessmentRound.questionnaire == "cooperation",
                                                                      AssessmentRound.year == YEAR))
        if found:
            return found
        rng = random.Random(YEAR)  # noqa: S311 - test data
        states = member_states()
        round_ = AssessmentRound(questionnaire="cooperation", year=YEAR, status="closed",
                                 deadline=date(YEAR + 1, 3, 31))
        for state in states:
            partners = rng.sample([s for s in states if s.id != state.id], 10)
            round_.answers.append(AssessmentAnswer(organisation_id=state.id, status="submitted", rows=[
                AssessmentRow(partner_id=p.id, values={**RATING, "requests_sent": rng.choice(
                    ["1-10", "11-50", "51-200", "201-1000", "1000+"]), "quality": rng.randint(1, 5)})
                for p in partners]))
        db.session.add(round_)
        db.session.commit()
        found = round_.id
        db.session.remove()
        return found


def test_results_and_matrix_without_javascript(person, live_server):
    round_id = _closed_round(live_server.app)
    page = person("member", javascript=False)
    for name, path in (("results", f"/assessments/rounds/{round_id}/results"),
                       ("matrix", f"/assessments/rounds/{round_id}/matrix")):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert page.locator("svg.matrix-svg").count() == 1
        assert page.locator("table.matrix-table tbody tr").count() == 27
        audit(page)
        assert screenshot(page, f"assessment-{name}-desktop").stat().st_size > 0
        page.set_viewport_size({"width": 360, "height": 800})
        audit(page, "at phone width")
        assert screenshot(page, f"assessment-{name}-phone").stat().st_size > 0
        scrolls_sideways = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not scrolls_sideways, f"{path} scrolls sideways on a phone"
