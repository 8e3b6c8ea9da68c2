"""PDFs through real app servers (gunicorn), with the security review's real faults: the
heaviest family's PDF against a real worker timeout (N1); two heavy sessions making PDF after
PDF while another family asks for its own (N2); Host headers of every kind and a second app
server asking for the printables (N2)."""

import contextlib
import fcntl
import io
import threading
import time
import urllib.error
import urllib.request

import pytest
from pypdf import PdfReader

from decisionaid.printing import render_places
from tests.heavy_family import heavy_journey
from tests.helpers import complete_answers
from tests.servers import AlternatingFamily, AppServer, answer_in_turn, database_for_servers

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(opener, url, headers=None):
    """(status, Content-Type, body) of a GET, whatever its status."""
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=120) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as response:
        return response.code, response.headers.get("Content-Type", ""), response.read()


@contextlib.contextmanager
def running(*servers):
    try:
        yield [server.start() for server in servers]
    finally:
        for server in servers:
            server.stop()


def test_the_heaviest_family_gets_its_pdf_or_the_printable_page_and_the_worker_lives_on(tmp_path):
    """Review N1: its PDF was laid out three times, past gunicorn's worker timeout, and the
    family got a bare "Internal Server Error". Here, with the sync worker the review met and
    its timeout at 8 s (30 s by default) and a PDF allowed 3 s (12 s): the family gets its PDF
    or "print the page instead", and the one worker is still there for the next page. (The
    gthread workers of `make serve` never time a request out: there the PDF's own deadline is
    all that bounds it, tests/printing/test_pdfs.py.)"""
    server = AppServer(database_for_servers(tmp_path), workers=1, args=["--worker-class", "sync", "--timeout", "8"],
                       env={"DECISIONAID_PDF_RENDER_SECONDS": "3", "DECISIONAID_PDF_WAIT_SECONDS": "1"})
    with running(server):
        family = AlternatingFamily([server])
        heavy_journey(family)
        status, kind, body = fetch(family.opener, f"{server.url}/handout.pdf")
        assert (status, kind) == (200, "application/pdf") or (status == 503 and (
            b"Please print the page instead" in body or b"Many PDFs are being made" in body)), (status, body[:300])
        assert fetch(family.opener, f"{server.url}/handout/")[0] == 200  # the same worker, still serving
    assert b"WORKER TIMEOUT" not in server.process.stderr.read()


class HeavyLoop(threading.Thread):
    """A heavy session making new PDFs one after another, as fast as it is answered: each
    after a change of leaning, so none comes from the server's memory."""

    def __init__(self, server, address, stop):
        super().__init__(daemon=True)
        self.server, self.stop = server, stop
        self.family = AlternatingFamily([server])
        self.family.opener.addheaders = [("X-Forwarded-For", address)]
        self.options = heavy_journey(self.family)
        self.statuses = []

    def run(self):
        while not self.stop.is_set():
            leaning = self.options[len(self.statuses) % 2]
            self.family.post("/weigh-up/leaning/", {"leaning": leaning})
            self.statuses.append(fetch(self.family.opener, f"{self.server.url}/handout.pdf")[0])


def a_pdf_is_being_made():
    """A place to make a PDF is held (looked at without holding it more than a moment)."""
    with open(render_places.own_folder() / "render-0.lock", "a") as place:
        try:
            fcntl.flock(place, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(place, fcntl.LOCK_UN)
        return False


def wait_for(condition, seconds=300):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def test_two_heavy_sessions_making_pdfs_do_not_stop_other_families_having_theirs(tmp_path):
    """Review N2 (a): two heavy sessions, one held the one place to make a PDF, the other the
    one place to wait; a family asking at 3, 15, 35 and 50 s got "please try again" each time.
    Now a family that has had no PDF lately goes next: each family that asks while they make
    PDF after PDF has its own."""
    server = AppServer(database_for_servers(tmp_path), workers=4, args=["--timeout", "120"], env={
        "DJANGO_BEHIND_PROXY": "1", "DECISIONAID_PDFS_PER_SESSION": "1000",
        "DECISIONAID_PDF_RENDER_SECONDS": "40", "DECISIONAID_PDF_WAIT_SECONDS": "40"})
    stop = threading.Event()
    with running(server):
        heavy = [HeavyLoop(server, address, stop) for address in ("198.51.100.1", "198.51.100.2")]
        families = []
        for address in ("203.0.113.8", "203.0.113.9"):
            family = AlternatingFamily([server])
            family.opener.addheaders = [("X-Forwarded-For", address)]
            answer_in_turn(family, complete_answers(cancer_course="relapsed", hopes=f"Home soon, from {address}."))
            families.append(family)
        got = []
        try:
            for loop in heavy:
                loop.start()
            wait_for(lambda: all(200 in loop.statuses for loop in heavy))  # each has had a PDF made
            for family in families:
                wait_for(a_pdf_is_being_made)
                status, kind, body = fetch(family.opener, f"{server.url}/handout.pdf")
                got.append((status, kind) if status == 200 else (status, body[body.find(b"<h1"):][:200]))
        finally:
            stop.set()
            for loop in heavy:
                loop.join(timeout=300)
    assert got == [(200, "application/pdf")] * 2, got
    assert all(loop.statuses.count(200) > 1 for loop in heavy)  # they had PDFs too, in their turn


def test_printables_are_made_once_for_the_services_own_address_and_served_by_every_server(tmp_path):
    """Review N2 (b): each new Host header made a new printable, and each worker made its own,
    so four clients kept the place to make PDFs. Now the first request makes it, for the first
    allowed host; then, with no place free to make any PDF, another app server serves that one
    copy to any Host."""
    database = database_for_servers(tmp_path)
    env = {"DECISIONAID_PDF_WAIT_SECONDS": "1"}
    servers = [AppServer(database, workers=1, env=env), AppServer(database, workers=1, env=env)]
    opener = urllib.request.build_opener()
    with running(*servers):
        made = {path: fetch(opener, f"{servers[0].url}{path}", {"Host": f"127.0.0.1:{servers[0].port}"})
                for path in ("/blank-handout.pdf", "/for-clinicians/poster.pdf")}
        place = render_places.take_render_place()  # from now on, no PDF can be made on this machine
        try:
            again = [(path, fetch(opener, f"{servers[1].url}{path}", {"Host": host}))
                     for path in made for host in ("127.0.0.1:1", "127.0.0.1:2222", "127.0.0.1")]
        finally:
            place.close()
    for path, (status, kind, body) in made.items():
        assert (status, kind) == (200, "application/pdf"), (path, status)
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        assert "127.0.0.1/" in text and "127.0.0.1:" not in text  # the first allowed host, no port
    for path, response in again:
        assert response == made[path], (path, response[:2])
