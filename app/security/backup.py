"""Backup and restore of the whole intranet: the database and the attachment files, in one .tar.gz.

SQLite is copied with its online backup API (a consistent snapshot while the server writes);
PostgreSQL with ``pg_dump`` (one transaction-consistent snapshot, custom format) and put back with
``pg_restore``. The database is copied first and the attachments after: attachment files are written
before their row is committed and never changed, so every row in the copy has its file.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import make_url, text

from app.extensions import db

# subprocess runs pg_dump/pg_restore with our own arguments, never through a shell.
FORMAT = 1
_DB_SQLITE = "database.sqlite3"
_DB_POSTGRES = "database.pgdump"
_FILES = "attachments/"


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why, to the operator at the command line (flask
    backup/restore), in English like the rest of the command-line output."""


def _database() -> tuple[str, object]:
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise BackupError("An in-memory SQLite database cannot be backed up.")  # not translated: CLI output
        return "sqlite", Path(url.database)
    if url.get_backend_name() == "postgresql":
        return "postgresql", url
    raise BackupError(f"Backup of {url.get_backend_name()} databases is not supported.")  # not translated: CLI output


def _libpq(url: object) -> tuple[str, dict[str, str]]:
    """A libpq connection URI for pg_dump/pg_restore, and the environment with the password (not in argv)."""
    env = dict(os.environ)
    if url.password:  # type: ignore[attr-defined]
        env["PGPASSWORD"] = str(url.password)  # type: ignore[attr-defined]
    plain = url.set(drivername="postgresql", password=None)  # type: ignore[attr-defined]
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str]) -> None:
    tool = shutil.which(args[0])
    if tool is None:
        raise BackupError(  # not translated: CLI output
            f"{args[0]} is not installed (install the PostgreSQL client tools).")
    # The program is pg_dump/pg_restore found on PATH, the arguments are ours (no shell): nothing untrusted.
    result = subprocess.run(  # noqa: S603  # nosec B603
        [tool, *args[1:]], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()[:2000]}")  # not translated: CLI output


def _revision() -> str | None:
    try:
        return db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        db.session.rollback()


def _sqlite_copy(source_path: str | os.PathLike[str], target_path: str | os.PathLike[str]) -> None:
    """Copy one SQLite database into another with SQLite's online backup (consistent while in use)."""
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def make_backup(path: str | os.PathLike[str]) -> str:
    """Write the backup archive to ``path``; returns a one-line summary."""
    kind, where = _database()
    target = Path(path)
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "sqlite":
            dump = Path(tmp) / _DB_SQLITE
            _sqlite_copy(where, dump)
        else:
            dump = Path(tmp) / _DB_POSTGRES
            uri, env = _libpq(where)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}",
                  f"--dbname={uri}"], env)
        files = sorted(p for p in uploads.iterdir() if p.is_file()) if uploads.is_dir() else []
        manifest = {"format": FORMAT, "database": kind, "revision": _revision(),
                    "created_at": datetime.now(UTC).isoformat(), "attachments": len(files)}
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for file in files:
                archive.add(file, arcname=_FILES + file.name)
        partial.chmod(0o600)  # the backup holds everyone's data
        partial.replace(target)
    return f"{kind} database at revision {manifest['revision']}, {len(files)} attachment file(s)"


def _safe_members(archive: tarfile.TarFile, database_name: str) -> list[tarfile.TarInfo]:
    """Only the names a backup has; never a link, an absolute path or a '..'."""
    members = []
    for member in archive.getmembers():
        name = member.name
        plain = member.isfile() and "/" not in name.removeprefix(_FILES) and ".." not in name
        if not plain or name not in {"manifest.json", database_name} and not name.startswith(_FILES):
            raise BackupError(  # not translated: CLI output
                f"The archive holds an unexpected entry {name!r}: not a backup of this intranet.")
        members.append(member)
    return members


def restore_backup(path: str | os.PathLike[str]) -> str:
    """Replace the database and the attachments with the backup at ``path``; returns a summary."""
    kind, where = _database()
    database_name = _DB_SQLITE if kind == "sqlite" else _DB_POSTGRES
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as tmp:
        members = _safe_members(archive, database_name)
        names = {m.name for m in members}
        if "manifest.json" not in names:
            raise BackupError(  # not translated: CLI output
                "The archive has no manifest.json: not a backup of this intranet.")
        manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
        if manifest.get("database") != kind or database_name not in names:
            raise BackupError(  # not translated: CLI output
                f"This is a backup of a {manifest.get('database')} database; this intranet uses {kind}. "
                "Restore it on the same kind of database.")
        for member in members:
            destination = Path(tmp) / member.name
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, destination.open("wb") as out:  # type: ignore[union-attr]
                shutil.copyfileobj(source, out)
        # No connection of ours may hold a lock while the data is replaced.
        db.session.remove()
        db.engine.dispose()
        dump = Path(tmp) / database_name
        if kind == "sqlite":
            _sqlite_copy(dump, where)
        else:
            uri, env = _libpq(where)
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  f"--dbname={uri}", str(dump)], env)
        restored = _replace_uploads(Path(tmp) / _FILES)
    return f"{kind} database at revision {manifest.get('revision')}, {restored} attachment file(s)"


def _replace_uploads(restored: Path) -> int:
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    incoming = uploads.with_name(uploads.name + ".restoring")
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir(parents=True)
    count = 0
    if restored.is_dir():
        for file in restored.iterdir():
            shutil.copy2(file, incoming / file.name)
            count += 1
    previous = uploads.with_name(uploads.name + ".before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if uploads.exists():
        uploads.rename(previous)
    incoming.rename(uploads)
    shutil.rmtree(previous, ignore_errors=True)
    return count
