"""The last handout PDF each session made in this worker process, kept in memory so that asking
again for the same answers costs nothing (pdfs.py). Only that session can find it; it is
dropped when the session starts over here (answers.py), and in any case PDF_WINDOW_SECONDS
after it was made, by a timer, so even a worker that serves nothing more lets it go."""

import hashlib
import threading

from django.conf import settings


class RecentPdfs:
    """The last PDF each session made in this process, for at most PDF_WINDOW_SECONDS; at most
    MOST of them (the oldest goes first), so memory and timer threads stay small."""

    MOST = 30

    def __init__(self):
        self._kept = {}  # a hash of the session key -> (a hash of the HTML, the PDF, its timer)
        self._lock = threading.Lock()

    def get(self, session_key: str, html_hash: str) -> bytes | None:
        with self._lock:
            kept = self._kept.get(hashed(session_key))
        return kept[1] if kept and kept[0] == html_hash else None

    def keep(self, session_key: str, html_hash: str, pdf: bytes) -> None:
        self.forget(session_key)  # one per session: new answers replace the old PDF
        timer = threading.Timer(settings.PDF_WINDOW_SECONDS, self.forget, (session_key,))
        timer.daemon = True
        with self._lock:
            while len(self._kept) >= self.MOST:
                self._kept.pop(next(iter(self._kept)))[2].cancel()
            self._kept[hashed(session_key)] = (html_hash, pdf, timer)
        timer.start()

    def forget(self, session_key: str | None) -> None:
        with self._lock:
            kept = self._kept.pop(hashed(session_key), None) if session_key else None
        if kept:
            kept[2].cancel()


def hashed(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


recent = RecentPdfs()


def forget_for_session(sender, session_key=None, **kwargs):
    """A session was emptied (family/answers.py's session_cleared): its PDF goes too."""
    recent.forget(session_key)
