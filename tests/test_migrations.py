"""The migrations build the schema the models describe, on an empty database, up and down."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, make_url, text

from app import create_app
from app.extensions import db
from app.search.models import include_object
from tests.factories import test_config


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A second, empty database of the same kind as the suite's."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    name = f"{make_url(database_url).database}_migrations"  # parallel suites on other databases do not collide
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def test_upgrade_from_empty_matches_the_models_and_downgrades_cleanly(empty_database_url):
    app = create_app(test_config(empty_database_url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_object})
            drift = compare_metadata(context, db.metadata)
        assert drift == [], f"models and migrations differ: {drift}"
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert "users" in inspect(db.engine).get_table_names()
        db.engine.dispose()


def test_0014_keeps_each_reviewers_newest_review_and_dates_past_withdrawals(empty_database_url):
    """Reviews written twice by the same reviewer before the rule existed: the newest stays. Nominations withdrawn
    before withdrawn_at existed take the time of their audited withdrawal, else their own date."""
    from app.network.models import User

    app = create_app(test_config(empty_database_url))
    with app.app_context():
        upgrade(revision="0013")  # the reference data of a later schema (the markings) cannot be seeded yet
        italy_id, france_id = _organisation_before_0022("IT", "Italy"), _organisation_before_0022("FR", "France")
        reviewers = [User(email=f"reviewer{n}@example.org", name=f"Reviewer {n}", organisation_id=france_id,
                          role="core-group", active=True) for n in (1, 2)]
        db.session.add_all(reviewers)
        db.session.commit()
        nomination = text(
            "INSERT INTO nominations (id, organisation_id, name, email, position, unavailable_periods, motivation, "
            "consent, status, decision_message, created_at, version, expertise_areas) VALUES (:id, :org, 'Nominee', "
            "'', '', '', '', true, :status, '', :created_at, 1, '')")
        for number, status in ((1, "under_review"), (2, "withdrawn"), (3, "withdrawn")):
            db.session.execute(nomination, {"id": number, "org": italy_id, "status": status,
                                            "created_at": f"2026-01-0{number} 10:00:00+00:00"})
        review = text(
            "INSERT INTO nomination_reviews (id, nomination_id, reviewer_id, score_expertise, score_training, "
            "score_languages, score_availability, notes, created_at) "
            "VALUES (:id, 1, :reviewer, :score, 3, 3, 3, '', '2026-01-05 10:00:00+00:00')")
        for number, reviewer, score in ((1, reviewers[0], 1), (2, reviewers[0], 5), (3, reviewers[1], 2)):
            db.session.execute(review, {"id": number, "reviewer": reviewer.id, "score": score})
        db.session.execute(text(
            "INSERT INTO audit_events (created_at, record_type, record_id, action) "
            "VALUES ('2026-02-01 09:30:00+00:00', 'nominations', 2, 'withdraw')"))
        db.session.commit()
        upgrade()
        kept = db.session.execute(text(
            "SELECT id, reviewer_id, score_expertise FROM nomination_reviews ORDER BY id")).all()
        assert [tuple(row) for row in kept] == [(2, reviewers[0].id, 5), (3, reviewers[1].id, 2)]
        dated = db.session.scalars(text(
            "SELECT id FROM nominations WHERE withdrawn_at = (SELECT created_at FROM audit_events "
            "WHERE record_id = nominations.id) OR (id = 3 AND withdrawn_at = created_at) ORDER BY id")).all()
        assert dated == [2, 3]
        assert db.session.scalar(text("SELECT withdrawn_at FROM nominations WHERE id = 1")) is None
        db.session.remove()
        db.engine.dispose()


def _organisation_before_0022(code: str, name: str) -> int:
    """A Member State as the schema before 0022 stores it (its free-text profile columns have no default in the
    database, and the model no longer has them)."""
    db.session.execute(text(
        "INSERT INTO organisations (code, name, kind, spoc_structure, contact_channel, working_languages, "
        "law_enforcement_agencies, version) VALUES (:code, :name, 'member_state', '', '', '', '', 1)"),
        {"code": code, "name": name})
    return db.session.scalar(text("SELECT id FROM organisations WHERE code = :code"), {"code": code})


def test_0018_encrypts_the_stored_second_factor_secrets_and_the_downgrade_restores_them(empty_database_url):
    """Secrets stored in clear before 0018 are encrypted with the application's SECRET_KEY; the app reads them."""
    from app.network.models import User
    from app.security.second_factor import secret_of

    plain = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    app = create_app(test_config(empty_database_url))
    with app.app_context():
        upgrade(revision="0017")
        italy_id = _organisation_before_0022("IT", "Italy")
        user = User(email="enrolled@example.org", name="Enrolled", organisation_id=italy_id, role="admin", active=True)
        db.session.add_all([user, User(email="none@example.org", name="None", organisation_id=italy_id)])
        db.session.flush()
        db.session.execute(text("UPDATE users SET totp_secret = :plain WHERE id = :id"),
                           {"plain": plain, "id": user.id})
        db.session.commit()
        stored = text("SELECT totp_secret FROM users ORDER BY id")

        upgrade()
        encrypted, none = db.session.scalars(stored).all()
        assert encrypted.startswith("v1:")
        assert plain not in encrypted
        assert none is None
        db.session.expire_all()
        assert secret_of(db.session.get(User, user.id)) == plain
        db.session.rollback()  # no transaction of the test may hold the table the downgrade alters

        downgrade(revision="0017")
        assert db.session.scalars(stored).all() == [plain, None]
        db.session.remove()
        db.engine.dispose()


