"""An erasure reaches every table and index that held the person's data: the whole database is dumped afterwards
and searched for their name and e-mail address (on SQLite and on PostgreSQL, whichever the suite runs on)."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from app.core import audit
from app.core.models import AuditEvent
from app.notifications.models import Notification, NotificationPreference
from app.notifications.periodic import build_digests
from app.roster.models import Expert, Nomination, NominationReview
from tests.factories import NOMINATION_REVIEW, nomination_form

NAME, EMAIL = "Ottilie Brennwald", "O.Brennwald@Example.org"
TRACES = ("brennwald", "ottilie")


def database_dump(db) -> str:
    """Every row of every table, as text: SQLite's own dump (FTS5 shadow tables included), or on PostgreSQL
    each row of each table of the schema cast to text (the tsvector column with it)."""
    db.session.commit()
    if db.engine.dialect.name == "sqlite":
        raw = db.engine.raw_connection()
        try:
            return "\n".join(raw.driver_connection.iterdump())
        finally:
            raw.close()
    tables = db.session.scalars(text(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY table_name")).all()
    assert {"notifications", "search_documents"} <= set(tables)
    rows = []
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        # The table names come from the catalogue itself.
        rows += db.session.scalars(text(f"SELECT t::text FROM {quoted} AS t")).all()  # noqa: S608
    return "\n".join(rows)


def _traces(db) -> list[str]:
    dump = database_dump(db).lower()
    return [trace for trace in TRACES if trace in dump]


@pytest.fixture
def person_everywhere(app, login_as, make_training, make_user, db):
    """Ottilie Brennwald in every place the roster and what it feeds hold a person: nominated twice by Italy
    (once declined), reviewed, accepted, on the roster and in its search, proposed as a trainer, retired with a
    reason, in the mail queue (sent, queued and gathered in a digest) and in the audit log."""
    italian = login_as("member", "IT")
    db.session.add(NotificationPreference(user_id=make_user("member", "IT").id, kind="nomination_decided",
                                          delivery="digest"))
    french_core = login_as("core-group", "FR")
    note = f"{NAME} trains SIRENE staff; ask {EMAIL} about August."
    first = italian.post("/nominations/new", data=nomination_form(name=NAME, email=EMAIL,
                                                                  motivation=f"{NAME} is our best trainer."))
    assert first.status_code == 303
    first_nomination = db.session.scalars(db.select(Nomination)).one()
    french_core.post(f"/nominations/{first_nomination.id}/reviews", data=dict(NOMINATION_REVIEW, notes=note))
    declined = french_core.post(f"/nominations/{first_nomination.id}/decline",
                                data={"message": f"{NAME} lacks availability this year."})
    assert declined.status_code == 303
    second = italian.post("/nominations/new", data=nomination_form(name=NAME, email=EMAIL.lower()))
    assert second.status_code == 303
    nomination = db.session.scalars(db.select(Nomination).where(Nomination.status == "submitted")).one()
    french_core.post(f"/nominations/{nomination.id}/reviews", data=dict(NOMINATION_REVIEW, notes=note))
    french_core.post(f"/nominations/{nomination.id}/reviews", data=dict(NOMINATION_REVIEW, notes=note + " Yes."))
    login_as("core-group", "ES").post(f"/nominations/{nomination.id}/reviews", data=NOMINATION_REVIEW)
    accepted = french_core.post(f"/nominations/{nomination.id}/accept", data={"message": f"Welcome, {NAME}."})
    assert accepted.status_code == 303
    expert = db.session.scalars(db.select(Expert)).one()
    make_training("SIENA basics", trainers=(expert,))
    french_core.post(f"/experts/{expert.id}/retire", data={"reason": f"{NAME} moved to another post."})
    audit.record(french_core.user, expert, "edit", changes={"name": [NAME.upper(), NAME]})
    messages = db.session.scalars(db.select(Notification).order_by(Notification.id)).all()
    messages[0].status, messages[0].sent_at = "sent", datetime.now(UTC)
    db.session.commit()
    assert build_digests() == 1
    assert {m.status for m in db.session.scalars(db.select(Notification))} >= {"sent", "queued", "digested"}
    assert db.session.scalar(db.select(db.func.count(NominationReview.id))) == 3
    return expert


def test_erasing_an_expert_leaves_nothing_of_them_in_the_whole_database(person_everywhere, admin_client,
                                                                         core_client, db):
    expert_id = person_everywhere.id
    found = f'/experts/{expert_id}"'
    assert found in admin_client.get("/search?q=Brennwald").data.decode()
    assert set(_traces(db)) == set(TRACES)  # the dump does show them before
    response = admin_client.post(f"/experts/{expert_id}/erase")
    assert response.status_code == 303
    assert _traces(db) == []
    # What stays is the placeholder, the scores, the dates, and who did what.
    placeholder = f"Erased expert #{expert_id}"
    assert {n.name for n in db.session.scalars(db.select(Nomination))} == {placeholder}
    assert db.session.scalar(db.select(db.func.count(NominationReview.id))) == 3
    erasures = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "erase")).all()
    assert {(e.record_type, e.actor_id) for e in erasures} == {("experts", admin_client.user.id),
                                                                ("nominations", admin_client.user.id)}
    assert len(erasures) == 3
    digest = db.session.scalars(db.select(Notification).where(Notification.kind == "digest")).one()
    assert placeholder in digest.body_text
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.record_type == "nominations")) == 0
    assert found not in admin_client.get("/search?q=Brennwald").data.decode()
    assert found not in core_client.get("/search?q=Ottilie").data.decode()


def test_erasing_a_declined_nominee_from_the_nomination_leaves_nothing_of_them(login_as, admin_client, db):
    italian = login_as("member", "IT")
    french_core = login_as("core-group", "FR")
    assert italian.post("/nominations/new", data=nomination_form(name=NAME, email=EMAIL)).status_code == 303
    nomination = db.session.scalars(db.select(Nomination)).one()
    french_core.post(f"/nominations/{nomination.id}/reviews",
                     data=dict(NOMINATION_REVIEW, notes=f"{NAME} is not available."))
    french_core.post(f"/nominations/{nomination.id}/decline", data={"message": f"Sorry, {NAME}."})
    assert db.session.scalar(db.select(db.func.count(Notification.id))) >= 1
    page = admin_client.get(f"/nominations/{nomination.id}").data.decode()
    assert f"/nominations/{nomination.id}/export.json" in page
    assert f"/nominations/{nomination.id}/erase" in page
    # The export first: everything held about them, audited.
    export = admin_client.get(f"/nominations/{nomination.id}/export.json")
    assert export.status_code == 200
    assert "attachment" in export.headers["Content-Disposition"]
    data = json.loads(export.data)
    assert data["expert"] is None
    [held] = data["nominations"]
    assert (held["name"], held["email"], held["status"]) == (NAME, EMAIL.lower(), "declined")
    assert held["reviews"][0]["notes"] == f"{NAME} is not available."
    assert db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "export")).one().record_id == \
        nomination.id
    confirm = admin_client.get(f"/nominations/{nomination.id}/erase").data.decode()
    assert "This person is not on the roster" in confirm
    assert "cannot be undone" in confirm
    response = admin_client.post(f"/nominations/{nomination.id}/erase", follow_redirects=True)
    assert response.status_code == 200
    assert f"Erased nominee #{nomination.id}" in response.data.decode()
    assert _traces(db) == []
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "erase")).one()
    assert (event.record_type, event.record_id, event.actor_id) == ("nominations", nomination.id,
                                                                     admin_client.user.id)
    assert "Brennwald" not in admin_client.get(f"/nominations/{nomination.id}/export.json").data.decode()
    # Erased once: the button goes, and a second erasure is refused (409: an administrator may erase, not twice).
    assert f"/nominations/{nomination.id}/erase" not in admin_client.get(f"/nominations/{nomination.id}").data.decode()
    assert admin_client.post(f"/nominations/{nomination.id}/erase").status_code == 409


def test_erasing_from_a_nomination_of_a_person_on_the_roster_erases_their_entry_too(
        person_everywhere, admin_client, db):
    nomination = db.session.scalars(db.select(Nomination).where(Nomination.status == "declined")).one()
    assert "roster entry" in admin_client.get(f"/nominations/{nomination.id}/erase").data.decode()
    assert admin_client.post(f"/nominations/{nomination.id}/erase").status_code == 303
    assert db.session.get(Expert, person_everywhere.id).is_erased
    assert _traces(db) == []


@pytest.mark.parametrize("who", ["member", "other_member", "core", "agency"])
def test_only_administrators_export_and_erase_a_nominee(request, make_nomination, db, who):
    nomination = make_nomination("IT", status="withdrawn", name=NAME)
    client = request.getfixturevalue(f"{who}_client")
    assert client.get(f"/nominations/{nomination.id}/export.json").status_code == 403
    assert client.get(f"/nominations/{nomination.id}/erase").status_code == 403
    assert client.post(f"/nominations/{nomination.id}/erase").status_code == 403
    page = client.get(f"/nominations/{nomination.id}").data.decode()
    assert "export.json" not in page
    assert db.session.get(Nomination, nomination.id).name == NAME
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id)).where(AuditEvent.action == "export")) == 0


def test_a_short_name_is_replaced_as_a_word_only(make_expert, make_user, admin_client, db):
    expert = make_expert("IT", name="Li", email="li@example.org")
    reader = make_user("member", "IT")
    texts = ["Expert Li will train in Riga.", "The SIENA training was delivered in Lisbon."]
    db.session.add_all([Notification(kind="digest", user_id=reader.id, to_address=reader.email, subject=body,
                                     body_text=body, body_html=f"<p>{body}</p>") for body in texts])
    db.session.commit()
    assert admin_client.post(f"/experts/{expert.id}/erase").status_code == 303
    subjects = db.session.scalars(db.select(Notification.subject).order_by(Notification.id)).all()
    assert subjects == [f"Expert Erased expert #{expert.id} will train in Riga.", texts[1]]
