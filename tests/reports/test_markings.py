"""The activity report under markings: it counts only what its reader may read, and says the highest marking of
what it includes, on the page, in the Word document (header and first line) and in the CSV's first row."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document

from app.core.models import AuditEvent
from tests.factories import marking

PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}
IN = datetime(2025, 3, 10, 9, tzinfo=UTC)


@pytest.fixture
def marked_network(db, make_meeting, make_obstacle, make_practice):
    make_meeting(title="Open spring meeting", status="held", start=datetime(2025, 3, 12, 10))
    make_meeting(title="Core group summit", status="held", start=datetime(2025, 4, 2, 10), marked="core_group")
    obstacles = [make_obstacle("IT", title="Open obstacle"), make_obstacle("FR", title="LIMITE obstacle",
                                                                          marked="limite"),
                 make_obstacle("DE", title="Core group obstacle", marked="core_group")]
    for obstacle in obstacles:
        obstacle.created_at = IN
        db.session.add(AuditEvent(record_type="obstacles", record_id=obstacle.id, action="discuss",
                                  from_state="reported", to_state="under_discussion",
                                  created_at=IN + timedelta(days=1)))
    endorsed = make_practice("IT", status="endorsed", title="Core group practice", marked="core_group")
    endorsed.endorsed_on, endorsed.submitted_at = IN.date(), IN
    db.session.commit()


def _figures(html):
    return {label: int(value) for label, value in
            re.findall(r'<tr><th scope="row">([^<]+)</th><td class="number">(\d+)</td></tr>', html)}


def test_a_member_counts_and_lists_nothing_under_core_group_only(member_client, marked_network):
    html = member_client.get("/reports/", query_string=PERIOD).data.decode()
    figures = _figures(html)
    assert figures["Meetings held"] == 1
    assert figures["Obstacles reported"] == 2
    assert figures["Obstacles moved along (workflow steps)"] == 2
    assert figures["Practices endorsed"] == 0
    assert figures["Practices submitted"] == 0
    assert "Core group summit" not in html
    assert "Core group obstacle" not in html
    assert "Core group practice" not in html
    assert '<p class="marking-banner" role="note">' in html
    assert "<strong>LIMITE</strong>" in html
    assert "<td>LIMITE obstacle</td>" in html
    assert "<td>LIMITE</td>" in html
    assert "<td>2025</td><td>1</td><td>0</td>" in html  # twice a year: the summit is not counted


def test_the_core_group_reads_it_all_under_the_highest_marking(core_client, marked_network):
    html = core_client.get("/reports/", query_string=PERIOD).data.decode()
    figures = _figures(html)
    assert (figures["Meetings held"], figures["Obstacles reported"], figures["Practices endorsed"]) == (2, 3, 1)
    assert "<strong>Core group only</strong>" in html
    document = Document(io.BytesIO(core_client.get("/reports/report.docx", query_string=PERIOD).data))
    assert document.sections[0].header.paragraphs[0].text == "Marking: Core group only"


def test_the_word_document_and_the_csv_carry_the_highest_marking_they_include(member_client, marked_network):
    document = Document(io.BytesIO(member_client.get("/reports/report.docx", query_string=PERIOD).data))
    assert document.sections[0].header.paragraphs[0].text == "Marking: LIMITE"
    assert document.paragraphs[0].text == "Marking: LIMITE"  # the first line too, above the title
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert any(row[1] == "LIMITE obstacle" and row[-1] == "LIMITE" for row in rows)
    assert not any("Core group" in cell for row in rows for cell in row)
    lines = list(csv.reader(io.StringIO(member_client.get("/reports/report.csv", query_string=PERIOD)
                                        .data.decode("utf-8-sig"))))
    assert lines[0] == ["Marking: LIMITE"]
    assert not any("Core group" in cell for line in lines for cell in line)


def test_a_report_of_nothing_but_open_records_says_the_default_marking(member_client, db, make_obstacle):
    make_obstacle("IT").created_at = IN
    db.session.commit()
    first = member_client.get("/reports/report.csv", query_string=PERIOD).data.decode("utf-8-sig").splitlines()[0]
    assert first == f"Marking: {marking('internal').label_en}"
