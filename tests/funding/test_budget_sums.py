"""The sums of one activity's budget are exact: integer cents from the typed text to the totals and the shares,
where floats would drift (0.1 + 0.2, 1.10 * 3, a hundred lines of 0.10)."""

from decimal import Decimal

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.funding.budget_services import budget_of, counted, summarise, tenths_of_percent
from app.funding.models import BudgetLine
from app.funding.money import euros, parse_euros
from tests.factories_funding import source


@pytest.fixture
def meeting(make_meeting):
    return make_meeting(status="convened")


def test_a_tenth_and_two_tenths_make_exactly_three_tenths(app, meeting, make_budget_line):
    assert 0.1 + 0.2 != 0.3  # what a float column would have stored
    make_budget_line(meeting, "Coffee", planned=parse_euros("0.10"), actual=parse_euros("0,10"))
    make_budget_line(meeting, "Water", planned=parse_euros("0.20"), actual=parse_euros("0,20"))
    budget = budget_of(meeting)
    assert budget.planned_cents == 30
    assert budget.actual_cents == 30
    assert budget.difference_cents == 0
    with app.test_request_context():
        assert euros(budget.planned_cents) == "€0.30"


def test_three_lines_of_one_euro_ten_make_three_thirty(meeting, make_budget_line):
    assert 1.10 * 3 != 3.30
    for item in ("Badge", "Lanyard", "Folder"):
        make_budget_line(meeting, item, planned=parse_euros("1,10"))
    assert budget_of(meeting).planned_cents == 330


def test_many_small_lines_sum_exactly(meeting, make_budget_line):
    """A hundred lines of 0.10 and a hundred of 0.20: 30.00 exactly (a float sum gives 30.000000000000227)."""
    assert sum([0.1] * 100 + [0.2] * 100) != 30.0
    lines = [BudgetLine(meeting_id=meeting.id, item=f"Line {n}", planned_cents=10 if n % 2 else 20,
                        actual_cents=20 if n % 2 else 10) for n in range(200)]
    db.session.add_all(lines)
    db.session.commit()
    budget = budget_of(meeting)
    assert (budget.planned_cents, budget.actual_cents) == (3000, 3000)
    assert [s.cents for s in budget.shares] == [3000]
    assert budget.shares[0].percent == Decimal(100)


def test_the_largest_amounts_allowed_still_sum_exactly(meeting, make_budget_line):
    """Ten lines of 99 999 999.99: a billion less ten cents, to the cent (a BIGINT, not an INTEGER)."""
    for n in range(10):
        make_budget_line(meeting, f"Line {n}", planned=parse_euros("99 999 999,99"))
    assert budget_of(meeting).planned_cents == 99_999_999_990


def test_shares_count_the_actual_amount_where_recorded_else_the_planned(meeting, make_budget_line):
    make_budget_line(meeting, "Venue", planned=600_000, actual=500_000, kind="isf_union")
    make_budget_line(meeting, "Interpretation", planned=300_000, kind="isf_union")  # no actual yet: planned
    make_budget_line(meeting, "Dinner", planned=200_000, actual=250_000, kind="national")
    make_budget_line(meeting, "Printing", planned=50_000, kind=None)
    budget = budget_of(meeting)
    assert budget.planned_cents == 1_150_000
    assert budget.actual_cents == 750_000
    assert budget.without_actual == 2
    assert budget.difference_cents == -400_000
    shares = [(s.payer.kind if s.payer else None, s.cents, s.percent) for s in budget.shares]
    # 800 000 + 250 000 + 50 000 = 1 100 000 counted: 72.72.. %, 22.72.. %, 4.54.. %. Rounded each, they would
    # make 99.9 %: the tenth left goes to the largest remainder (0.45 of a tenth against 0.27 and 0.27).
    assert shares == [("isf_union", 800_000, Decimal("72.7")), ("national", 250_000, Decimal("22.7")),
                      (None, 50_000, Decimal("4.6"))]
    assert budget.counted_cents == 1_100_000
    assert sum(s.percent for s in budget.shares) == 100


def test_a_line_paid_through_an_application_counts_for_its_funder(meeting, make_budget_line, make_application):
    application = make_application(kind="cepol")
    make_budget_line(meeting, "Trainers", planned=100_00, kind=None, application=application)
    make_budget_line(meeting, "Room", planned=100_00, kind="cepol")
    budget = budget_of(meeting)
    assert [(s.payer, s.cents, s.percent) for s in budget.shares] == [(source("cepol"), 200_00, Decimal(100))]


def test_thirds_add_up_to_exactly_one_hundred_percent():
    assert tenths_of_percent([1, 1, 1]) == [334, 333, 333]
    assert tenths_of_percent([2, 1]) == [667, 333]
    assert tenths_of_percent([0, 0]) == [0, 0]
    assert tenths_of_percent([5, 0]) == [1000, 0]
    assert sum(tenths_of_percent([7, 13, 29, 31, 101])) == 1000


def test_an_activity_without_lines_has_nothing_to_share(meeting):
    budget = summarise([])
    assert (budget.planned_cents, budget.actual_cents, budget.shares, budget.counted_cents) == (0, 0, [], 0)
    assert budget_of(meeting).lines == []


def test_a_line_weighs_its_actual_amount_even_when_it_is_zero():
    """Nothing spent (0) is an actual amount, not a missing one: the line counts 0 in the shares."""
    assert counted(BudgetLine(planned_cents=500, actual_cents=0)) == 0
    assert counted(BudgetLine(planned_cents=500, actual_cents=None)) == 500


def test_percentages_are_shown_in_the_readers_language(app, meeting, make_budget_line):
    make_budget_line(meeting, "A", planned=1, kind="isf_union")
    make_budget_line(meeting, "B", planned=2, kind="national")
    with app.test_request_context():
        budget = budget_of(meeting)
        assert [s.percent_label for s in budget.shares] == ["66.7%", "33.3%"]
    with app.test_request_context(), force_locale("fr"):
        assert [s.percent_label for s in budget_of(meeting).shares] == ["66,7\u00a0%", "33,3\u00a0%"]
