"""Erased means erased from the database's files too, not only from its tables (security N4).

On SQLite a deleted row lives on in two places: in the page it was on, until that space is
written again, and in the write-ahead log (db.sqlite3-wal), which keeps every version of every
page written since the log was last reset, whoever asks. So the app's SQLite connections run
with `secure_delete` (deleted content is overwritten with zeros) and a `journal_size_limit`
(settings.py), and each erase (Start over, saving on a shared tablet, "Delete my saved
answers", `clearsessions`, `clearsavedplans`) ends with a checkpoint that copies the log into
the database and truncates it to nothing, once the erase is committed.

A checkpoint waits for other connections' reads and writes to end, briefly (CHECKPOINT_WAIT_MS);
when one cannot finish in that time, the log is emptied by the next one, at the latest by the
`clearsessions` job a minute later. Other databases keep their own logs: see README.
"""

import logging

from django.db import DatabaseError, connections, transaction

CHECKPOINT_WAIT_MS = 2000
logger = logging.getLogger(__name__)


def after_commit(using="default") -> None:
    """Empty the log once the erase this request (or command) made is committed."""
    transaction.on_commit(lambda: empty_log(using), using=using)


def empty_log(using="default") -> bool:
    """Copy the write-ahead log into the database and truncate it: True when it is empty now."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return True
    wait_ms = int(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5) * 1000)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
            try:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy = cursor.fetchone()[0]
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {wait_ms}")
    except DatabaseError:
        busy = 1
    if busy:
        logger.warning("The database's write-ahead log could not be emptied just now; the next erase "
                       "or clearsessions run will empty it.")
    return not busy
