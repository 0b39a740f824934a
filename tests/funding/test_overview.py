"""The overview at /funding/: every figure of the known data set (tests/funding/overview_dataset.py) on the page,
in the chart's SVG text and in the data table, in English and in French."""

import re
from datetime import datetime, timedelta
from html import unescape

import pytest
from flask import url_for

from app.core.timezones import today
from app.extensions import db
from app.funding.money import euros
from tests.factories import log_in
from tests.funding import overview_dataset as known

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def funding(make_meeting, make_training, make_call, make_application, make_budget_line):
    return known.build(make_meeting, make_training, make_call, make_application, make_budget_line)


def _page(client, starts_on=known.DK):
    response = client.get("/funding/", query_string={"term": known.term(starts_on).id})
    assert response.status_code == 200
    return response.data.decode()


def _table_rows(html, table_id="spend-table"):
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]


def _svg(html):
    return unescape(re.search(r"<svg .*?</svg>", html, re.S).group(0))


def _en(cents):
    whole, part = divmod(cents, 100)
    return f"€{whole:,}.{part:02d}"


def _fr(cents):
    whole, part = divmod(cents, 100)
    return f"{whole:,}".replace(",", NNBSP) + f",{part:02d}{NBSP}€"


def test_the_data_table_holds_every_figure_of_both_terms(member_client, funding):
    html = _page(member_client)
    rows = _table_rows(html)
    pl, dk = known.term(known.PL).label, known.term(known.DK).label
    for starts_on, label in ((known.PL, pl), (known.DK, dk)):
        for source, planned, actual in known.SPEND[starts_on]:
            assert [label, source, _en(planned), _en(actual)] in rows, (label, source)
        planned, actual = known.TOTALS[starts_on]
        assert [label, "Total", _en(planned), _en(actual)] in rows
    # The restricted meeting's line is not the member's to count; the cancelled meeting's planned 500.00 neither.
    assert not any(_en(known.RESTRICTED_CENTS) in cell for row in rows for cell in row)
    assert "€500.00" not in html
    # 0.10 + 0.20 is 0.30 exactly, never 0.30000000000000004.
    assert ["Poland (2025 H1)", "ISF Union actions", "€0.30", "€50.30"] in rows


def test_the_chart_writes_every_amount_on_its_bars(member_client, funding):
    svg = _svg(_page(member_client))
    assert 'role="img"' in svg
    assert 'aria-label="Planned and actual spend per half-year, by funding source"' in svg
    for starts_on in (known.PL, known.DK):
        for source, planned, actual in known.SPEND[starts_on]:
            if planned:
                assert f"<title>{source}: {_en(planned)}</title>" in svg
            if actual:
                assert f"<title>{source}: {_en(actual)}</title>" in svg
        planned, actual = known.TOTALS[starts_on]
        assert f'class="chart-total">{_en(planned)}</text>' in svg
        assert f'class="chart-total">{_en(actual)}</text>' in svg
    for label in ("Poland (2025 H1)", "Denmark (2025 H2)", "Planned", "Actual"):
        assert f">{label}</text>" in svg
    # The legend (HTML under the picture, so long names wrap): every payer once, the unfunded lines last, each with
    # its own colour.
    listed = _page(member_client).split('<ul class="chart-legend-list">', 1)[1].split("</ul>", 1)[0]
    legend = re.findall(r'<rect [^>]*fill="(#\w+)"[^>]*/></svg>\s*([^<]+?)\s*</li>', listed)
    assert [name for _, name in legend] == ["ISF national programme", "ISF Union actions", "CEPOL",
                                            "National budget", "Not yet funded"]
    assert len({colour for colour, _ in legend}) == 5
    assert "<script" not in svg


def test_the_bars_are_as_long_as_their_amounts(member_client, funding):
    """The longest bar (PL planned) spans the whole scale; a segment's width follows its amount."""
    svg = _svg(_page(member_client))
    unfunded = re.search(r'width="([\d.]+)"[^>]*><title>Not yet funded: €12,345.00</title>', svg)
    national = re.search(r'width="([\d.]+)"[^>]*><title>ISF national programme: €1,000.00</title>', svg)
    # 12,345.00 after 1.10 of 12,346.10: to the end of the 190 units; 1,000.00 of the same scale: 15.3 units (in
    # tenths, rounded down).
    assert unfunded.group(1) == "190.0"
    assert national.group(1) == "15.3"


def test_open_calls_soonest_first_with_the_days_left(member_client, funding):
    html = _page(member_client)
    calls = html[html.index('id="calls-heading"'):html.index('id="applications-heading"')]
    assert calls.index("CEPOL exchange programme") < calls.index("ISF national call for SPOC networks")
    assert "3 days left" in calls
    assert "10 days left" in calls
    assert "€200,000.00" in calls
    assert "Closed call" not in calls


def test_a_call_closing_today_says_so(member_client, make_call):
    make_call("Last-minute call", closes_on=today())
    make_call("Tomorrow's call", closes_on=today() + timedelta(days=1))
    html = member_client.get("/funding/").data.decode()
    assert "Closes today" in html
    assert "1 day left" in html


def test_applications_by_state_with_their_amounts(member_client, funding):
    rows = _table_rows(_page(member_client), "states-table")
    labels = {"idea": "Idea", "drafting": "Drafting", "submitted": "Submitted", "awarded": "Awarded",
              "rejected": "Rejected", "withdrawn": "Withdrawn"}
    for state, (count, requested, awarded) in known.STATES.items():
        assert [labels[state], str(count), _en(requested), _en(awarded)] in rows, state


