"""Retention: closed nominations are erased after the configured period by the periodic command; roster entries
left unreviewed too long are flagged to administrators, once, by e-mail and on the roster's pages."""

from datetime import UTC, datetime, timedelta

import pytest

from app.core.models import AuditEvent
from app.core.timezones import today
from app.notifications.models import Notification
from app.notifications.periodic import queue_periodic
from app.roster.models import Expert, Nomination
from app.roster.retention import months_before

NOW = datetime(2027, 6, 15, 8, 0, tzinfo=UTC)
YEAR_AGO = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)


def _erasures(db) -> list[AuditEvent]:
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "erase")
                              .order_by(AuditEvent.record_id)).all()


@pytest.mark.parametrize(("moment", "months", "expected"), [
    (datetime(2027, 3, 31, 9, tzinfo=UTC), 1, datetime(2027, 2, 28, 9, tzinfo=UTC)),
    (datetime(2028, 3, 31, 9, tzinfo=UTC), 1, datetime(2028, 2, 29, 9, tzinfo=UTC)),
    (datetime(2027, 1, 15, 9, tzinfo=UTC), 12, datetime(2026, 1, 15, 9, tzinfo=UTC)),
    (datetime(2027, 1, 15, 9, tzinfo=UTC), 13, datetime(2025, 12, 15, 9, tzinfo=UTC)),
])
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected


def test_closed_nominations_are_erased_after_the_retention_period(app, make_nomination, db):
    assert app.config["NOMINATION_RETENTION_MONTHS"] == 12
    declined = make_nomination("IT", status="declined", name="Old Declined")
    withdrawn = make_nomination("FR", status="withdrawn", name="Old Withdrawn")
    recent = make_nomination("IT", status="declined", name="Recent Declined")
    accepted = make_nomination("IT", status="accepted", name="Old Accepted")
    waiting = make_nomination("IT", status="under_review", name="Old Waiting")
    declined.decided_at = accepted.decided_at = YEAR_AGO - timedelta(minutes=1)
    withdrawn.withdrawn_at = YEAR_AGO - timedelta(minutes=1)
    recent.decided_at = YEAR_AGO + timedelta(minutes=1)
    for nomination in (declined, withdrawn, recent, accepted, waiting):
        nomination.created_at = YEAR_AGO - timedelta(days=60)
    db.session.commit()
    queue_periodic(NOW)
    db.session.expire_all()
    names = {n.id: n.name for n in db.session.scalars(db.select(Nomination))}
    assert names == {declined.id: f"Erased nominee #{declined.id}", withdrawn.id: f"Erased nominee #{withdrawn.id}",
                     recent.id: "Recent Declined", accepted.id: "Old Accepted", waiting.id: "Old Waiting"}
    erased = db.session.get(Nomination, declined.id)
    assert (erased.email, erased.motivation, erased.languages, erased.status) == ("", "", [], "declined")
    assert [(e.record_id, e.actor_id, e.note) for e in _erasures(db)] == [
        (declined.id, None, "retention period"), (withdrawn.id, None, "retention period")]
    queue_periodic(NOW)  # a second run erases nothing more
    assert len(_erasures(db)) == 2


def test_the_history_shows_the_system_erased_it(app, make_nomination, admin_client, db):
    nomination = make_nomination("IT", status="declined")
    nomination.decided_at = YEAR_AGO - timedelta(days=1)
    db.session.commit()
    queue_periodic(NOW)
    page = admin_client.get(f"/nominations/{nomination.id}").data.decode()
    assert "System" in page
    assert "retention period" in page
    assert "The personal data of this nominee was erased" in page


def test_the_retention_period_is_configurable(make_app, make_nomination_in):
    app = make_app(NOMINATION_RETENTION_MONTHS=1)
    with app.app_context():
        nomination = make_nomination_in(decided_at=NOW - timedelta(days=32))
        queue_periodic(NOW)
        assert nomination.erased_at is not None


@pytest.fixture
def make_nomination_in():
    """A declined nomination in the current application (for a test that builds its own)."""
    from app.extensions import db
    from tests.factories import organisation

    def factory(**fields):
        nomination = Nomination(organisation=organisation("IT"), name="Giulia Verdi", email="g.verdi@example.org",
                                status="declined", **fields)
        db.session.add(nomination)
        db.session.commit()
        return nomination

    return factory


def test_a_withdrawal_starts_the_retention_period(member_client, make_nomination, db):
    nomination = make_nomination("IT")
    assert member_client.post(f"/nominations/{nomination.id}/withdraw").status_code == 303
    db.session.expire_all()
    withdrawn_at = db.session.get(Nomination, nomination.id).withdrawn_at
    assert withdrawn_at is not None
    queue_periodic(withdrawn_at + timedelta(days=360))
    assert db.session.get(Nomination, nomination.id).erased_at is None
    queue_periodic(withdrawn_at + timedelta(days=370))
    assert db.session.get(Nomination, nomination.id).erased_at is not None


