"""The funding sources administrators keep at /funding/sources/: the defaults, adding, editing, retiring and offering
again, each audited; nobody else reaches the list."""

import pytest

from app.core.models import AuditEvent
from app.extensions import db
from app.funding.models import FundingSource
from tests.factories_funding import source


def _sources() -> dict[str, FundingSource]:
    return {s.name: s for s in db.session.scalars(db.select(FundingSource))}


def _audit(source_id: int) -> list[AuditEvent]:
    return list(db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.record_type == "funding_sources", AuditEvent.record_id == source_id).order_by(AuditEvent.id)))


def test_administrators_see_the_default_sources_in_both_languages(admin_client):
    html = admin_client.get("/funding/sources/").get_data(as_text=True)
    for name in ("ISF national programme", "Programme national du FSI", "ISF Union actions", "CEPOL",
                 "National budget", "Budget national", "Agency contribution (Europol, Frontex, eu-LISA, INTERPOL)"):
        assert name in html
    assert "ISF Union action</td>" in html  # the kind, next to the name
    assert html.count(">Retire</button>") == 6


@pytest.mark.parametrize("who", ["member_client", "presidency_client", "core_client"])
def test_only_administrators_reach_the_sources(request, who, admin_client):
    client = request.getfixturevalue(who)
    cepol = source("cepol")
    assert client.get("/funding/sources/").status_code == 403
    assert client.get("/funding/sources/new").status_code == 403
    assert client.post("/funding/sources/new", data={"name": "Mine", "kind": "other", "position": "1"}
                       ).status_code == 403
    assert client.post(f"/funding/sources/{cepol.id}/edit", data={"name": "Renamed", "kind": "cepol",
                                                                   "position": "1"}).status_code == 403
    assert client.post(f"/funding/sources/{cepol.id}/retire").status_code == 403
    assert "Mine" not in _sources()
    assert "Renamed" not in _sources()
    assert source("cepol").active


def test_a_missing_source_is_404(admin_client):
    assert admin_client.get("/funding/sources/999999/edit").status_code == 404
    assert admin_client.post("/funding/sources/999999/retire").status_code == 404


