"""An investigator finds failed log-ins, refused requests and account changes in the audit log, with time,
account and source address; typed text cannot forge a line of the application log."""

import logging

from app.core.models import AuditEvent
from app.security import log as security_log
from tests.factories import PASSWORD


def _events(db, action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def test_failed_logins_are_recorded_with_time_account_and_address(client, make_user, db):
    user = make_user(email="a@example.org")
    client.post("/login", data={"email": "a@example.org", "password": "wrong"},
                environ_base={"REMOTE_ADDR": "198.51.100.7"})
    client.post("/login", data={"email": "nobody@example.org", "password": "wrong"},
                environ_base={"REMOTE_ADDR": "198.51.100.8"})
    events = _events(db, "failed_login")
    assert {e.address for e in events} == {"198.51.100.7", "198.51.100.8"}
    assert all(e.created_at is not None for e in events)
    assert any("a@example.org" in e.note for e in events)
    assert any("nobody@example.org" in e.note for e in events)
    assert user.id not in {e.actor_id for e in events if "nobody" in e.note}


def test_refused_requests_are_recorded(member_client, db):
    assert member_client.get("/admin/users/", environ_base={"REMOTE_ADDR": "203.0.113.5"}).status_code == 403
    event = _events(db, "refused")[-1]
    assert event.actor_id == member_client.user.id
    assert event.address == "203.0.113.5"
    assert event.note == "GET /admin/users/"


def test_role_and_account_changes_are_recorded_with_the_address(admin_client, make_user, db):
    user = make_user(email="b@example.org")
    admin_client.post(f"/admin/users/{user.id}/edit", environ_base={"REMOTE_ADDR": "192.0.2.1"}, data={
        "email": "b@example.org", "name": user.name, "organisation_id": user.organisation_id, "role": "core-group"})
    admin_client.post(f"/admin/users/{user.id}/deactivate", environ_base={"REMOTE_ADDR": "192.0.2.1"})
    edit = _events(db, "edit")[-1]
    assert edit.changes["role"] == ["member", "core-group"]
    assert edit.address == "192.0.2.1"
    assert _events(db, "deactivate")[-1].address == "192.0.2.1"


def test_the_audit_page_shows_the_address_and_security_events(admin_client, client, db):
    client.post("/login", data={"email": "x@example.org", "password": "y"}, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    page = admin_client.get("/admin/audit/")
    assert b"10.1.2.3" in page.data
    assert b"failed log-in" in page.data


def test_typed_text_cannot_forge_a_log_line(client, caplog):
    # One-line fields refuse line breaks, Unicode line separators included, before anything is logged; what does
    # reach the log (a refused address, say) is written on one line whatever it holds.
    forged = "x@example.org\u20282026-01-01 INFO login ok account=admin@example.org"
    with caplog.at_level(logging.WARNING, logger="spoc.security"):
        refused = client.post("/login", data={"email": forged, "password": "wrong"})
        logging.getLogger("spoc.security").warning("refused GET %s", "/x\r\n2026-01-01 INFO forged\u2028more")
    assert "This field holds one line: remove the line break." in refused.data.decode()
    messages = [r.getMessage() for r in caplog.records if r.name == "spoc.security"]
    assert len(messages) == 1
    assert len(messages[0].splitlines()) == 1
    assert "\\u2028" in messages[0]
    assert security_log.clean("a\r\nb\u2028c") == "a\\r\\nb\\u2028c"


def test_a_good_login_is_not_a_failure(client, make_user, db):
    make_user(email="a@example.org")
    client.post("/login", data={"email": "a@example.org", "password": PASSWORD})
    assert _events(db, "failed_login") == []
