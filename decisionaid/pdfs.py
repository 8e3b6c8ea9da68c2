"""The PDFs (the handout, the blank question list, the poster), made so that PDFs can never
take the site from other families.

A PDF takes a worker a second or two. So:
- the last PDF a session made is kept in this process's memory with a hash of the handout's
  HTML, so asking again for the same answers costs nothing. Only that session can find it; it
  is dropped when the session starts over here, and in any case PDF_WINDOW_SECONDS after it
  was made, by a timer, so even a worker that serves nothing more lets it go (RecentPdfs);
- a session may make PDFS_PER_SESSION new PDFs in PDF_WINDOW_SECONDS (throttle.py);
- only PDF_RENDERS_AT_ONCE are made at once on this machine, across every worker process (a
  lock file per place); as many again may wait, up to PDF_WAIT_SECONDS, for a place; any
  more are told at once to try again. The other workers are always free for other pages;
- a PDF is made at a lower CPU priority than pages, so a busy machine serves pages first.

The blank question list and the poster are the same for every visitor (they change only when
staff edit the organisation's details), and anyone may ask for them, session or none. So one
copy of each is kept per hash of its HTML (a change makes a new one), and a new one takes a
place to render like the handout, at the same lower priority (printable_pdf).
"""

import contextlib
import fcntl
import hashlib
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings

from decisionaid import handout, throttle


class TooMany(Exception):
    """This session has made many PDFs lately."""


class Busy(Exception):
    """Every place to make a PDF on this machine is taken."""


class RecentPdfs:
    """The last PDF each session made in this process, for at most PDF_WINDOW_SECONDS; at most
    MOST of them (the oldest goes first), so memory and timer threads stay small."""

    MOST = 30

    def __init__(self):
        self._kept = {}  # a hash of the session key -> (a hash of the HTML, the PDF, its timer)
        self._lock = threading.Lock()

    def get(self, session_key: str, html_hash: str) -> bytes | None:
        with self._lock:
            kept = self._kept.get(_hashed(session_key))
        return kept[1] if kept and kept[0] == html_hash else None

    def keep(self, session_key: str, html_hash: str, pdf: bytes) -> None:
        self.forget(session_key)  # one per session: new answers replace the old PDF
        timer = threading.Timer(settings.PDF_WINDOW_SECONDS, self.forget, (session_key,))
        timer.daemon = True
        with self._lock:
            while len(self._kept) >= self.MOST:
                self._kept.pop(next(iter(self._kept)))[2].cancel()
            self._kept[_hashed(session_key)] = (html_hash, pdf, timer)
        timer.start()

    def forget(self, session_key: str | None) -> None:
        with self._lock:
            kept = self._kept.pop(_hashed(session_key), None) if session_key else None
        if kept:
            kept[2].cancel()


def _hashed(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


recent = RecentPdfs()


def pdf_for(session_key: str, context: dict) -> bytes:
    html = handout.pdf_html(context)
    html_hash = _hashed(html)
    if (pdf := recent.get(session_key, html_hash)) is not None:
        return pdf
    ticket = throttle.begin_pdf(session_key)
    if ticket is None:
        raise TooMany
    try:
        with place_to_render():
            pdf = handout.render_pdf(context, run=at_low_priority)
    except BaseException:
        ticket.delete()  # only PDFs made count against the session
        raise
    recent.keep(session_key, html_hash, pdf)
    return pdf


def printable_pdf(html: str) -> bytes:
    """The PDF of a page that is the same for everyone: made once per HTML, then from memory."""
    html_hash = _hashed(html)
    if (pdf := _printables.get(html_hash)) is not None:
        return pdf
    with place_to_render():  # Busy when every place is taken, as for the handout
        pdf = at_low_priority(handout.pdf_from_html, html)
    with _printables_lock:
        while len(_printables) >= PRINTABLES_KEPT:  # the oldest goes first
            _printables.pop(next(iter(_printables)))
        _printables[html_hash] = pdf
    return pdf


# Two printables, a few variants each (the address in the QR code is the one asked for when no
# DECISIONAID_SERVICE_URL is set): enough to keep them all, small enough to bound the memory.
PRINTABLES_KEPT = 8
_printables = {}  # a hash of the HTML -> its PDF
_printables_lock = threading.Lock()

_renderer = None


def at_low_priority(function, *args):
    """Run this in a thread of its own at a lower CPU priority (nice 10, a per-thread value on
    Linux), so that on a busy machine every other page's request goes before the PDF's."""
    global _renderer
    if _renderer is None:
        _renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf", initializer=lower_priority)
    return _renderer.submit(function, *args).result()


def lower_priority():
    thread = threading.get_native_id()
    with contextlib.suppress(OSError):  # not allowed here: the PDF is made at the usual priority
        os.setpriority(os.PRIO_PROCESS, thread, min(19, os.getpriority(os.PRIO_PROCESS, thread) + LOWER_PRIORITY))


LOWER_PRIORITY = 10  # nice steps below the pages'

# One folder of lock files per installation (app servers on one machine from one folder share it).
# The folder is this user's alone: one made by anyone else (who could hold every lock) is refused.
LOCK_DIR = (Path(tempfile.gettempdir())
            / f"decisionaid-pdf-{os.getuid()}-{hashlib.sha256(bytes(settings.BASE_DIR)).hexdigest()[:12]}")


@contextlib.contextmanager
def place_to_render():
    """Hold one of the machine's places to make a PDF, waiting in one of its places to wait
    if need be; Busy when there is neither."""
    place = take_one("render")
    if place is None:
        place = wait_for_a_place()
    try:
        yield
    finally:
        place.close()  # closing the file lets the lock go


def wait_for_a_place():
    waiting = take_one("wait")
    if waiting is None:
        raise Busy
    try:
        deadline = time.monotonic() + settings.PDF_WAIT_SECONDS
        while (place := take_one("render")) is None:
            if time.monotonic() > deadline:
                raise Busy
            time.sleep(0.05)
        return place
    finally:
        waiting.close()


def take_one(kind):
    """An open, locked file of one of this kind's places, or None when all are taken. The lock
    belongs to the open file, so it holds across processes and threads alike, and goes when
    the file is closed or the process ends, however it ends."""
    LOCK_DIR.mkdir(mode=0o700, exist_ok=True)
    folder = LOCK_DIR.lstat()
    if folder.st_uid != os.getuid() or folder.st_mode & 0o077 or not LOCK_DIR.is_dir() or LOCK_DIR.is_symlink():
        raise PermissionError(f"{LOCK_DIR} is not this user's own folder: remove it")
    for number in range(settings.PDF_RENDERS_AT_ONCE):
        file = open(LOCK_DIR / f"{kind}-{number}.lock", "a")  # noqa: SIM115 - closed by the caller
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            continue
        return file
    return None
