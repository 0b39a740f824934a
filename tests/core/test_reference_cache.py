"""Reference data kept per process (app/core/reference.py): built once, and forgotten by every process as soon
as an administrator changes it, on one server or another."""

import json
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from tests.factories import instrument

ROOT = Path(__file__).resolve().parents[2]


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no {name} filter"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def _rename(admin_client, code: str, name: str, *, active: bool = True) -> None:
    target = instrument(code)
    data = {"name": name, "position": target.position, "version": getattr(target, "version", "")}
    if active:
        data["active"] = "y"
    response = admin_client.post(f"/admin/instruments/{target.id}/edit", data=data)
    assert response.status_code in (302, 303), response.data.decode()[:2000]


def test_a_renamed_or_retired_instrument_shows_at_once_in_every_filter(member_client, admin_client, count_queries):
    assert "Prüm decisions / Prüm II" in _options(member_client.get("/obstacles/").data.decode(), "instrument")
    with count_queries() as statements:
        member_client.get("/obstacles/")
    assert not [s for s in statements if "FROM legal_instruments" in s]  # kept from the first view

    _rename(admin_client, "PRUM", "Prüm II (renamed)")
    for page in ("/obstacles/", "/practices/"):
        shown = _options(member_client.get(page).data.decode(), "instrument")
        assert "Prüm II (renamed)" in shown
        assert "Prüm decisions / Prüm II" not in shown

    _rename(admin_client, "PRUM", "Prüm II (renamed)", active=False)
    assert "Prüm II (renamed)" not in _options(member_client.get("/obstacles/").data.decode(), "instrument")


def test_the_filters_are_in_the_readers_language(member_client, other_member_client):
    other_member_client.post("/language", data={"language": "fr"})
    assert _options(member_client.get("/obstacles/").data.decode(), "instrument")[0] == "Any instrument or channel"
    french = _options(other_member_client.get("/obstacles/").data.decode(), "instrument")[0]
    assert french != "Any instrument or channel"
    assert french.strip()
    assert _options(member_client.get("/obstacles/").data.decode(), "instrument")[0] == "Any instrument or channel"


def test_the_selected_value_is_shown_selected_whatever_was_rendered_before(member_client):
    prum = instrument("PRUM")
    member_client.get("/obstacles/")
    html = member_client.get(f"/obstacles/?instrument={prum.id}&kind=legal").data.decode()
    assert re.search(rf'<option selected value="{prum.id}">', html)
    assert re.search(r'<option selected value="legal">', html)
    html = member_client.get("/obstacles/").data.decode()
    assert not re.search(r'<option selected value="legal">', html)
    assert "<option selected" not in re.search(r'<select[^>]*name="instrument"[^>]*>(.*?)</select>', html, re.S)[1][30:]


def test_a_change_on_one_server_is_seen_by_the_next_request_on_another(member_client, admin_client, make_user,
                                                                      database_url, db):
    """Two application processes on one database: the other one keeps its lists until the change, then
    follows it on its very next request."""
    reader = make_user("member", "FR")
    worker = subprocess.Popen(  # noqa: S603 - the suite's own helper
        [sys.executable, "-m", "tests.core.reference_worker", database_url, reader.email], cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(path: str) -> dict:
        worker.stdin.write(path + "\n")
        worker.stdin.flush()
        return json.loads(worker.stdout.readline())

    try:
        assert json.loads(worker.stdout.readline()) == {"ready": True}
        first = ask("/obstacles/")
        assert first["status"] == 200
        assert "Prüm decisions / Prüm II" in first["instruments"]
        again = ask("/obstacles/")
        assert again["instruments"] == first["instruments"]
        assert again["reference_reads"] == 0  # kept from the first request

        _rename(admin_client, "PRUM", "Prüm II, as renamed on the other server")
        seen = ask("/obstacles/")
        assert "Prüm II, as renamed on the other server" in seen["instruments"]
        assert "Prüm decisions / Prüm II" not in seen["instruments"]

        # A member state renamed by a script outside the intranet: it announces the change with bump().
        from app.core.reference import bump
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE organisations SET name = 'Hellenic Republic' WHERE code = 'GR'"))
            bump(connection)
        assert "Hellenic Republic" in ask("/practices/")["countries"]
    finally:
        worker.stdin.close()
        worker.wait(timeout=30)
        worker.stdout.close()