def test_an_administrator_adds_a_source_audited(admin_client):
    response = admin_client.post("/funding/sources/new", data={
        "kind": "national", "name": "Italian Interior Ministry fund", "name_fr": "Fonds du ministère italien",
        "position": "5"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/funding/sources/")
    added = _sources()["Italian Interior Ministry fund"]
    assert (added.kind, added.name_fr, added.position, added.active) == ("national", "Fonds du ministère italien", 5,
                                                                           True)
    [event] = _audit(added.id)
    assert event.action == "create"
    assert event.actor_id == admin_client.user.id
    html = admin_client.get("/funding/sources/").get_data(as_text=True)
    assert "The source “Italian Interior Ministry fund” is saved." in html
    # Position 5: after the ISF national programme (0), before the ISF Union actions (10).
    rows = html.split("<tbody>")[1]
    assert rows.index("ISF national programme") < rows.index("Italian Interior Ministry fund") < rows.index(
        "ISF Union actions")


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"name": "", "kind": "other", "position": "1"}, "name", "This field is required."),
    ({"name": "cepol", "kind": "other", "position": "1"}, "name", "A source of this name already exists"),
    ({"name": "A fund", "kind": "lottery", "position": "1"}, "kind", "Not a valid choice"),
    ({"name": "A fund", "kind": "other", "position": "-1"}, "position", "Number must be between 0 and 100000"),
    ({"name": "A fund", "kind": "other", "position": ""}, "position", "Give a number."),
    ({"name": "A fund\x00", "kind": "other", "position": "1"}, "name", "control characters"),
    ({"name": "x" * 201, "kind": "other", "position": "1"}, "name", "200"),
])
def test_a_wrong_source_is_refused_next_to_its_field_and_nothing_is_written(admin_client, data, field, message):
    before = sorted((s.name, s.kind, s.position) for s in _sources().values())
    events = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    response = admin_client.post("/funding/sources/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    error = html.split(f'id="{field}-error">')[1].split("</p>")[0]
    assert message in error
    if "\x00" not in data["name"]:
        assert f'value="{data["name"]}"' in html  # the typed text is kept
    assert sorted((s.name, s.kind, s.position) for s in _sources().values()) == before
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == events


def test_an_administrator_edits_a_source_audited_and_the_french_name_shows_to_french_readers(admin_client, login_as):
    national = source("national")
    response = admin_client.post(f"/funding/sources/{national.id}/edit", data={
        "kind": "national", "name": "National budgets", "name_fr": "Budgets nationaux", "position": "40"})
    assert response.status_code == 303
    national = db.session.get(FundingSource, national.id)
    assert (national.name, national.name_fr, national.position) == ("National budgets", "Budgets nationaux", 40)
    [event] = _audit(national.id)
    assert event.action == "edit"
    assert set(event.changes) == {"name", "name_fr", "position"}
    assert event.changes["name"] == ["National budget", "National budgets"]

    # Saved as it is: nothing changed, nothing recorded.
    admin_client.post(f"/funding/sources/{national.id}/edit", data={
        "kind": "national", "name": "National budgets", "name_fr": "Budgets nationaux", "position": "40"})
    assert len(_audit(national.id)) == 1

    # Renaming a source to its own name in other capitals is no clash with itself.
    assert admin_client.post(f"/funding/sources/{national.id}/edit", data={
        "kind": "national", "name": "NATIONAL BUDGETS", "name_fr": "", "position": "40"}).status_code == 303
    assert db.session.get(FundingSource, national.id).name_fr is None  # emptied: the English name shows

    french = login_as("admin", "GSC")
    french.user.language = "fr"
    db.session.commit()
    html = french.get("/funding/sources/").get_data(as_text=True)
    assert "Sources de financement" in html
    assert "Budget national" in html


def test_a_retired_source_is_kept_but_no_longer_offered_then_offered_again(admin_client, make_call):
    cepol = source("cepol")
    call = make_call("CEPOL exchange programme", kind="cepol")
    response = admin_client.post(f"/funding/sources/{cepol.id}/retire")
    assert response.status_code == 303
    assert not db.session.get(FundingSource, cepol.id).active
    assert [e.action for e in _audit(cepol.id)] == ["retire_source"]
    html = admin_client.get("/funding/sources/").get_data(as_text=True)
    assert "is retired: it is no longer offered for new calls" in html
    assert ">Offer again</button>" in html

    # Not offered for a new call; still shown, and kept, on the call that names it.
    form = admin_client.get("/funding/calls/new").get_data(as_text=True)
    assert f'<option value="{cepol.id}"' not in form
    edit = admin_client.get(f"/funding/calls/{call.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{cepol.id}">CEPOL (retired)</option>' in edit
    assert "CEPOL" in admin_client.get(f"/funding/calls/{call.id}").get_data(as_text=True)

    # Retired twice: nothing more recorded. Then offered again.
    admin_client.post(f"/funding/sources/{cepol.id}/retire")
    assert len(_audit(cepol.id)) == 1
    assert admin_client.post(f"/funding/sources/{cepol.id}/reactivate").status_code == 303
    assert db.session.get(FundingSource, cepol.id).active
    assert [e.action for e in _audit(cepol.id)] == ["retire_source", "reactivate_source"]
    assert f'<option value="{cepol.id}">CEPOL</option>' in admin_client.get("/funding/calls/new").get_data(as_text=True)


def test_the_list_counts_the_records_that_name_each_source(admin_client, make_call):
    make_call("First", kind="cepol")
    make_call("Second", kind="cepol")
    html = admin_client.get("/funding/sources/").get_data(as_text=True)
    row = html.split(">CEPOL</th>")[1].split("</tr>")[0]
    assert "<td>2</td>" in row
