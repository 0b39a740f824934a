import csv
import io

import pytest

from tests.factories import HTMX, instrument, is_fragment, organisation


def _titles(response):
    html = response.data.decode()
    return [t for t in ("Alpha", "Bravo", "Charlie", "Delta") if f">{t} obstacle</a>" in html]


@pytest.fixture
def four(make_obstacle):
    return [
        make_obstacle("IT", title="Alpha obstacle", kind="legal", status="reported", affected=("FR",),
                      instrument_code="SIS-SIRENE", description="Alerts arrive without photographs."),
        make_obstacle("DE", title="Bravo obstacle", kind="technical", status="under_discussion",
                      affected=("FR", "ES", "PL"), counterparts=("IT",)),
        make_obstacle("PL", title="Charlie obstacle", kind="linguistic", status="resolved",
                      description="Translation of SIENA messages."),
        make_obstacle("ES", title="Delta obstacle", kind="legal", status="closed", affected=("PT", "FR")),
    ]


def test_filters_search_and_sorts(member_client, four):
    get = member_client.get
    assert _titles(get("/obstacles/?status=open")) == ["Alpha", "Bravo"]
    assert _titles(get("/obstacles/?status=resolved")) == ["Charlie"]
    assert _titles(get("/obstacles/?kind=legal")) == ["Alpha", "Delta"]
    assert _titles(get(f"/obstacles/?instrument={instrument('SIS-SIRENE').id}")) == ["Alpha"]
    assert _titles(get("/obstacles/?country=IT")) == ["Alpha", "Bravo"]  # reported by IT, or IT on the other side
    assert _titles(get("/obstacles/?country=PT")) == ["Delta"]  # said "affects us too"
    assert _titles(get("/obstacles/?mine=y")) == ["Alpha", "Bravo"]  # the member is Italian
    assert _titles(get("/obstacles/?q=PHOTOGRAPHS")) == ["Alpha"]  # case-insensitive on every database
    assert _titles(get("/obstacles/?q=siena+translation")) == ["Charlie"]
    assert _titles(get("/obstacles/?q=100%25")) == []
    html = get("/obstacles/?sort=affected").data.decode()
    assert html.index("Bravo obstacle") < html.index("Delta obstacle") < html.index("Alpha obstacle")


@pytest.mark.parametrize("query", ["status=nonsense", "kind=%00", "instrument=abc", "country=XX", "sort=drop+table",
                                   "q=" + "x" * 300, "page=-1", "page=abc", "q=%22%27%3B--"])
def test_bad_filters_never_break_the_list(member_client, four, query):
    response = member_client.get(f"/obstacles/?{query}")
    # A control character in the address is refused for the whole intranet with a clear message (app/security).
    assert response.status_code == (400 if "%00" in query else 200)
    assert b"obstacle" in response.data


def test_an_invalid_filter_says_so_next_to_it(member_client, four):
    response = member_client.get("/obstacles/?status=nonsense")
    assert b"Not a valid choice" in response.data
    assert len(_titles(response)) == 4


def test_filters_answer_htmx_with_the_list_only(member_client, four):
    response = member_client.get("/obstacles/?kind=legal", headers=HTMX)
    assert is_fragment(response)
    assert response.data.lstrip().startswith(b'<div id="obstacle-list">')
    assert "HX-Request" in response.headers["Vary"]
    assert _titles(response) == ["Alpha", "Delta"]
    full = member_client.get("/obstacles/?kind=legal")
    assert b"<html" in full.data
    assert b'<form method="get" action="/obstacles/"' in full.data


def test_pagination_keeps_the_filters(member_client, make_obstacle, app):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(5):
        make_obstacle("IT", title=f"Paged obstacle {n}", kind="legal")
    make_obstacle("IT", title="Other kind", kind="technical")
    first = member_client.get("/obstacles/?kind=legal").data.decode()
    assert "Page 1 of 3" in first
    assert "kind=legal&amp;page=2" in first
    third = member_client.get("/obstacles/?kind=legal&page=3").data.decode()
    assert third.count("Paged obstacle") == 1


