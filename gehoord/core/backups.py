"""Backup and restore of everything Gehoord keeps: the database and the uploaded files (MEDIA_ROOT).

A backup is one directory::

    gehoord-backup-20261202-101500/
        manifest.json     what is in it, with a SHA-256 per file
        database.dump     PostgreSQL: pg_dump's custom format (pg_restore reads it)
        database.sqlite3  SQLite: a consistent copy made with SQLite's online backup API
        media.tar.gz      every file under MEDIA_ROOT

Restoring puts the database back with ``pg_restore --clean --if-exists
--single-transaction`` (or SQLite's backup API the other way round) and
replaces the contents of MEDIA_ROOT with the archive's. Redis is not backed
up: it holds queued tasks and counters only, and letters still waiting are
found again by the safety net (``deliver_due_letters``).

The management commands ``backup`` and ``restore`` call these functions.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3

# pg_dump and pg_restore are run with an argument list, never through a shell.
import subprocess  # nosec B404
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "gehoord-backup/1"
MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    """A backup or restore that cannot be made; the message says why, for the operator."""


@dataclass(frozen=True)
class BackupResult:
    directory: Path
    manifest: dict


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(
            f"Back-up van een {vendor}-database wordt niet ondersteund (alleen PostgreSQL en SQLite)."
        )
    return vendor


def _postgres_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment, not the arguments."""
    db = connection.settings_dict
    arguments = []
    if db.get("HOST"):
        arguments += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        arguments += ["--port", str(db["PORT"])]
    if db.get("USER"):
        arguments += ["--username", str(db["USER"])]
    arguments += ["--dbname", str(db["NAME"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return arguments, env


def _run(command: list[str], env: dict[str, str]) -> str:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is niet gevonden: installeer de PostgreSQL-clientprogramma's.")
    # An argument list of our own (the tool and the configured database), no shell.
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if finished.returncode:
        raise BackupError(
            f"{command[0]} faalde (exit {finished.returncode}): {finished.stderr.strip()[-2000:]}"
        )
    return finished.stdout


def _tool_version(tool: str) -> str:
    return _run([tool, "--version"], dict(os.environ)).strip()


def _applied_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _archive_media(target: Path) -> int:
    root = _media_root()
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        if root.exists():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    count += 1
    return count


def make_backup(output: Path | None = None) -> BackupResult:
    """Write a backup directory (see the module doc) and return where it is and its manifest."""
    engine = _engine()
    if connection.in_atomic_block:
        # SQLite's backup would wait for ever on our own open transaction; a dump in one would miss nothing
        # of it either, but it would not be what the database holds.
        raise BackupError("Een back-up wordt niet binnen een lopende databasetransactie gemaakt.")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    directory = Path(output) if output else Path(settings.BACKUP_ROOT) / f"gehoord-backup-{stamp}"
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} bestaat al en is niet leeg; kies een andere map.")
    directory.mkdir(parents=True, exist_ok=True)
    manifest: dict = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "database_name": str(connection.settings_dict["NAME"]),
        "migrations": _applied_migrations(),
    }
    if engine == "postgresql":
        arguments, env = _postgres_env()
        dump = directory / POSTGRES_DUMP
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), *arguments],
            env,
        )
        manifest["database"] = {
            "file": POSTGRES_DUMP,
            "format": "pg_dump custom",
            "tool": _tool_version("pg_dump"),
        }
    else:
        copy = directory / SQLITE_COPY
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            connection.connection.backup(target)  # consistent even while others write
        finally:
            target.close()
        manifest["database"] = {"file": SQLITE_COPY, "format": "sqlite3"}
    media_count = _archive_media(directory / MEDIA_ARCHIVE)
    manifest["media"] = {"file": MEDIA_ARCHIVE, "files": media_count}
    for part in ("database", "media"):
        path = directory / manifest[part]["file"]
        manifest[part].update(bytes=path.stat().st_size, sha256=_sha256(path))
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return BackupResult(directory=directory, manifest=manifest)


def read_manifest(directory: Path) -> dict:
    """The manifest of a backup directory, after checking that every file in it is whole."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{directory} is geen Gehoord-back-up: {MANIFEST} ontbreekt.") from error
    except ValueError as error:
        raise BackupError(f"{directory / MANIFEST} is beschadigd: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Onbekend back-upformaat {manifest.get('format')!r}; verwacht {FORMAT}.")
    for part in ("database", "media"):
        path = directory / manifest[part]["file"]
        if not path.is_file():
            raise BackupError(f"{path} ontbreekt in de back-up.")
        if _sha256(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path} is beschadigd: de controlesom klopt niet met {MANIFEST}.")
    return manifest


def _restore_media(archive_path: Path) -> int:
    root = _media_root()
    root.mkdir(parents=True, exist_ok=True)
    # Replace the contents, not the directory itself: it may be a mounted volume.
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(archive_path, "r:gz") as archive:
        members = archive.getmembers()
        # The "data" filter refuses absolute paths, "..", links out of the tree and device files.
        archive.extractall(root, filter="data")
    return sum(1 for member in members if member.isfile())


def restore_backup(directory: Path, *, log: Callable[[str], None] = lambda message: None) -> dict:
    """Put the database and MEDIA_ROOT back as they were in the backup at `directory`; returns its manifest."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"De back-up is van een {manifest['engine']}-database; deze installatie gebruikt {engine}."
        )
    if connection.in_atomic_block:
        raise BackupError("Een back-up wordt niet binnen een lopende databasetransactie teruggezet.")
    database_file = directory / manifest["database"]["file"]
    if engine == "postgresql":
        arguments, env = _postgres_env()
        # Our own connection must not hold anything pg_restore needs to drop.
        connection.close()
        _run(
            [
                "pg_restore", "--clean", "--if-exists", "--single-transaction", "--no-owner", "--no-privileges",
                "--exit-on-error", *arguments, str(database_file),
            ],
            env,
        )  # fmt: skip
    else:
        connection.ensure_connection()
        source = sqlite3.connect(database_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    log(f"Database teruggezet uit {database_file.name} (gemaakt {manifest['created_at']}).")
    count = _restore_media(directory / manifest["media"]["file"])
    log(f"{count} bestanden teruggezet in {_media_root()}.")
    return manifest
