"""Erased answers leave nothing in the database's files (security N4): a real server on a real
SQLite file, real erases and the real scheduled commands, then every byte of db.sqlite3, its
write-ahead log and its shared-memory file searched for what the family wrote."""

import base64
import re
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.db import connection

from tests.helpers import complete_answers
from tests.servers import ROOT, AlternatingFamily, AppServer, answer_in_turn, database_for_servers, server_env

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the files of SQLite's write-ahead log"),
]
HOPES = "Zanzibar picnic with Grandma Philippa in the spring"
SIGNED = re.compile(rb"\.?[A-Za-z0-9_-]{40,}")


def what_can_be_read(data: bytes) -> bytes:
    """The bytes as they are, and every signed session blob in them decoded as an attacker with
    the file but no key would (signed is not encrypted; a cut-off blob decoded as far as it goes)."""
    found = [data]
    for run in SIGNED.findall(data):
        compressed = run.startswith(b".")
        payload = run.lstrip(b".")
        payload = payload[: len(payload) - len(payload) % 4]
        try:
            raw = base64.urlsafe_b64decode(payload)
            found.append(zlib.decompressobj().decompress(raw) if compressed else raw)
        except (ValueError, zlib.error):
            continue
    return b"\n".join(found)


def files_hold(database_url: str, text: str) -> list[str]:
    """Which of the database's files still hold this text, readably."""
    path = Path(database_url.removeprefix("sqlite:///"))
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return [f.name for f in files if f.exists() and text.encode() in what_can_be_read(f.read_bytes())]


def run(command, database_url, **env):
    subprocess.run([sys.executable, "manage.py", command, "-v0"], cwd=ROOT, check=True,
                   env={**server_env(database_url), **env})


def force_expiry(database_url, table, column):
    """As if the time had come (the review did the same): the row's expiry set in the past."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        db.execute(f"UPDATE {table} SET {column} = '2000-01-01 00:00:00'")
    db.close()


@pytest.fixture
def server(tmp_path):
    database = database_for_servers(tmp_path)
    server = AppServer(database, workers=1).start()
    yield server
    server.stop()


def family_with_hopes(server):
    family = AlternatingFamily([server])
    answer_in_turn(family, complete_answers(hopes=HOPES))
    return family


def test_start_over_leaves_no_answer_in_the_database_files(server):
    family = family_with_hopes(server)
    assert files_hold(server.database_url, HOPES)  # the search finds them while they are kept
    assert family.post("/start-over/", {})[:2] == (302, "/")
    assert files_hold(server.database_url, HOPES) == []


def test_clearsessions_leaves_no_expired_answer_in_the_database_files(server):
    family_with_hopes(server)
    force_expiry(server.database_url, "django_session", "expire_date")
    assert files_hold(server.database_url, HOPES)
    run("clearsessions", server.database_url)
    assert files_hold(server.database_url, HOPES) == []


def test_deleting_and_clearing_saved_plans_leaves_no_answer_in_the_database_files(server):
    family = family_with_hopes(server)
    assert family.post("/save/", {})[:2] == (302, "/saved/")
    assert family.post("/saved/delete/", {})[:2] == (302, "/")  # "Delete my saved answers"
    family.post("/start-over/", {})
    assert files_hold(server.database_url, HOPES) == []

    family = family_with_hopes(server)
    family.post("/save/", {})
    family.post("/start-over/", {})  # the answers stay in the saved plan, until it expires
    assert files_hold(server.database_url, HOPES)
    force_expiry(server.database_url, "decisionaid_savedplan", "expires_at")
    run("clearsavedplans", server.database_url)
    assert files_hold(server.database_url, HOPES) == []


def test_stopping_taking_part_in_the_field_test_leaves_no_row_in_the_database_files(server):
    """Security re-check R7: "Stop taking part" deleted the row, but its id and answers stayed
    in the write-ahead log until the next scheduled clean-up."""
    from tests.fieldtest.families import check_answers

    opening = ("import datetime; from decisionaid.fieldtest.models import FieldTest; d = datetime.date.today(); "
               "FieldTest.objects.create(name='Riverside field test', reference='Audit 2027/014', contact='Sam', "
               "starts_on=d, ends_on=d, keep_until=d + datetime.timedelta(days=365), is_open=True)")
    subprocess.run([sys.executable, "manage.py", "shell", "-c", opening], cwd=ROOT, check=True,
                   env=server_env(server.database_url))
    family = AlternatingFamily([server])
    assert family.request("/")[0] == 200
    assert family.post("/", {})[:2] == (302, "/field-test/")  # Start: invited
    assert family.post("/field-test/", {"answer": "yes"})[:2] == (302, "/field-test/before/")
    assert family.post("/field-test/before/", check_answers())[0] == 302
    with sqlite3.connect(server.database_url.removeprefix("sqlite:///")) as db:
        table = db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%participant'").fetchone()[0]
        row_id = db.execute(f"SELECT id FROM {table}").fetchone()[0]
    db.close()
    assert files_hold(server.database_url, row_id)  # the search finds it while it is kept
    assert family.post("/field-test/leave/", {"step": "before"})[0] == 302
    assert files_hold(server.database_url, row_id) == []
