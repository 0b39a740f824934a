import csv
import io

import pytest

from tests.factories import HTMX, instrument, is_fragment

TITLES = ("Alpha", "Bravo", "Charlie", "Delta", "Echo")


def _titles(response):
    html = response.data.decode()
    return [t for t in TITLES if f">{t} practice</a>" in html]


@pytest.fixture
def register(make_practice):
    return [
        make_practice("IT", title="Alpha practice", topic="channels", status="endorsed", adopted_by=("FR", "ES", "PL"),
                      tags=("siena",), instruments=("EUROPOL-SIENA",), body="Uses **night shift** rotas."),
        make_practice("DE", title="Bravo practice", topic="training", status="submitted", adopted_by=("AT",),
                      tags=("cepol", "e-learning")),
        make_practice("PL", title="Charlie practice", topic="channels", status="archived"),
        make_practice("FR", title="Delta practice", topic="channels", status="draft"),
        make_practice("IT", title="Echo practice", topic="it_tools", status="draft"),
    ]


def test_facets_search_and_sort(member_client, register):
    get = member_client.get
    assert _titles(get("/practices/")) == ["Alpha", "Bravo"]  # submitted and endorsed by default
    assert _titles(get("/practices/?topic=channels")) == ["Alpha"]
    assert _titles(get("/practices/?status=archived")) == ["Charlie"]
    assert _titles(get("/practices/?status=draft")) == ["Echo"]  # the member's own country's draft only
    assert _titles(get(f"/practices/?instrument={instrument('EUROPOL-SIENA').id}")) == ["Alpha"]
    assert _titles(get("/practices/?country=DE")) == ["Bravo"]
    assert _titles(get("/practices/?tag=CEPOL")) == ["Bravo"]
    assert _titles(get("/practices/?q=NIGHT+shift")) == ["Alpha"]  # body text, any case
    html = get("/practices/?sort=adopted").data.decode()
    assert html.index("Alpha practice") < html.index("Bravo practice")
    assert "adopted by 3 countries" in html


@pytest.mark.parametrize("query", ["topic=x", "status=%00", "instrument=abc", "country=ZZ", "sort=x", "tag=" + "t" * 80,
                                   "page=0", "q=%25_%25"])
def test_bad_filters_never_break_the_list(member_client, register, query):
    # A control character in the address is refused for the whole intranet with a clear message (app/security).
    assert member_client.get(f"/practices/?{query}").status_code == (400 if "%00" in query else 200)


def test_results_answer_htmx_alone_and_pages_keep_filters(member_client, make_practice, app):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(3):
        make_practice("IT", title=f"Paged practice {n}", topic="training")
    fragment = member_client.get("/practices/?topic=training", headers=HTMX)
    assert is_fragment(fragment)
    assert fragment.data.lstrip().startswith(b'<div id="practice-list">')
    assert "HX-Request" in fragment.headers["Vary"]
    assert "topic=training&amp;page=2" in fragment.data.decode()


def test_csv_export_is_filtered_and_excel_safe(member_client, make_practice):
    make_practice("IT", title="@SUM(1+1) practice", topic="training", adopted_by=("FR", "DE"), tags=("cepol",))
    make_practice("IT", title="Other topic", topic="it_tools")
    response = member_client.get("/practices/export.csv?topic=training")
    assert response.data.startswith("\ufeff".encode())
    marking, *rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert marking == ["Marking: SPOC Network - internal"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Title"] == "'@SUM(1+1) practice"
    assert row["Adopted by"] == "France, Germany"
    assert row["Tags"] == "cepol"


def test_list_detail_and_export_use_a_fixed_number_of_queries(member_client, make_practice, count_queries, app):
    app.config["PAGE_COUNT_SECONDS"] = 0  # every view counts its list (none is remembered from the one before)
    first = make_practice("IT", adopted_by=("FR",), tags=("a",), comments=1)

    def measure():
        counts = []
        for path in ("/practices/", "/practices/?sort=adopted&tag=a", "/practices/export.csv",
                     f"/practices/{first.id}"):
            with count_queries() as queries:
                assert member_client.get(path).status_code == 200
            counts.append(len(queries))
        return counts

    measure()  # the first views build what the process keeps of the reference data (app/core/reference.py)
    small = measure()
    for n in range(12):
        make_practice("DE", title=f"More {n}", adopted_by=("FR", "ES", "PL"), tags=("a", f"t{n}"),
                      instruments=("PRUM", "SIS-SIRENE"), comments=2)
    assert measure() == small
