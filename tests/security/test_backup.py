"""`flask backup` while the server runs, `flask restore` puts everything back, attachments included."""

import io
import tarfile
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from app.core.models import Attachment
from app.core.uploads import save_upload
from app.extensions import db
from app.obstacles.models import Obstacle
from app.practices.models import BestPractice


@pytest.fixture
def app(make_app, tmp_path):
    """An application with its own attachments folder, so the backup holds only this test's files."""
    application = make_app(UPLOAD_FOLDER=str(tmp_path / "uploads"))
    with application.app_context():
        yield application


def test_backup_and_restore_round_trip_with_attachments(app, runner, make_practice, make_obstacle,
                                                        member_client, tmp_path):
    practice = make_practice("IT", title="Original practice")
    with app.test_request_context():
        save_upload(FileStorage(io.BytesIO(b"The original document.\n"), "note.txt"), actor=None, record=practice)
    db.session.commit()
    attachment = db.session.scalar(db.select(Attachment))
    stored = Path(app.config["UPLOAD_FOLDER"]) / attachment.stored_name
    practice_id, attachment_id, stored_name = practice.id, attachment.id, attachment.stored_name
    assert stored.read_bytes() == b"The original document.\n"

    archive = tmp_path / "spoc-backup.tar.gz"
    result = runner.invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert "1 attachment file" in result.output
    with tarfile.open(archive) as tar:
        assert f"attachments/{stored_name}" in tar.getnames()

    # Afterwards: data changed, a record added, the file lost.
    db.session.get(BestPractice, practice_id).title = "Changed after the backup"
    make_obstacle("FR", title="Reported after the backup")
    db.session.commit()
    stored.unlink()

    result = runner.invoke(args=["restore", "--yes", str(archive)])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert db.session.get(BestPractice, practice_id).title == "Original practice"
    assert db.session.scalar(db.select(Obstacle).where(Obstacle.title == "Reported after the backup")) is None
    assert stored.read_bytes() == b"The original document.\n"
    # The restored intranet works: the document is served again.
    page = member_client.get(f"/practices/{practice_id}/attachments/{attachment_id}")
    assert page.status_code == 200
    assert page.data == b"The original document.\n"
    page.close()


def test_restore_refuses_an_archive_that_is_not_a_backup(runner, tmp_path):
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"owned"
        info = tarfile.TarInfo("../../outside.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    result = runner.invoke(args=["restore", "--yes", str(archive)])
    assert result.exit_code != 0
    assert "not a backup of this intranet" in result.output
    assert not (tmp_path.parent.parent / "outside.txt").exists()
