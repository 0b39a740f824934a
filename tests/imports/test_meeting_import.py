"""Importing PAST meetings: each under the Presidency of its first day, held or cancelled, no invitations; they
then show as past meetings and count in the twice-a-year rule."""

from datetime import UTC, date, datetime

from app.meetings.cadence import meetings_per_year
from app.meetings.models import Meeting, MeetingInvitation
from app.notifications.models import Notification
from app.search.models import SearchDocument
from tests.imports.files import csv_bytes, xlsx_bytes
from tests.imports.steps import counts, dry_run

HEADER = ["External reference", "Title", "Start", "End", "Time zone", "Place", "Presidency", "Minutes", "Status"]
FRENCH = ["Référence externe", "Titre", "Début", "Fin", "Fuseau horaire", "Lieu", "Présidence", "Procès-verbal",
          "Statut"]


def _row(ref: str, **changes):
    values = {"ref": ref, "title": f"Plenary {ref}", "start": "2025-03-12 10:00", "end": "2025-03-12 16:30",
              "zone": "Europe/Warsaw", "place": "Warsaw", "presidency": "Poland", "minutes": "Agreed the work plan.",
              "status": "held"}
    values.update(changes)
    return list(values.values())


def _count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_past_meetings_import_under_their_presidency(admin_client, db):
    # The workbook's own date-and-time cell; an end given as a time alone is on the start's day.
    data = xlsx_bytes([_row("M-1", start=datetime(2025, 3, 12, 10), end="16:30"),
                       _row("M-2", start="03/10/2025", end="", zone="", presidency="DK", status="Cancelled",
                            minutes="")], header=HEADER)
    job, page = dry_run(admin_client, data, name="meetings.xlsx", kind="meetings")
    assert counts(page) == ["2", "2", "0", "0", "0"], page
    assert _count(db, Meeting) == 0  # a dry run writes nothing
    admin_client.post(f"/admin/imports/{job}/import")
    first, second = db.session.scalars(db.select(Meeting).order_by(Meeting.external_ref)).all()
    assert (first.status, first.presidency_term.organisation.code, first.timezone) == ("held", "PL", "Europe/Warsaw")
    assert (first.starts_at, first.ends_at) == (datetime(2025, 3, 12, 9, tzinfo=UTC),
                                                datetime(2025, 3, 12, 15, 30, tzinfo=UTC))
    # A date alone: 09:00 to 17:00 that day, in the zone of the Presidency's capital (Copenhagen).
    assert (second.status, second.presidency_term.organisation.code, second.timezone) == (
        "cancelled", "DK", "Europe/Copenhagen")
    assert (second.local_start.hour, second.local_end.hour, second.local_start.date()) == (9, 17, date(2025, 10, 3))
    assert _count(db, MeetingInvitation) == 0
    assert _count(db, Notification) == 0
    assert db.session.scalar(db.select(SearchDocument.record_id).where(SearchDocument.title == "Plenary M-1")) \
        == first.id
    past = admin_client.get("/meetings/?when=past").get_data(as_text=True)
    assert "Plenary M-1" in past
    assert "Plenary M-2" in past
    assert "Plenary M-1" in admin_client.get("/calendar?month=2025-03").get_data(as_text=True)
    assert "Poland" in admin_client.get(f"/meetings/{first.id}").get_data(as_text=True)
    years = {y.year: y for y in meetings_per_year(until=date(2025, 12, 31))}
    assert (years[2025].held, years[2025].scheduled) == (1, 0)  # the held one counts; the cancelled one does not


def test_importing_again_changes_nothing_and_an_edit_updates(admin_client, db):
    data = csv_bytes([_row("M-1"), _row("M-2", start="2025-11-20", end="", presidency="Danemark")], header=HEADER)
    job, _page = dry_run(admin_client, data, name="meetings.csv", kind="meetings")
    admin_client.post(f"/admin/imports/{job}/import")
    _job, page = dry_run(admin_client, data, name="meetings.csv", kind="meetings")
    assert counts(page) == ["2", "0", "0", "2", "0"], page
    edited = csv_bytes([_row("M-1", title="Plenary of Warsaw"), _row("M-2", start="2025-11-20", end="",
                                                                     presidency="Danemark")], header=HEADER)
    job, page = dry_run(admin_client, edited, name="meetings.csv", kind="meetings")
    assert counts(page) == ["2", "0", "1", "1", "0"], page
    admin_client.post(f"/admin/imports/{job}/import")
    db.session.expire_all()
    assert db.session.scalar(db.select(Meeting.title).where(Meeting.external_ref == "M-1")) == "Plenary of Warsaw"
    assert _count(db, Meeting) == 2


def test_french_headers_in_a_semicolon_windows_file(admin_client, db):
    data = csv_bytes([_row("M-1", presidency="Pologne", status="Tenue", place="Varsovie — Château")],
                     header=FRENCH, delimiter=";", encoding="cp1252")
    job, page = dry_run(admin_client, data, name="reunions.csv", kind="meetings")
    assert counts(page) == ["1", "1", "0", "0", "0"], page
    admin_client.post(f"/admin/imports/{job}/import")
    meeting = db.session.scalar(db.select(Meeting))
    assert (meeting.place, meeting.status, meeting.minutes) == ("Varsovie — Château", "held",
                                                                "Agreed the work plan.")
    assert meeting.minutes_published_at is not None  # a past meeting's minutes: published with the import


def test_rows_with_problems_and_nothing_is_written(admin_client, db):
    data = csv_bytes([
        _row("M-1"),  # a good row: still nothing is written while others have problems
        _row("M-2", start="2029-03-01 10:00", end="", presidency="Luxembourg"),
        _row("M-3", presidency="Atlantis"),
        _row("M-4", presidency="Denmark"),
        _row("M-5", start="31/02/2025"),
        _row("M-6", zone="Mars/Olympus"),
        _row("M-7", start="2019-03-01"),
    ], header=HEADER)
    job, page = dry_run(admin_client, data, name="meetings.csv", kind="meetings")
    assert counts(page) == ["7", "1", "0", "0", "6"], page
    assert "Only past meetings can be imported; convene future ones on the meeting page." in page
    assert "“Atlantis” is not a known Member State" in page
    assert "the Presidency was held by Poland, not Denmark." in page
    assert "“31/02/2025” is not a date" in page
    assert "“Mars/Olympus” is not a known time zone" in page
    assert "No Presidency term is recorded for" in page
    admin_client.post(f"/admin/imports/{job}/import")
    assert _count(db, Meeting) == 0


def test_the_meetings_template(admin_client):
    template = admin_client.get("/admin/imports/template/meetings.csv").data.decode("utf-8-sig")
    assert template.splitlines()[0] == ("External reference,Title,Start,End,Time zone,Place,Online URL,Presidency,"
                                        "Description,Minutes,Marking,Status")


def test_only_administrators_import_meetings(runner, make_user, tmp_path, db):
    path = tmp_path / "meetings.csv"
    path.write_bytes(csv_bytes([_row("M-1")], header=HEADER))
    member = make_user("member", "PL")
    result = runner.invoke(args=["import", "meetings", str(path), "--user", member.email])
    assert result.exit_code != 0
    assert "Only administrators import meetings." in result.output
    assert _count(db, Meeting) == 0
