from datetime import date

import pytest

from app.network.models import PresidencyTerm
from app.network.services import holds_presidency, presidency_on, seed_reference_data


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2025, 1, 1), "PL"),
        (date(2025, 6, 30), "PL"),
        (date(2025, 7, 1), "DK"),
        (date(2026, 6, 30), "CY"),
        (date(2026, 7, 1), "IE"),
        (date(2026, 12, 31), "IE"),
        (date(2027, 1, 1), "LT"),
        (date(2028, 3, 15), "IT"),
        (date(2030, 12, 31), "MT"),
    ],
)
def test_presidency_look_up_across_term_boundaries(app, day, code):
    assert presidency_on(day).organisation.code == code


@pytest.mark.parametrize("day", [date(2024, 12, 31), date(2031, 1, 1)])
def test_no_presidency_outside_the_recorded_rotation(app, day):
    assert presidency_on(day) is None


def test_presidency_rights_follow_the_dates(app, make_user):
    cypriot, irish = make_user("member", "CY"), make_user("member", "IE")
    assert holds_presidency(cypriot, date(2026, 6, 30))
    assert not holds_presidency(irish, date(2026, 6, 30))
    assert holds_presidency(irish, date(2026, 7, 1))
    assert not holds_presidency(cypriot, date(2026, 7, 1))


def test_seeding_twice_adds_nothing(app, db):
    count = db.session.scalar(db.select(db.func.count(PresidencyTerm.id)))
    added = seed_reference_data()
    assert added["funding_sources"] == 0  # a module's seeder is run too
    assert set(added.values()) == {0}
    assert db.session.scalar(db.select(db.func.count(PresidencyTerm.id))) == count


def test_dashboard_names_the_current_presidency(presidency_client, member_client):
    term_country = presidency_client.user.organisation.name
    page = member_client.get("/").data.decode()
    assert f"{term_country} holds the Presidency" in page
    assert "Your country convenes" not in page
    assert "Your country convenes" in presidency_client.get("/").data.decode()