def test_an_expired_nomination_of_a_person_on_the_roster_is_erased_alone(make_nomination, make_expert, db):
    expert = make_expert("IT", name="Marco Neri", email="marco.neri@example.org")
    old = make_nomination("IT", status="declined", name="Marco Neri", email="marco.neri@example.org")
    later = make_nomination("IT", status="accepted", name="Marco Neri", email="marco.neri@example.org")
    later.expert_id = expert.id
    old.decided_at = YEAR_AGO - timedelta(days=30)
    db.session.commit()
    queue_periodic(NOW)
    db.session.expire_all()
    assert db.session.get(Nomination, old.id).name == f"Erased nominee #{old.id}"
    assert db.session.get(Nomination, later.id).name == "Marco Neri"
    assert db.session.get(Expert, expert.id).name == "Marco Neri"
    assert not db.session.get(Expert, expert.id).is_erased


# Roster entries past their review-by date -------------------------------------------------------------------------

@pytest.fixture
def overdue(make_expert, make_user):
    make_user("admin", "GSC")
    make_user("admin", "GSC", active=False)
    long = make_expert("IT", name="Long Overdue", review_by=today() - timedelta(days=91))
    short = make_expert("IT", name="Short Overdue", review_by=today() - timedelta(days=89))
    make_expert("IT", name="Retired Long Ago", review_by=today() - timedelta(days=400), status="retired")
    return long, short


def test_entries_long_past_review_are_notified_once_to_administrators(app, overdue, make_user, db):
    long, _short = overdue
    make_user("core-group", "DE")
    now = datetime.now(UTC)
    queue_periodic(now)
    queue_periodic(now + timedelta(hours=1))
    messages = db.session.scalars(db.select(Notification).where(Notification.kind == "roster_review_overdue")).all()
    assert [(m.record_id, m.user.role, m.user.active) for m in messages] == [(long.id, "admin", True)]
    assert "Long Overdue" in messages[0].subject
    assert "more than 90 days ago" in messages[0].body_text
    assert f"/experts/{long.id}" in messages[0].link


def test_a_reconfirmed_entry_left_to_lapse_again_is_notified_again(app, overdue, core_client, db):
    long, _short = overdue
    queue_periodic(datetime.now(UTC))
    assert core_client.post(f"/experts/{long.id}/reconfirm").status_code == 303
    db.session.expire_all()
    review_by = db.session.get(Expert, long.id).review_by
    queue_periodic(datetime.combine(review_by + timedelta(days=91), datetime.min.time(), tzinfo=UTC))
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.kind == "roster_review_overdue", Notification.record_id == long.id)) == 2


def test_the_grace_period_is_configurable(make_app, make_expert, make_user):
    app = make_app(ROSTER_REVIEW_GRACE_DAYS=10)
    with app.app_context():
        make_user("admin", "GSC")
        make_expert("IT", review_by=today() - timedelta(days=11))
        assert queue_periodic(datetime.now(UTC)) == 1


def test_administrators_see_the_flag_on_the_roster_and_the_entry(overdue, admin_client, core_client):
    long, short = overdue
    flag, entry_flag = "Over 90 days past review", "Flagged to administrators"
    listing = admin_client.get("/experts/?status=overdue").data.decode()
    row_of = {name: listing.split(name)[1].split("</tr>")[0] for name in ("Long Overdue", "Short Overdue")}
    assert flag in row_of["Long Overdue"]
    assert flag not in row_of["Short Overdue"]
    assert entry_flag in admin_client.get(f"/experts/{long.id}").data.decode()
    assert entry_flag not in admin_client.get(f"/experts/{short.id}").data.decode()
    assert flag not in core_client.get("/experts/?status=overdue").data.decode()
    assert entry_flag not in core_client.get(f"/experts/{long.id}").data.decode()


def test_the_nomination_form_tells_the_retention_period(member_client):
    page = member_client.get("/nominations/new").data.decode()
    assert "A declined or withdrawn nomination is erased 12 months after it closed" in page



def test_a_run_erases_a_batch_and_the_next_runs_the_rest(make_nomination, db, monkeypatch):
    monkeypatch.setattr("app.roster.retention.RETENTION_BATCH", 2)
    nominations = [make_nomination("IT", status="declined") for _ in range(3)]
    for nomination in nominations:
        nomination.decided_at = YEAR_AGO - timedelta(days=1)
    db.session.commit()
    queue_periodic(NOW)
    assert len(_erasures(db)) == 2
    queue_periodic(NOW)
    assert [e.record_id for e in _erasures(db)] == [n.id for n in nominations]
