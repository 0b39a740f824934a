"""The budget section of a meeting's and a training's page, in English and in French: the lines, the totals, the
difference, the co-financing shares, and the forms only the organiser gets."""

import re
from html import unescape

import pytest

from tests.factories import in_french
from tests.i18n.checks import english_left, stored_text

NNBSP, NBSP = "\u202f", "\u00a0"  # Babel's French group separator, and the space before € and %


@pytest.fixture
def meeting(make_meeting):
    return make_meeting(status="convened", title="Autumn meeting")  # the NL Presidency's (2029 H2)


@pytest.fixture
def training(make_training):
    return make_training()  # organised by the core group


def _section(response) -> str:
    assert response.status_code == 200
    html = response.data.decode()
    start = html.index('<section id="budget"')
    return html[start:html.index("</section>", start)]


def _cells(section: str) -> list[list[str]]:
    """The text of each row of the section's tables, cell by cell."""
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in row] for row in cells]


@pytest.fixture
def lines(meeting, make_budget_line, make_application):
    make_budget_line(meeting, "Venue and interpretation", planned=1_234_500, actual=1_200_000, kind="isf_union")
    make_budget_line(meeting, "Coffee breaks", planned=10, kind=None,
                     application=make_application("Network meetings 2029", kind="national"))
    make_budget_line(meeting, "Badges", planned=20, kind=None)
    return meeting


def test_the_meeting_page_shows_lines_totals_and_shares_in_english(lines, login_as):
    section = _section(login_as("member", "FR").get(f"/meetings/{lines.id}"))
    rows = _cells(section)
    assert ["Venue and interpretation", "ISF Union actions", "€12,345.00", "€12,000.00"] in rows
    assert ["Coffee breaks", "Application: Network meetings 2029 (National budget)", "€0.10", "—"] in rows
    assert ["Badges", "Not yet funded", "€0.20", "—"] in rows
    assert ["Total", "", "€12,345.30", "€12,000.00"] in rows
    assert "<dt>Difference (actual − planned)</dt><dd>-€345.30</dd>" in section
    assert "(2 lines have no actual amount yet)" in section
    assert "Each line counts with its actual amount where one is recorded, else with its planned amount." in section
    # 12 000.00 + 0.10 + 0.20 counted: the ISF takes 12 000.00 of 12 000.30 (99.997 %, shown to one decimal).
    assert ["ISF Union actions", "€12,000.00", "100.0%"] in rows
    assert ["National budget", "€0.10", "0.0%"] in rows
    assert ["Not yet funded", "€0.20", "0.0%"] in rows
    assert ["Total", "€12,000.30", ""] in rows
    # A member of another country reads the budget but gets no form, no edit or remove link.
    assert "Add a line" not in section
    assert "/funding/budget/lines/" not in section


def test_the_meeting_page_shows_the_budget_in_french(lines, login_as):
    client = in_french(login_as("member", "FR"))
    response = client.get(f"/meetings/{lines.id}")
    section = _section(response)
    rows = _cells(section)
    assert ["Venue and interpretation", "Actions de l'Union du FSI", f"12{NNBSP}345,00{NBSP}€",
            f"12{NNBSP}000,00{NBSP}€"] in rows
    assert ["Coffee breaks", "Demande : Network meetings 2029 (Budget national)", f"0,10{NBSP}€", "—"] in rows
    assert ["Badges", "Pas encore financé", f"0,20{NBSP}€", "—"] in rows
    assert ["Total", "", f"12{NNBSP}345,30{NBSP}€", f"12{NNBSP}000,00{NBSP}€"] in rows
    assert f"<dt>Écart (réel − prévu)</dt><dd>-345,30{NBSP}€</dd>" in section
    assert "(2 lignes n’ont pas encore de montant réel)" in section
    assert ["Actions de l'Union du FSI", f"12{NNBSP}000,00{NBSP}€", f"100,0{NBSP}%"] in rows
    assert not english_left(section, stored_text())  # the section (the header's links are other modules')


def test_shares_are_shown_to_one_decimal_and_add_up(meeting, make_budget_line, login_as):
    for item, kind in (("Venue", "isf_union"), ("Dinner", "national"), ("Print", "cepol")):
        make_budget_line(meeting, item, planned=100_00, kind=kind)
    rows = _cells(_section(login_as("member", "FR").get(f"/meetings/{meeting.id}")))
    shares = [row for row in rows if len(row) == 3 and row[2].endswith("%")]
    assert [row[2] for row in shares] == ["33.4%", "33.3%", "33.3%"]


def test_an_activity_without_lines_says_so(meeting, training, login_as):
    client = login_as("member", "FR")
    assert "No budget lines yet." in _section(client.get(f"/meetings/{meeting.id}"))
    assert "No budget lines yet." in _section(client.get(f"/trainings/{training.id}"))


def test_the_organiser_gets_the_add_form_and_the_line_links(lines, login_as):
    section = _section(login_as("member", "NL").get(f"/meetings/{lines.id}"))
    assert f'<form method="post" action="/funding/budget/meetings/{lines.id}/lines"' in section
    assert 'name="line-planned"' in section
    assert 'name="line-source_id"' in section
    assert section.count("/edit\">Edit") == 3
    assert section.count('class="button button-small button-danger" href="/funding/budget/lines/') == 3


def test_the_training_page_shows_its_budget_in_both_languages(training, make_budget_line, login_as):
    make_budget_line(training, "Trainers' travel", planned=45_000, actual=41_050, kind="cepol")
    make_budget_line(training, "Room", planned=30_000, kind="national")
    client = login_as("member", "FR")  # every logged-in user reads a training's page
    rows = _cells(_section(client.get(f"/trainings/{training.id}")))
    assert ["Trainers' travel", "CEPOL", "€450.00", "€410.50"] in rows
    assert ["Total", "", "€750.00", "€410.50"] in rows
    assert ["CEPOL", "€410.50", "57.8%"] in rows  # 410.50 of 710.50
    assert ["National budget", "€300.00", "42.2%"] in rows
    in_french(client)
    response = client.get(f"/trainings/{training.id}")
    section = _section(response)
    rows = _cells(section)
    assert ["Total", "", f"750,00{NBSP}€", f"410,50{NBSP}€"] in rows
    assert ["Budget national", f"300,00{NBSP}€", f"42,2{NBSP}%"] in rows
    assert not english_left(section, stored_text())


def test_the_core_group_edits_the_budget_of_the_training_it_organises(training, login_as):
    section = _section(login_as("core-group", "DE").get(f"/trainings/{training.id}"))
    assert f'action="/funding/budget/trainings/{training.id}/lines"' in section
    assert "Add a line" not in _section(login_as("member", "IT").get(f"/trainings/{training.id}"))


def test_a_cancelled_activity_says_it_takes_no_actual_amount(make_meeting, login_as):
    meeting = make_meeting(status="cancelled", cancel_reason="The venue is closed.")
    section = _section(login_as("member", "NL").get(f"/meetings/{meeting.id}"))
    assert "This activity is cancelled: its lines keep their planned amounts" in section