def test_csv_export_is_filtered_excel_safe_and_complete(member_client, make_obstacle):
    make_obstacle("IT", title="=HYPERLINK(\"http://evil\")", kind="legal", affected=("FR", "ES"),
                  counterparts=("DE",))
    make_obstacle("IT", title="Not exported", kind="technical")
    response = member_client.get("/obstacles/export.csv?kind=legal")
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    marking, *rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert marking == ["Marking: SPOC Network - internal"]
    assert rows[0][:3] == ["ID", "Title", "Kind"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Marking"] == "SPOC Network - internal"
    assert row["Title"] == "'=HYPERLINK(\"http://evil\")"
    assert row["Affected countries"] == "France, Spain"
    assert row["Countries on the other side"] == "Germany"
    assert row["Link"].endswith("/obstacles/" + row["ID"])


def test_lists_detail_and_export_use_a_fixed_number_of_queries(member_client, make_obstacle, count_queries, db, app):
    app.config["PAGE_COUNT_SECONDS"] = 0  # every view counts its list (none is remembered from the one before)
    def measure():
        counts = []
        for path in ("/obstacles/", "/obstacles/?sort=affected&mine=y", "/obstacles/export.csv",
                     f"/obstacles/{first.id}"):
            with count_queries() as queries:
                assert member_client.get(path).status_code == 200
            counts.append(len(queries))
        return counts

    first = make_obstacle("IT", affected=("FR", "ES"), counterparts=("DE", "AT"), comments=2)
    measure()  # the first views build what the process keeps of the reference data (app/core/reference.py)
    small = measure()
    for n in range(12):
        make_obstacle("PL", title=f"More {n}", affected=("FR", "ES", "PT", "DE"), counterparts=("IT", "AT"),
                      comments=3)
    for code in ("PT", "DE", "AT", "BE", "NL"):
        first.affected.append(type(first.affected[0])(organisation=organisation(code)))
    db.session.commit()
    member_client.post(f"/obstacles/{first.id}/comments", data={"body": "one more"})
    assert measure() == small


def test_csv_export_is_streamed_in_batches_complete_and_in_order(member_client, make_obstacle, monkeypatch):
    # Small batches, so that 23 obstacles cross several of them (at full size a batch is 1,000 rows).
    monkeypatch.setattr("app.core.export.BATCH_ROWS", 5)
    monkeypatch.setattr("app.obstacles.services.BATCH_ROWS", 5)
    made = [make_obstacle("IT", title=f"Streamed {n:02d}", kind="legal", affected=("FR",) if n % 2 else ("ES", "PT"),
                          counterparts=("DE",) if n % 3 else (), marked="limite" if n == 0 else "internal")
            for n in range(23)]
    make_obstacle("IT", title="Not exported", kind="technical")
    response = member_client.get("/obstacles/export.csv?kind=legal")
    assert response.status_code == 200
    assert response.is_streamed  # sent while it is read, not built whole in memory first
    assert "Content-Length" not in response.headers
    chunks = list(response.response)
    assert len(chunks) > 4
    assert response.headers["Content-Disposition"] == 'attachment; filename="obstacles.csv"'
    body = b"".join(chunks)
    assert body.startswith("\ufeff".encode())
    marking, header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    # The first line carries the highest marking of every row, though the rows come after it.
    assert marking == ["Marking: LIMITE"]
    assert header[:3] == ["ID", "Title", "Kind"]
    rows = [dict(zip(header, row, strict=True)) for row in rows]
    assert [r["Title"] for r in rows] == [f"Streamed {n:02d}" for n in reversed(range(23))]  # newest first
    for row, obstacle in zip(rows, reversed(made), strict=True):
        n = int(row["Title"].split()[1])
        assert row["ID"] == str(obstacle.id)
        assert row["Affected countries"] == ("France" if n % 2 else "Spain, Portugal")
        assert row["Countries on the other side"] == ("Germany" if n % 3 else "")
        assert row["Marking"] == ("LIMITE" if n == 0 else "SPOC Network - internal")
