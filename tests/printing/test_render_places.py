"""The places to make a PDF on this machine, shared fairly by every worker process: real lock
files, requests waiting in threads of their own (as worker processes would)."""

import threading
import time

import pytest

from decisionaid.printing import render_places
from decisionaid.printing.models import PdfRender
from tests.helpers import every_place_taken
from tests.printing.test_handout import family

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _places_of_its_own(monkeypatch, tmp_path):
    """Each test has the machine's places to itself: no other test's PDF had a turn lately."""
    monkeypatch.setattr(render_places, "LOCK_DIR", tmp_path / "pdf-places")


def test_when_every_place_is_taken_the_family_is_told_at_once_and_nothing_is_counted(client, settings):
    settings.PDF_WAIT_SECONDS = 60
    family(client)
    with every_place_taken():
        started = time.monotonic()
        busy = client.get("/handout.pdf")
        assert time.monotonic() - started < 30  # told at once, not after waiting for a place
    assert busy.status_code == 503 and busy["Retry-After"] == "60"
    html = busy.content.decode()
    assert "Many PDFs are being made just now" in html and 'href="/handout/"' in html and "Try the PDF again" in html
    assert not PdfRender.objects.exists()
    assert client.get("/handout.pdf").status_code == 200  # once a place is free


class Waiting(threading.Thread):
    """A request waiting for a place in a thread of its own (a worker process, to the files)."""

    def __init__(self, session, address, order=None):
        super().__init__()
        self.session, self.address, self.order = session, address, order
        self.outcome = None
        self.joined = threading.Event()

    def run(self):
        try:
            request = render_places.join(self.session, self.address)
        except render_places.Busy:
            self.outcome = "busy"
            self.joined.set()
            return
        self.joined.set()
        try:
            request.wait_for_turn(time.monotonic() + 60)
            if self.order is not None:
                self.order.append(self.address)
            self.outcome = "made"
        except render_places.Busy:
            self.outcome = "busy"
        finally:
            request.leave()


def wait_until(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def waiting_count():
    return sum(e.state == render_places.WAITING for e in render_places.live_entries())


def test_one_may_wait_for_a_place_and_gets_it_when_it_is_free():
    render_place = render_places.take_render_place()  # a PDF being made, in another process
    waiting = Waiting("session-a", "address-a")
    waiting.start()
    try:
        assert waiting.joined.wait(30) and wait_until(lambda: waiting_count() == 1)
        assert waiting.outcome is None  # still waiting
    finally:
        render_place.close()
    waiting.join(timeout=60)
    assert waiting.outcome == "made"


def test_a_session_has_one_request_at_a_time():
    render_place = render_places.take_render_place()
    first = Waiting("session-a", "address-a")
    first.start()
    try:
        assert first.joined.wait(30)
        with pytest.raises(render_places.Busy):
            render_places.join("session-a", "address-b")  # the same family, on another network
    finally:
        render_place.close()
    first.join(timeout=60)
    assert first.outcome == "made"


def test_a_second_request_from_one_address_gives_way_to_another_familys_first():
    """Review N2: one address (two crafted sessions) held the one place to wait, so no other
    family could have a PDF. Now another family's first request takes that place."""
    render_place = render_places.take_render_place()  # the address's first request, being made
    mine = render_places.join("session-1", "address-a")
    mine_too = Waiting("session-2", "address-a")
    mine_too.start()
    assert mine_too.joined.wait(30) and wait_until(lambda: waiting_count() == 2)
    other_family = Waiting("session-3", "address-b")
    other_family.start()
    mine_too.join(timeout=60)
    assert mine_too.outcome == "busy"  # bumped from the queue, told to try again
    mine.leave()
    render_place.close()
    other_family.join(timeout=60)
    assert other_family.outcome == "made"


def test_a_family_that_had_no_pdf_lately_goes_before_one_that_just_had():
    with render_places.place_to_render("session-1", "address-a"):
        pass  # address-a has had a PDF made
    render_place = render_places.take_render_place()  # another one being made
    order = []
    busy_family = Waiting("session-2", "address-a", order)  # address-a had a turn just now
    busy_family.start()
    assert busy_family.joined.wait(30) and wait_until(lambda: waiting_count() == 1)
    new_family = Waiting("session-3", "address-b", order)  # came later, had no PDF lately
    new_family.start()
    assert new_family.joined.wait(30) and wait_until(lambda: waiting_count() == 2)
    render_place.close()
    for thread in (busy_family, new_family):
        thread.join(timeout=60)
    assert order == ["address-b", "address-a"]


def test_a_request_whose_process_died_is_cleared_from_the_queue():
    """A worker killed while waiting leaves its file, no longer locked: it holds no place."""
    dead = render_places.Entry(render_places.WAITING, time.time_ns() - 10**9, "deadbeef", "s-dead", "a-dead")
    (render_places.queue_dir() / dead.name).touch()
    with render_places.place_to_render("session-a", "address-a"):
        assert dead not in render_places.live_entries()
    assert not (render_places.queue_dir() / dead.name).exists()


def test_a_lock_folder_others_could_use_is_refused_not_trusted(monkeypatch, tmp_path):
    """Another local user making the folder first could hold every place: it must be ours alone."""
    shared = tmp_path / "locks"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setattr(render_places, "LOCK_DIR", shared)
    with pytest.raises(PermissionError):
        render_places.take_render_place()
    shared.chmod(0o700)
    place = render_places.take_render_place()
    assert place is not None
    place.close()