def test_the_core_group_counts_the_restricted_meeting(core_client, funding):
    rows = _table_rows(_page(core_client))
    assert ["Poland (2025 H1)", "ISF Union actions", _en(30 + known.RESTRICTED_CENTS), "€50.30"] in rows


def test_the_chosen_term_shows_the_four_before_and_the_next(member_client, funding):
    html = _page(member_client, known.PL)
    rows = _table_rows(html)
    # PL is the first term recorded: it is shown with the next one (DK), whose figures are there too.
    assert ["Denmark (2025 H2)", "Total", "€1,000.30", "€0.35"] in rows
    assert f'<option value="{known.term(known.PL).id}" selected>Poland (2025 H1)</option>' in html


def test_the_default_is_todays_term(member_client):
    html = member_client.get("/funding/").data.decode()
    from app.network.services import presidency_on

    current = presidency_on(today())
    assert f'<option value="{current.id}" selected>' in html
    assert "No budget line is planned or spent in these half-years." in html


@pytest.mark.parametrize("term", ["abc", "0", "-1", "1.5", "\u0661", "99999999", "2147483648"])
def test_a_wrong_term_is_not_found_never_a_500(member_client, term):
    for path in ("/funding/", "/funding/export.csv", "/funding/export.xlsx"):
        assert member_client.get(path, query_string={"term": term}).status_code == 404


def test_the_overview_needs_login(client):
    assert client.get("/funding/").status_code == 302


# In French ------------------------------------------------------------------------------------------------

@pytest.fixture
def french_client(member_client):
    member_client.user.language = "fr"
    db.session.commit()
    return member_client


def test_a_french_reader_gets_the_amounts_in_french(french_client, funding):
    html = _page(french_client)
    rows = _table_rows(html)
    assert "12\u202f345,00\u00a0€" == _fr(1_234_500)
    for starts_on, label in ((known.PL, "Poland (S1 2025)"), (known.DK, "Denmark (S2 2025)")):
        for source, planned, actual in known.SPEND[starts_on]:
            french_source = {"ISF Union actions": "Actions de l'Union du FSI", "CEPOL": "CEPOL",
                             "National budget": "Budget national", "Not yet funded": "Pas encore financé",
                             "ISF national programme": "Programme national du FSI"}[source]
            assert [label, french_source, _fr(planned), _fr(actual)] in rows, (label, source)
        planned, actual = known.TOTALS[starts_on]
        assert [label, "Total", _fr(planned), _fr(actual)] in rows
    svg = _svg(html)
    assert "<title>Pas encore financé : 12\u202f345,00\u00a0€</title>" in svg
    assert f'class="chart-total">{_fr(1_234_610)}</text>' in svg
    assert ">Prévu</text>" in svg
    assert ">Réel</text>" in svg
    assert "3 jours restants" in html
    assert "Demandes par état" in html


def test_euros_match_babel(app):
    """The helpers above write what Babel writes (so the tests read the page as a person does)."""
    with app.test_request_context():
        assert euros(1_234_500) == _en(1_234_500)


def test_a_call_not_yet_open_is_not_listed(member_client, make_call):
    make_call("Opens next month", closes_on=today() + timedelta(days=90), opens_on=today() + timedelta(days=30))
    assert "Opens next month" not in member_client.get("/funding/").data.decode()


def test_a_meeting_counts_in_the_half_year_of_its_utc_date(member_client, make_meeting, make_budget_line):
    """1 July 2025 at 01:00 in Amsterdam is 30 June at 23:00 UTC: the Polish term's, as the page says."""
    meeting = make_meeting(title="Night meeting", start=datetime(2025, 7, 1, 1), timezone="Europe/Amsterdam")
    make_budget_line(meeting, planned=4_200, kind="cepol")
    rows = _table_rows(_page(member_client, known.PL))
    assert ["Poland (2025 H1)", "CEPOL", "€42.00", "€0.00"] in rows
    assert ["Denmark (2025 H2)", "Total", "€0.00", "€0.00"] in rows


def test_the_call_links_to_its_page_when_there_is_one(make_app, make_user, make_call):
    """The link is written only where the calls' page exists; with it, to that page."""
    app = make_app()
    if "funding.call" not in app.view_functions:  # the calls' pages are another part of the module
        app.add_url_rule("/funding/calls/<int:call_id>", "funding.call", lambda call_id: "")
    with app.app_context():
        call = make_call("Linked call")
        client = log_in(app.test_client(), make_user("member", "IT"))
        html = client.get("/funding/").data.decode()
        with app.test_request_context():
            href = url_for("funding.call", call_id=call.id)
    assert f'<a href="{href}">{call}</a>' in html


def test_without_the_calls_page_the_call_is_plain_text(member_client, make_call, app):
    """Where the calls' page is missing the title is text; where it is there (once merged), a link to it."""
    call = make_call("Unlinked call")
    html = member_client.get("/funding/").data.decode()
    if "funding.call" in app.view_functions:
        with app.test_request_context():
            expected = f'<a href="{url_for("funding.call", call_id=call.id)}">{call}</a>'
    else:
        expected = f"<td>{call}</td>"
    assert expected in html
