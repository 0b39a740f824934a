import pytest

from app.core.models import AuditEvent
from app.network.models import PresidencyTerm, User
from tests.factories import HTMX, is_fragment, organisation

ADMIN_PAGES = [
    "/admin/", "/admin/users/", "/admin/users/new", "/admin/organisations/", "/admin/organisations/new",
    "/admin/presidency/", "/admin/presidency/new", "/admin/audit/", "/admin/instruments/", "/admin/instruments/new",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("member", 403), ("core", 403), ("agency", 403), ("presidency", 403), ("admin", 200)],
)
def test_administration_is_for_administrators_only(request, client, path, who, expected):
    fixtures = {"anonymous": "client", "member": "member_client", "core": "core_client",
                "agency": "agency_client", "presidency": "presidency_client", "admin": "admin_client"}
    user_client = request.getfixturevalue(fixtures[who])
    assert user_client.get(path).status_code == expected


def test_a_member_cannot_post_to_admin_actions(member_client, make_user, db):
    victim = make_user("member", "PL")
    response = member_client.post(f"/admin/users/{victim.id}/deactivate")
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(User, victim.id).active


def test_create_user_with_bad_input_keeps_the_text_and_writes_nothing(admin_client, make_user, db):
    make_user(email="taken@example.org")
    before = db.session.scalar(db.select(db.func.count(User.id)))
    response = admin_client.post("/admin/users/new", data={
        "email": "Taken@example.org", "name": "Someone Else", "organisation_id": organisation("IT").id,
        "role": "member"})
    assert b"An account with this e-mail address already exists." in response.data
    assert b"Someone Else" in response.data
    response = admin_client.post("/admin/users/new", data={
        "email": "not-an-address", "name": "  ", "organisation_id": 999999, "role": "emperor"})
    assert b"Enter a valid e-mail address." in response.data
    assert b"This field is required." in response.data
    assert b"Not a valid choice" in response.data
    assert b"not-an-address" in response.data
    assert db.session.scalar(db.select(db.func.count(User.id))) == before


def test_admin_edits_a_user_and_the_change_is_audited(admin_client, make_user, db):
    user = make_user("member", "IT")
    response = admin_client.post(f"/admin/users/{user.id}/edit", data={
        "email": user.email, "name": "Renamed Person", "organisation_id": organisation("IT").id,
        "role": "core-group"}, follow_redirects=True)
    assert b"Renamed Person" in response.data
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.record_id == user.id,
                                                          AuditEvent.action == "edit"))
    assert event.changes["role"] == ["member", "core-group"]
    assert event.actor_id == admin_client.user.id


def test_admin_cannot_lock_themselves_out(admin_client, db):
    me = admin_client.user
    response = admin_client.post(f"/admin/users/{me.id}/deactivate", follow_redirects=True)
    assert b"You cannot deactivate your own account." in response.data
    response = admin_client.post(f"/admin/users/{me.id}/edit", data={
        "email": me.email, "name": me.name, "organisation_id": me.organisation_id, "role": "member"})
    assert b"You cannot remove your own administrator role." in response.data
    db.session.expire_all()
    assert db.session.get(User, me.id).role == "admin"
    assert db.session.get(User, me.id).active


def test_presidency_terms_may_not_overlap_or_run_backwards(admin_client, db):
    count = db.session.scalar(db.select(db.func.count(PresidencyTerm.id)))
    response = admin_client.post("/admin/presidency/new", data={
        "organisation_id": organisation("AT").id, "starts_on": "2026-05-01", "ends_on": "2026-09-30"})
    assert b"These dates overlap" in response.data
    response = admin_client.post("/admin/presidency/new", data={
        "organisation_id": organisation("AT").id, "starts_on": "2031-06-30", "ends_on": "2031-01-01"})
    assert b"The last day must not be before the first day." in response.data
    response = admin_client.post("/admin/presidency/new", data={
        "organisation_id": organisation("EUROPOL").id, "starts_on": "2031-01-01", "ends_on": "2031-06-30"})
    assert b"Not a valid choice" in response.data
    assert db.session.scalar(db.select(db.func.count(PresidencyTerm.id))) == count
    response = admin_client.post("/admin/presidency/new", data={
        "organisation_id": organisation("CY").id, "starts_on": "2031-01-01", "ends_on": "2031-06-30"},
        follow_redirects=True)
    assert b"Cyprus (2031 H1)" in response.data


