"""`flask import`: the same checks as the page; a member imports only for their own country."""

from app.core.models import AuditEvent
from app.extensions import db
from app.obstacles.models import Obstacle
from tests.imports.files import csv_bytes, obstacle_row, xlsx_bytes


def _file(tmp_path, data: bytes, name: str = "obstacles.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_dry_run_then_import(runner, make_user, tmp_path):
    admin = make_user("admin", "GSC")
    path = _file(tmp_path, xlsx_bytes([obstacle_row("OBS-1"), obstacle_row("OBS-2")]), "obstacles.xlsx")
    result = runner.invoke(args=["import", "obstacles", path, "--user", admin.email, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "2 rows: created 2, updated 0, unchanged 0, skipped 0 (dry run: nothing written)" in result.output
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 0
    result = runner.invoke(args=["import", "obstacles", path, "--user", admin.email])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 2
    result = runner.invoke(args=["import", "obstacles", path, "--user", admin.email])
    assert "2 rows: created 0, updated 0, unchanged 2, skipped 0" in result.output
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id)).where(AuditEvent.action == "import")) == 2


def test_a_member_may_not_import_for_another_country(runner, make_user, tmp_path):
    member = make_user("member", "IT")
    path = _file(tmp_path, csv_bytes([obstacle_row("OBS-1"), obstacle_row("OBS-2", country="France")]))
    result = runner.invoke(args=["import", "obstacles", path, "--user", member.email])
    assert result.exit_code != 0
    assert "row 3, Reporting country: You may not import obstacles for France." in result.output
    assert "nothing was imported" in result.output
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 0
    path = _file(tmp_path, csv_bytes([obstacle_row("OBS-1")]), "italy.csv")
    result = runner.invoke(args=["import", "obstacles", path, "--user", member.email])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(Obstacle.reporting_org_id)) == member.organisation_id


def test_a_member_may_not_update_another_countrys_obstacle(runner, make_user, tmp_path):
    admin, member = make_user("admin", "GSC"), make_user("member", "IT")
    runner.invoke(args=["import", "obstacles", _file(tmp_path, csv_bytes([obstacle_row("OBS-1", country="FR")])),
                        "--user", admin.email])
    path = _file(tmp_path, csv_bytes([obstacle_row("OBS-1", country="IT")]), "take.csv")
    result = runner.invoke(args=["import", "obstacles", path, "--user", member.email])
    assert "You may not import obstacles for France." in result.output
    assert db.session.scalar(db.select(Obstacle.reporting_org_id)) != member.organisation_id


def test_bad_files_and_arguments(runner, make_user, tmp_path):
    admin = make_user("admin", "GSC")
    result = runner.invoke(args=["import", "obstacles", _file(tmp_path, b"%PDF-1.7\n"), "--user", admin.email])
    assert result.exit_code != 0
    assert "This file is not a spreadsheet" in result.output
    result = runner.invoke(args=["import", "unicorns", _file(tmp_path, b"a,b\n"), "--user", admin.email])
    assert result.exit_code != 0
    assert "obstacles" in result.output
    result = runner.invoke(args=["import", "obstacles", _file(tmp_path, b"a,b\n"), "--user", "nobody@example.org"])
    assert "No active user has the address nobody@example.org." in result.output
