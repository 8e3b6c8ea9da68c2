"""Places to make a PDF on this machine, shared fairly by every worker process.

A PDF takes a CPU for a second or more (pdf_process.py bounds how long), so:
- only PDF_RENDERS_AT_ONCE are made at once on this machine, across every worker (a lock file
  per place); as many more requests may wait for a place, up to PDF_WAIT_SECONDS; any more are
  told at once to try again. A waiting request holds a worker, so the others stay free for pages;
- waiting is fair, however many requests one family or one address sends. Requests are ranked
  by how many requests of their own session or address came before them and are still here,
  then by how lately their session or address last had a PDF made (never, or long ago, first),
  then by when they came. The first in rank takes the next free place. A newcomer that ranks
  before the last of a full queue takes its place, and that one is told to try again. So a
  second request from one address waits behind every other family's first, and a family that
  has had no PDF made lately goes before one that just had;
- a session has one request at a time (a second is told to try again at once).

Each request is a file in the queue folder, locked for as long as the request lives: the lock
goes when the process ends, however it ends, so a dead request's file is seen and removed.
Its name says its state (waiting, rendering, or bumped from the queue), when it came, and
keyed hashes of its session and address, never either itself.
"""

import contextlib
import fcntl
import os
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings


class Busy(Exception):
    """No place to make a PDF, nor to wait for one, within PDF_WAIT_SECONDS."""


# One folder per installation (app servers on one machine from one folder share it; settings'
# PDF_PLACES_DIR). The folder is this user's alone: one made by anyone else (who could hold every
# place) is refused.
LOCK_DIR = Path(settings.PDF_PLACES_DIR)
POLL_SECONDS = 0.05
SERVED_MEMORY_SECONDS = 600  # how long "had a PDF made lately" lasts
WAITING, RENDERING, BUMPED = "w", "r", "x"


@contextlib.contextmanager
def place_to_render(session: str, address: str):
    """Hold one of the machine's places to make a PDF for this request, once its turn comes;
    Busy when there is no room to wait, it is bumped, or its turn does not come in time.
    `session` and `address` are keyed hashes ("" when there is no session)."""
    request = join(session, address)
    try:
        request.wait_for_turn(time.monotonic() + settings.PDF_WAIT_SECONDS)
        yield
    finally:
        request.leave()


@dataclass(frozen=True)
class Entry:
    state: str
    arrival: int
    nonce: str
    session: str
    address: str

    @property
    def name(self):
        return f"{self.state}.{self.arrival:020d}.{self.nonce}.{self.session or '-'}.{self.address}"

    @classmethod
    def parse(cls, name):
        state, arrival, nonce, session, address = name.split(".")
        return cls(state, int(arrival), nonce, "" if session == "-" else session, address)

    def clients(self):
        return {c for c in (self.session, self.address) if c}

    def rank(self, alive, served):
        """Sorts before the entries that should wait longer (see the module's doc)."""
        ahead = max((sum(c in e.clients() for e in alive if e.arrival < self.arrival) for c in self.clients()),
                    default=0)
        return ahead, max((served.get(c, 0) for c in self.clients()), default=0), self.arrival, self.nonce


class Request:
    def __init__(self, entry: Entry, file):
        self.entry, self.file, self.place = entry, file, None

    def wait_for_turn(self, deadline):
        while True:
            if not (queue_dir() / self.entry.name).exists():
                raise Busy  # bumped by a request that ranks before it
            if self.first_in_line() and self.take_a_place():  # a quick look, then a sure one
                return
            if time.monotonic() > deadline:
                raise Busy
            time.sleep(POLL_SECONDS)

    def first_in_line(self):
        alive = live_entries()
        served = served_times(alive)
        waiting = [e for e in alive if e.state == WAITING]
        mine = self.entry.rank(alive, served)
        return not any(e.rank(alive, served) < mine for e in waiting if e != self.entry)

    def take_a_place(self):
        with admission():
            if not (queue_dir() / self.entry.name).exists():
                return False  # bumped just now: the next look says Busy
            # Looked at again under the lock that every newcomer joins under: one that ranks
            # before this request may have come in since the quick look.
            if not self.first_in_line():
                return False
            self.place = take_render_place()
            if self.place is None:
                return False
            rendering = replace(self.entry, state=RENDERING)
            (queue_dir() / self.entry.name).rename(queue_dir() / rendering.name)
            self.entry = rendering
            return True

    def leave(self):
        if self.place is not None:  # it had a PDF made (or tried to): it goes after others for a while
            for client in self.entry.clients():
                (served_dir() / client).touch()
        for state in (self.entry.state, BUMPED):
            with contextlib.suppress(FileNotFoundError):
                (queue_dir() / replace(self.entry, state=state).name).unlink()
        self.file.close()
        if self.place is not None:
            self.place.close()