def test_admin_adds_and_renames_organisations(admin_client, db):
    response = admin_client.post("/admin/organisations/new", data={"code": "eppo", "name": "EPPO",
                                                                   "kind": "agency"}, follow_redirects=True)
    assert b"EPPO is added." in response.data
    response = admin_client.post("/admin/organisations/new", data={"code": "EPPO", "name": "Again",
                                                                   "kind": "agency"})
    assert b"already exists" in response.data
    response = admin_client.post(f"/admin/organisations/{organisation('EULISA').id}/edit",
                                 data={"name": "eu-LISA (Tallinn)"}, follow_redirects=True)
    assert b"eu-LISA (Tallinn)" in response.data


def test_audit_log_lists_changes_and_filters_as_fragment(admin_client, make_user):
    user = make_user()
    admin_client.post(f"/admin/users/{user.id}/deactivate")
    page = admin_client.get("/admin/audit/")
    assert b"deactivate" in page.data
    fragment = admin_client.get("/admin/audit/?type=users", headers=HTMX)
    assert is_fragment(fragment)
    assert b"deactivate" in fragment.data
    assert "HX-Request" in fragment.headers["Vary"]


def test_users_list_searches_and_paginates(admin_client, make_user, app):
    app.config["ITEMS_PER_PAGE"] = 5
    for n in range(7):
        make_user(name=f"Searchable Person {n}")
    page = admin_client.get("/admin/users/?q=searchable")
    assert page.data.count(b"Searchable Person") == 5
    page2 = admin_client.get("/admin/users/?q=searchable&page=2")
    assert page2.data.count(b"Searchable Person") == 2
    assert admin_client.get("/admin/users/?page=abc").status_code == 200


def test_cli_creates_a_user_with_an_invitation_link(runner, db):
    result = runner.invoke(args=["users", "create", "--email", "Cli@Example.org", "--name", "Cli Person",
                                 "--org", "it", "--role", "core-group"])
    assert result.exit_code == 0, result.output
    assert "/invitations/" in result.output
    user = db.session.scalar(db.select(User).where(User.email == "cli@example.org"))
    assert user.role == "core-group"
    assert user.organisation.code == "IT"
    assert user.password_hash is None


def test_cli_reads_the_password_from_stdin(runner, client, db):
    result = runner.invoke(args=["users", "create", "--email", "ops@example.org", "--name", "Ops",
                                 "--org", "GSC", "--role", "admin", "--password-stdin"],
                           input="a scripted password\n")
    assert result.exit_code == 0, result.output
    assert "a scripted password" not in result.output
    response = client.post("/login", data={"email": "ops@example.org", "password": "a scripted password"})
    assert response.status_code == 303


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "XX"], "Unknown organisation"),
        (["--org", "IT", "--role", "emperor"], "Invalid value for '--role'"),
    ],
)
def test_cli_refuses_bad_input(runner, db, args, message):
    result = runner.invoke(args=["users", "create", "--email", "x@example.org", "--name", "X", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert db.session.scalar(db.select(User).where(User.email == "x@example.org")) is None


def test_cli_refuses_a_duplicate_email_and_a_short_password(runner, make_user, db):
    make_user(email="dup@example.org")
    result = runner.invoke(args=["users", "create", "--email", "dup@example.org", "--name", "D", "--org", "IT"])
    assert "already exists" in result.output
    result = runner.invoke(args=["users", "create", "--email", "short@example.org", "--name", "S", "--org", "IT",
                                 "--password-stdin"], input="short\n")
    assert "shorter than 12" in result.output
    assert db.session.scalar(db.select(User).where(User.email == "short@example.org")) is None


def test_a_french_administrator_manages_accounts_and_reads_the_audit_log_in_french(admin_client, make_user, db):
    admin_client.user.language = "fr"
    db.session.commit()
    user = make_user(name="Jeanne Exemple")
    response = admin_client.post(f"/admin/users/{user.id}/edit", follow_redirects=True, data={
        "email": user.email, "name": user.name, "organisation_id": user.organisation_id, "role": "core-group"})
    assert "Enregistré." in response.data.decode()
    response = admin_client.post(f"/admin/users/{user.id}/deactivate", follow_redirects=True)
    page = response.data.decode()
    assert "Compte désactivé : Jeanne Exemple." in page
    assert "Groupe restreint" in page
    assert "Désactivé" in page
    response = admin_client.post("/admin/presidency/new", data={
        "organisation_id": organisation("FR").id, "starts_on": "2026-03-01", "ends_on": "2026-09-30"})
    # Organisation names are data, shown as stored; the half-year is written the French way.
    assert "Ces dates chevauchent Cyprus (S1 2026), Ireland (S2 2026). Modifiez d’abord ce semestre." in (
        response.data.decode())
    log = admin_client.get("/admin/audit/").data.decode()
    assert "utilisateur #" in log
    assert "rôle : Membre → Groupe restreint" in log
    assert "<td>désactivé</td>" in log
    assert "deactivate" not in log
    assert "Audit log" not in log
