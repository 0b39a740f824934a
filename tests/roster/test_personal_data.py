import json

import pytest

from app.core.models import AuditEvent
from app.roster.models import Expert, ExpertLanguage, Nomination, NominationLanguage, NominationReview, TrainingActivity
from tests.factories import log_in


@pytest.fixture
def accepted_expert(make_expert, make_nomination, make_training, make_user, db):
    expert = make_expert("IT", name="Anna Rossi", email="anna.rossi@example.org", days=12)
    nomination = make_nomination("IT", name="Anna Rossi", email="anna.rossi@example.org", status="accepted")
    nomination.expert_id = expert.id
    nomination.decision_message = "Welcome, Anna."
    db.session.add(NominationReview(nomination=nomination, reviewer_id=make_user("core-group", "DE").id,
                                    score_expertise=5, score_training=4, score_languages=3, score_availability=2,
                                    notes="Anna trains well."))
    make_training("SIENA basics", trainers=(expert,))
    db.session.commit()
    return expert


@pytest.mark.parametrize(
    ("who", "expected"),
    [("member", 403), ("other_member", 403), ("core", 403), ("agency", 403), ("admin", 200)],
)
def test_only_administrators_export_and_erase(request, accepted_expert, who, expected):
    client = request.getfixturevalue(f"{who}_client")
    assert client.get(f"/experts/{accepted_expert.id}/export.json").status_code == expected
    assert client.get(f"/experts/{accepted_expert.id}/erase").status_code == expected
    if expected == 403:
        assert client.post(f"/experts/{accepted_expert.id}/erase").status_code == 403


def test_anonymous_users_cannot_export(client, accepted_expert):
    assert client.get(f"/experts/{accepted_expert.id}/export.json").status_code == 302


def test_the_export_holds_everything_about_the_expert(admin_client, accepted_expert, db):
    response = admin_client.get(f"/experts/{accepted_expert.id}/export.json")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["expert"]["name"] == "Anna Rossi"
    assert data["expert"]["email"] == "anna.rossi@example.org"
    assert data["expert"]["languages"] == [{"language": "English", "level": "C1"}]
    assert data["expert"]["days_available_per_year"] == 12
    [nomination] = data["nominations"]
    assert nomination["decision_message"] == "Welcome, Anna."
    assert nomination["reviews"][0]["notes"] == "Anna trains well."
    assert nomination["reviews"][0]["expertise"] == 5
    assert data["training_proposals"][0]["training"] == "SIENA basics"
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "export"))
    assert event.actor_id == admin_client.user.id


def test_erasure_removes_personal_data_and_keeps_who_erased(admin_client, core_client, accepted_expert, db):
    expert_id = accepted_expert.id
    confirm = admin_client.get(f"/experts/{expert_id}/erase")
    assert b"cannot be undone" in confirm.data
    response = admin_client.post(f"/experts/{expert_id}/erase", follow_redirects=True)
    assert response.status_code == 200
    assert f"Erased expert #{expert_id}".encode() in response.data
    assert b"Anna Rossi" not in response.data
    expert = db.session.get(Expert, expert_id)
    assert (expert.name, expert.email, expert.position, expert.days_per_year, expert.unavailable_periods) == (
        f"Erased expert #{expert_id}", "", "", None, "")
    assert db.session.scalar(db.select(db.func.count(ExpertLanguage.id))) == 0
    nomination = db.session.scalars(db.select(Nomination)).one()
    assert (nomination.name, nomination.email, nomination.motivation, nomination.decision_message) == (
        f"Erased expert #{expert_id}", "", "", "")
    assert db.session.scalar(db.select(db.func.count(NominationLanguage.id))) == 0
    assert db.session.scalars(db.select(NominationReview)).one().notes == ""
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "erase")).all()
    assert sorted((e.record_type, e.record_id, e.actor_id) for e in events) == [
        ("experts", expert_id, admin_client.user.id), ("nominations", nomination.id, admin_client.user.id)]
    # Nothing personal is left anywhere the core group looks, nor in the audit log.
    training_id = db.session.scalar(db.select(TrainingActivity.id))
    for path in ("/experts/?status=all", f"/experts/{expert_id}", f"/nominations/{nomination.id}",
                 f"/trainings/{training_id}"):
        assert b"Anna" not in core_client.get(path).data
    for audit_event in db.session.scalars(db.select(AuditEvent)):
        assert "Anna" not in json.dumps([audit_event.changes, audit_event.note])
    export = json.loads(admin_client.get(f"/experts/{expert_id}/export.json").data)
    assert "Anna" not in json.dumps(export)
    # An erased entry leaves the roster and cannot be erased twice or managed: those who may erase or manage it
    # are told its state does not allow it (409).
    assert b"Erased expert" not in core_client.get("/experts/?status=all").data
    assert admin_client.post(f"/experts/{expert_id}/erase").status_code == 409
    assert core_client.post(f"/experts/{expert_id}/reconfirm").status_code == 409


def test_erasure_without_a_csrf_token_is_refused(make_app, make_user, make_expert, db):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        expert = make_expert(name="Anna Rossi")
        expert_id = expert.id
        log_in(client, make_user("admin", "GSC"))
    response = client.post(f"/experts/{expert_id}/erase")
    assert response.status_code == 400
    assert b"security token" in response.data
    assert db.session.get(Expert, expert_id).name == "Anna Rossi"