def join(session: str, address: str) -> Request:
    """Come into the queue, taking the place of the last in rank when it is full; Busy when
    this session already has a request here, or the queue is full of requests ranked before
    this one."""
    with admission():
        alive = live_entries()
        entry = Entry(WAITING, time.time_ns(), uuid.uuid4().hex[:12], session, address)
        if session and any(e.session == session for e in alive):
            raise Busy
        if len(alive) >= 2 * settings.PDF_RENDERS_AT_ONCE:
            served = served_times([*alive, entry])
            waiting = [e for e in alive if e.state == WAITING]
            last = max(waiting, key=lambda e: e.rank(alive, served), default=None)
            if last is None or not entry.rank([*alive, entry], served) < last.rank(alive, served):
                raise Busy
            with contextlib.suppress(FileNotFoundError):
                (queue_dir() / last.name).rename(queue_dir() / replace(last, state=BUMPED).name)
        forget_old_served()
        return Request(entry, new_locked_file(queue_dir() / entry.name))


def live_entries() -> list[Entry]:
    """The requests still here, waiting or rendering; the files of ended ones are removed."""
    alive = []
    for path in queue_dir().iterdir():
        try:
            entry = Entry.parse(path.name)
        except ValueError:
            continue  # one being made (new-...)
        if entry.state in (WAITING, RENDERING) and is_alive(path):
            alive.append(entry)
    return alive


def is_alive(path) -> bool:
    try:
        file = path.open("a")
    except FileNotFoundError:
        return False
    with file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True  # its request holds it
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # its process ended without removing it
        return False


def served_times(entries) -> dict:
    """When each client of these entries last had a PDF made, lately."""
    times = {}
    for client in {c for e in entries for c in e.clients()}:
        with contextlib.suppress(FileNotFoundError):
            times[client] = (served_dir() / client).stat().st_mtime
    return times


def forget_old_served():
    since = time.time() - SERVED_MEMORY_SECONDS
    for path in served_dir().iterdir():
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < since:
                path.unlink()


def new_locked_file(path):
    """The file, locked before anyone can see it: made under a name no one reads, then named."""
    unseen = path.with_name(f"new-{uuid.uuid4().hex}")
    file = open(unseen, "a")  # noqa: SIM115 - the request closes it when it leaves
    fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    unseen.rename(path)
    return file


@contextlib.contextmanager
def admission():
    """Only one process at a time comes in, takes a place or bumps another (held for
    milliseconds; released if its process ends)."""
    with open(own_folder() / "admission.lock", "a") as mutex:
        fcntl.flock(mutex, fcntl.LOCK_EX)
        yield


def take_render_place():
    """An open, locked file of one of the machine's places to make a PDF, or None when all
    are taken. The lock belongs to the open file, so it holds across processes and threads
    alike, and goes when the file is closed or the process ends, however it ends."""
    for number in range(settings.PDF_RENDERS_AT_ONCE):
        file = open(own_folder() / f"render-{number}.lock", "a")  # noqa: SIM115 - closed by the caller
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            continue
        return file
    return None


def own_folder() -> Path:
    LOCK_DIR.mkdir(mode=0o700, exist_ok=True)
    folder = LOCK_DIR.lstat()
    if folder.st_uid != os.getuid() or folder.st_mode & 0o077 or not LOCK_DIR.is_dir() or LOCK_DIR.is_symlink():
        raise PermissionError(f"{LOCK_DIR} is not this user's own folder: remove it")
    return LOCK_DIR


def queue_dir() -> Path:
    (folder := own_folder() / "queue").mkdir(mode=0o700, exist_ok=True)
    return folder


def served_dir() -> Path:
    (folder := own_folder() / "served").mkdir(mode=0o700, exist_ok=True)
    return folder
