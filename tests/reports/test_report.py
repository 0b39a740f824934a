"""The activity report: figures checked against a known data set, the same in HTML, Word and CSV."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from docx import Document

from app.core.models import AuditEvent
from app.meetings.models import Meeting, MeetingAnswer, MeetingInvitation
from app.meetings.services import convening_term
from app.practices.models import PracticeAdoption
from app.roster.models import Expert, Nomination, TrainingActivity, TrainingParticipants
from tests.factories import organisation

PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}  # the Polish Presidency
IN = datetime(2025, 3, 10, 9, tzinfo=UTC)
OUT = datetime(2025, 9, 10, 9, tzinfo=UTC)

EXPECTED = {
    "Meetings held": 1,
    "Meetings scheduled (planned or convened)": 1,
    "Meetings cancelled": 1,
    "Organisations attending at least one meeting": 2,
    "Obstacles reported": 3,
    "Obstacles moved along (workflow steps)": 3,
    "Put under discussion": 2,
    "Obstacles resolved": 1,
    "Practices submitted": 2,
    "Practices endorsed": 1,
    "Adoptions recorded": 2,
    "Nominations received": 3,
    "Nominations accepted": 1,
    "Nominations declined": 1,
    "Experts added to the roster": 1,
    "Trainings planned in the period": 1,
    "Trainings delivered": 1,
    "Participants in delivered trainings": 15,
}


def _meeting(db, title, start, status, answers=()):
    meeting = Meeting(title=title, starts_at=start, ends_at=start + timedelta(hours=5), timezone="Europe/Warsaw",
                      status=status, place="Warsaw", presidency_term=convening_term(start, "Europe/Warsaw"))
    for code, value, delegates in answers:
        invitation = MeetingInvitation(organisation=organisation(code))
        invitation.answer = MeetingAnswer(answer=value, delegates=delegates)
        meeting.invitations.append(invitation)
    db.session.add(meeting)


def _event(db, record, action, from_state, to_state, when):
    db.session.add(AuditEvent(record_type=record.__tablename__, record_id=record.id, action=action,
                              from_state=from_state, to_state=to_state, created_at=when))


@pytest.fixture
def known_network(db, make_obstacle, make_practice):
    _meeting(db, "Spring meeting in Warsaw", IN, "minutes_published",
             [("IT", "attending", 2), ("FR", "attending", 1), ("DE", "not_attending", 0),
              ("EUROPOL", "tentative", 1)])
    _meeting(db, "Cancelled workshop", IN + timedelta(days=30), "cancelled")
    _meeting(db, "June meeting", datetime(2025, 6, 20, 9, tzinfo=UTC), "convened")
    _meeting(db, "Autumn meeting", OUT, "held", [("ES", "attending", 3)])
    obstacles = [make_obstacle("IT", kind="legal"), make_obstacle("FR", kind="legal"),
                 make_obstacle("DE", kind="technical"), make_obstacle("ES", title="Reported later")]
    for obstacle, created in zip(obstacles, [IN, IN, IN, OUT], strict=True):
        obstacle.created_at = created
    db.session.flush()
    _event(db, obstacles[0], "discuss", "reported", "under_discussion", IN)
    _event(db, obstacles[1], "discuss", "reported", "under_discussion", IN)
    _event(db, obstacles[1], "resolve", "under_discussion", "resolved", IN + timedelta(days=9))
    _event(db, obstacles[2], "discuss", "reported", "under_discussion", OUT)  # after the period
    first, second, late = (make_practice("IT", status="endorsed"), make_practice("DE"), make_practice("PL"))
    first.submitted_at, second.submitted_at, late.submitted_at = IN, IN, OUT
    first.endorsed_on = date(2025, 5, 5)
    france, spain, austria = organisation("FR"), organisation("ES"), organisation("AT")
    db.session.add_all([PracticeAdoption(practice=first, organisation=france, created_at=IN),
                        PracticeAdoption(practice=first, organisation=spain, created_at=IN),
                        PracticeAdoption(practice=second, organisation=austria, created_at=OUT)])
    countries = {c: organisation(c) for c in ("PT", "SE", "FI", "IT", "FR")}
    nominations = [Nomination(organisation=countries[c], name=f"Nominee {c}", consent=True, status=s,
                              created_at=IN) for c, s in (("PT", "accepted"), ("SE", "declined"), ("FI", "submitted"))]
    db.session.add_all(nominations)
    db.session.flush()
    _event(db, nominations[0], "accept", "under_review", "accepted", IN)
    _event(db, nominations[1], "decline", "under_review", "declined", IN)
    db.session.add(Expert(organisation=countries["PT"], name="Expert PT", accepted_on=date(2025, 3, 11),
                          review_by=date(2027, 3, 11)))
    delivered = TrainingActivity(title="SIENA course", starts_on=date(2025, 4, 1), ends_on=date(2025, 4, 3),
                                 status="delivered", online=True)
    delivered.participants = [TrainingParticipants(organisation_id=countries["IT"].id, participants=10),
                              TrainingParticipants(organisation_id=countries["FR"].id, participants=5)]
    db.session.add_all([delivered,
                        TrainingActivity(title="Planned course", starts_on=date(2025, 6, 1), ends_on=date(2025, 6, 2),
                                         status="planned", online=True),
                        TrainingActivity(title="Later course", starts_on=date(2025, 10, 1), ends_on=date(2025, 10, 2),
                                         status="planned", online=True)])
    db.session.commit()


def _html_figures(html):
    return {label: int(value) for label, value in
            re.findall(r'<tr><th scope="row">([^<]+)</th><td class="number">(\d+)</td></tr>', html)}


def test_the_html_report_matches_the_records(member_client, known_network):
    response = member_client.get("/reports/", query_string=PERIOD)
    html = response.data.decode()
    figures = _html_figures(html)
    for label, value in EXPECTED.items():
        assert figures[label] == value, label
    assert "Spring meeting in Warsaw" in html
    assert "Autumn meeting" not in html
    assert "Reported later" not in html
    # Attendance per country: Italy 1 meeting with 2 delegates.
    assert "<td>Italy</td><td>1</td><td>2</td>" in html
    # 2025: two meetings held (one in the period, one after it) and one scheduled: the rule is met.
    assert '<td>2025</td><td>2</td><td>1</td><td>Met</td>' in html


def test_the_word_document_holds_the_same_figures(member_client, known_network):
    response = member_client.get("/reports/report.docx", query_string=PERIOD)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    document = Document(io.BytesIO(response.data))
    figures = {}
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if len(cells) == 2 and cells[1].isdigit():
                figures[cells[0]] = int(cells[1])
    html_figures = _html_figures(member_client.get("/reports/", query_string=PERIOD).data.decode())
    assert {label: figures.get(label) for label in html_figures} == html_figures
    for label, value in EXPECTED.items():
        assert figures[label] == value, label
    assert "2025-01-01 to 2025-06-30" in "\n".join(p.text for p in document.paragraphs)


def test_the_csv_holds_the_same_figures(member_client, known_network):
    response = member_client.get("/reports/report.csv", query_string=PERIOD)
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    figures = {row[2]: int(row[3]) for row in rows[1:] if row[1] == "Figures"}
    for label, value in EXPECTED.items():
        assert figures[label] == value, label
    assert rows[0] == ["Marking: SPOC Network - internal"]
    assert ["Meetings", "Meetings held", "2025-03-10", "Spring meeting in Warsaw", "Warsaw", "2", "3",
            "SPOC Network - internal"] in rows


def test_the_default_period_is_the_current_presidency(member_client):
    html = member_client.get("/reports/").data.decode()
    assert "Report for the" in html
    assert "Presidency" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2025-06-30", "end": "2025-01-01"}, "The period ends before it starts"),
        ({"start": "2020-01-01", "end": "2025-01-01"}, "A report covers at most 5 years"),
        ({"start": "2025-01-01"}, "Give both the first and the last day"),
        ({"start": "yesterday", "end": "2025-01-01"}, "Not a valid date value."),
    ],
)
def test_a_wrong_period_is_explained_never_a_500(member_client, query, message):
    for path in ("/reports/", "/reports/report.docx", "/reports/report.csv"):
        assert member_client.get(path, query_string=query).status_code == 200
    assert message in member_client.get("/reports/", query_string=query).data.decode()


def test_five_years_exactly_is_allowed(member_client):
    html = member_client.get("/reports/", query_string={"start": "2020-01-01", "end": "2024-12-31"}).data.decode()
    assert "2020-01-01 to 2024-12-31" in html or "1 January 2020" in html
    assert "at most 5 years" not in html


def test_the_report_needs_login(client):
    assert client.get("/reports/").status_code == 302
    assert client.get("/reports/report.docx").status_code == 302


# In French ------------------------------------------------------------------------------------------------

@pytest.fixture
def french_client(member_client):
    member_client.user.language = "fr"
    from app.extensions import db

    db.session.commit()
    return member_client


def test_a_french_reader_gets_the_page_in_french_with_the_same_figures(french_client, known_network):
    html = french_client.get("/reports/", query_string=PERIOD).data.decode()
    assert '<html lang="fr"' in html
    assert "<h1>Activités du réseau</h1>" in html
    assert "Rapport sur la Présidence Poland (" in html  # the Polish Presidency's term, as the network names it
    assert " : du 1 janvier 2025 au 30 juin 2025.</p>" in html
    assert "Télécharger les tableaux (CSV)" in html
    figures = _html_figures(html)
    assert figures["Réunions tenues"] == EXPECTED["Meetings held"]
    assert figures["Participants aux formations dispensées"] == EXPECTED["Participants in delivered trainings"]
    assert '<th scope="col">Organisations participantes</th>' in html
    assert "<td>2025</td><td>2</td><td>1</td><td>Respectée</td>" in html
    assert "Meetings held" not in html


def test_a_french_reader_gets_the_csv_and_the_word_document_in_french(french_client, known_network):
    rows = list(csv.reader(io.StringIO(
        french_client.get("/reports/report.csv", query_string=PERIOD).data.decode("utf-8-sig"))))
    assert rows[0] == ["Marquage : Réseau SPOC - usage interne"]
    assert rows[1] == ["Section", "Tableau", "Élément", "Valeur"]
    assert ["Réunions", "Totaux", "Réunions tenues", "1"] in rows
    assert ["Réunions", "Réunions tenues", "Date", "Réunion", "Lieu", "Organisations participantes", "Délégués",
            "Marquage"] in rows
    assert ["Réunions", "Réunions tenues", "2025-03-10", "Spring meeting in Warsaw", "Warsaw", "2", "3",
            "Réseau SPOC - usage interne"] in rows

    document = Document(io.BytesIO(french_client.get("/reports/report.docx", query_string=PERIOD).data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Activités du réseau européen des chefs des SPOC" in text
    assert "Rapport sur la Présidence Poland (" in text
    assert "(du 2025-01-01 au 2025-06-30), établi à partir de l’intranet du réseau le " in text
    assert document.core_properties.language == "fr"
    assert any(row.cells[0].text == "Réunions tenues" for table in document.tables for row in table.rows)


def test_a_chosen_or_wrong_period_is_explained_in_french(french_client):
    html = french_client.get("/reports/", query_string={"start": "2025-06-30", "end": "2025-01-01"}).data.decode()
    assert "La période se termine avant de commencer" in html
    html = french_client.get("/reports/", query_string={"start": "2025-01-01"}).data.decode()
    assert "Indiquez le premier et le dernier jour de la période." in html
    html = french_client.get("/reports/", query_string={"start": "2025-02-01", "end": "2025-03-31"}).data.decode()
    assert "Rapport sur la période du 2025-02-01 au 2025-03-31 : du 1 février 2025 au 31 mars 2025." in html
