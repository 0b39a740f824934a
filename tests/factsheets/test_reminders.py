"""The reminder that a fact sheet section is over a year old, or was never verified: to the country's Head of SPOC
(or its members when none is designated), once per section and verification, each one's choice for the kind
applying."""

from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.factsheets.models import FactSheetSection
from app.factsheets.sections import SECTIONS
from app.network.models import HeadOfSpoc
from app.notifications.models import NotificationPreference
from app.notifications.periodic import queue_periodic
from tests.factories import organisation, queued

NOW = datetime(2029, 3, 1, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _reminders_on(app):
    app.config["FACT_SHEET_REMINDERS"] = True


def _verified_everything(code: str, at: datetime) -> None:
    for section in SECTIONS:
        db.session.add(FactSheetSection(organisation=organisation(code), section=section.key, values={},
                                        last_verified_at=at))
    db.session.commit()


def _row(code: str, key: str) -> FactSheetSection:
    return db.session.scalar(db.select(FactSheetSection).where(
        FactSheetSection.organisation_id == organisation(code).id, FactSheetSection.section == key))


def test_a_section_over_a_year_old_reminds_the_head_of_spoc_once(make_user):
    head = make_user("member", "IT")
    colleague = make_user("member", "IT")
    db.session.add(HeadOfSpoc(organisation_id=head.organisation_id, user_id=head.id))
    _verified_everything("IT", NOW - timedelta(days=100))
    _row("IT", "contacts").last_verified_at = datetime(2028, 2, 1, 9, 0, tzinfo=UTC)  # 13 months before NOW
    db.session.commit()

    assert queue_periodic(NOW) == 1
    assert queue_periodic(NOW + timedelta(days=1)) == 0  # once
    [reminder] = queued(kind="fact_sheet_outdated")
    assert reminder.to_address == head.email  # not the colleague: the Head of SPOC answers for the sheet
    assert reminder.to_address != colleague.email
    assert reminder.subject == "Fact sheet of Italy: “24/7 contacts” was last verified on 1 February 2028"
    assert "over a year ago" in reminder.body_text
    assert "http://spoc.test/network/IT/fact-sheet#section-contacts" in reminder.body_text
    assert reminder.delivery == "digest"


def test_a_new_verification_that_ages_again_reminds_again(make_user):
    make_user("member", "IT")
    _verified_everything("IT", NOW - timedelta(days=100))
    _row("IT", "spoc").last_verified_at = NOW - timedelta(days=400)
    db.session.commit()
    assert queue_periodic(NOW) == 1
    _row("IT", "spoc").last_verified_at = NOW  # someone checked it
    db.session.commit()
    assert queue_periodic(NOW + timedelta(days=30)) == 0
    assert queue_periodic(NOW + timedelta(days=366)) == 7  # a year later, every section is due again
    assert len(queued(kind="fact_sheet_outdated")) == 8


def test_sections_never_verified_count_as_outdated_and_go_to_every_member_without_a_head(make_user):
    first, second = make_user("member", "FR"), make_user("member", "FR")
    make_user("member", "FR", active=False)
    _verified_everything("FR", NOW - timedelta(days=10))
    db.session.delete(_row("FR", "data_protection"))
    db.session.commit()
    assert queue_periodic(NOW) == 2
    assert {r.to_address for r in queued(kind="fact_sheet_outdated")} == {first.email, second.email}
    assert queued(kind="fact_sheet_outdated")[0].subject == (
        "Fact sheet of France: “Data protection authority” was never verified")


def test_a_member_who_chose_never_gets_no_reminder(make_user):
    member = make_user("member", "IT")
    db.session.add(NotificationPreference(user_id=member.id, kind="fact_sheet_outdated", delivery="never"))
    db.session.commit()
    assert queue_periodic(NOW) == 0


def test_agencies_have_no_fact_sheet_to_be_reminded_of(make_user):
    make_user("member", "EUROPOL")
    assert queue_periodic(NOW) == 0


def test_the_reminder_in_french(make_user):
    member = make_user("member", "IT")
    member.language = "fr"
    _verified_everything("IT", NOW - timedelta(days=10))
    _row("IT", "channels").last_verified_at = datetime(2027, 5, 2, tzinfo=UTC)
    db.session.commit()
    assert queue_periodic(NOW) == 1
    [reminder] = queued(kind="fact_sheet_outdated")
    assert reminder.subject == (
        "Fiche pays Italy : « Canaux exploités » vérifiée pour la dernière fois le 2 mai 2027")