def test_0021_makes_the_schengen_associated_states_added_as_member_states_associated(empty_database_url):
    """Before 0021 Norway could be added only as a Member State (and was counted among the EU): the upgrade makes
    the four associated states associated, leaves the 27 alone; the downgrade turns them back into Member States."""
    app = create_app(test_config(empty_database_url))
    with app.app_context():
        upgrade(revision="0020")
        db.session.execute(text("INSERT INTO organisations (code, name, kind, spoc_structure, contact_channel, "
                                "working_languages, law_enforcement_agencies, version) VALUES "
                                "('NO', 'Norway', 'member_state', '', '', '', '', 1), "
                                "('IT', 'Italy', 'member_state', '', '', '', '', 1)"))
        db.session.commit()
        upgrade()
        kinds = dict(db.session.execute(text("SELECT code, kind FROM organisations")).all())
        db.session.commit()  # PostgreSQL: the read's lock on the table would make the downgrade's ALTER wait
        assert kinds == {"NO": "associated", "IT": "member_state"}
        downgrade(revision="0020")
        kinds = dict(db.session.execute(text("SELECT code, kind FROM organisations")).all())
        assert kinds == {"NO": "member_state", "IT": "member_state"}
        db.session.remove()
        db.engine.dispose()
def test_0022_moves_the_country_profile_into_the_fact_sheet_and_the_downgrade_restores_it(empty_database_url):
    """The four free-text profile fields become their fact sheet sections, verified on the profile's date; nothing
    is lost, and the downgrade puts the texts back."""
    from app.factsheets.models import FactSheetSection
    from app.factsheets.services import fact_sheet
    from app.network.models import Organisation

    app = create_app(test_config(empty_database_url))
    with app.app_context():
        upgrade(revision="0020")
        italy_id = _organisation_before_0022("IT", "Italy")
        _organisation_before_0022("FR", "France")  # nothing filled in: no section
        db.session.execute(text(
            "UPDATE organisations SET spoc_structure = :spoc, contact_channel = 'SIENA, 24/7', working_languages = "
            "'Italian, English', law_enforcement_agencies = :agencies, profile_verified_on = '2026-10-01' "
            "WHERE id = :id"),
            {"spoc": "SIRENE and the ENU under **one roof**.", "agencies": "- State police\n- Carabinieri",
             "id": italy_id})
        db.session.commit()

        upgrade(revision="0022")
        italy = db.session.get(Organisation, italy_id)
        sheet = {s.declaration.key: s for s in fact_sheet(italy)}
        assert sheet["spoc"].values == {"spoc_organisation": "SIRENE and the ENU under **one roof**."}
        assert sheet["services"].values == {"police_services": "- State police\n- Carabinieri"}
        assert sheet["languages_hours"].values == {"working_languages": "Italian, English"}
        assert sheet["contacts"].values == {"contact_notes": "SIENA, 24/7"}
        assert sheet["spoc"].last_verified_at.date().isoformat() == "2026-10-01"
        assert sheet["legal_basis"].row is None  # nothing to move: never verified
        assert db.session.scalar(db.select(db.func.count(FactSheetSection.id))) == 4
        assert "spoc_structure" not in {c["name"] for c in inspect(db.engine).get_columns("organisations")}
        db.session.rollback()

        downgrade(revision="0020")
        row = db.session.execute(text("SELECT spoc_structure, contact_channel, working_languages, "
                                      "law_enforcement_agencies FROM organisations WHERE id = :id"),
                                 {"id": italy_id}).one()
        assert tuple(row) == ("SIRENE and the ENU under **one roof**.", "SIENA, 24/7", "Italian, English",
                              "- State police\n- Carabinieri")
        db.session.remove()
        db.engine.dispose()
