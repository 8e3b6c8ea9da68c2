"""The handout PDF under load: kept per session and answers, limited per session, made only a
few at a time on the machine, and made by a WeasyPrint that loads nothing but its stylesheet.
The public printables (blank handout, poster): kept once for everyone, made a few at a time."""

import contextlib
import socket
import threading
import time

import pytest
from django.test import Client

from decisionaid import handout, pdfs
from decisionaid.models import Contact, PdfRender
from tests.helpers import URGENT
from tests.test_handout import family
from tests.test_hospital import pdf_text

pytestmark = pytest.mark.django_db


def add_own_question(client, text):
    assert client.post("/summary/questions/", {"own_question": text}).status_code == 302


def test_the_same_answers_make_one_pdf_and_new_answers_another(client):
    family(client)
    first, again = client.get("/handout.pdf"), client.get("/handout.pdf")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert PdfRender.objects.count() == 1  # the second came from memory
    add_own_question(client, "Who do we call at night?")
    assert client.get("/handout.pdf").content != first.content
    assert PdfRender.objects.count() == 2


def test_one_family_never_gets_another_familys_pdf(client):
    family(client)
    other = Client()
    family(other)  # the very same answers, another session
    client.get("/handout.pdf")
    other.get("/handout.pdf")
    assert PdfRender.objects.count() == 2  # each made its own


def test_a_session_may_make_only_so_many_pdfs(client, settings):
    settings.PDFS_PER_SESSION = 2
    family(client)
    assert client.get("/handout.pdf").status_code == 200
    add_own_question(client, "A second question?")
    assert client.get("/handout.pdf").status_code == 200
    add_own_question(client, "A third question?")
    refused = client.get("/handout.pdf")
    assert refused.status_code == 429 and refused["Retry-After"] == "600"
    html = refused.content.decode()
    assert "You have made several PDFs in the last few minutes" in html and 'href="/handout/"' in html
    assert PdfRender.objects.count() == 2  # refusals are not counted
    assert client.get("/handout/").status_code == 200  # the printable page still works


@contextlib.contextmanager
def every_place_taken():
    """Another process holds every place to make a PDF, and every place to wait for one."""
    held = [pdfs.take_one(kind) for kind in ("render", "wait")]
    assert None not in held
    try:
        yield
    finally:
        for file in held:
            file.close()


def test_when_every_place_is_taken_the_family_is_told_at_once_and_nothing_is_counted(client):
    family(client)
    with every_place_taken():
        busy = client.get("/handout.pdf")
    assert busy.status_code == 503 and busy["Retry-After"] == "60"
    assert "Many PDFs are being made just now" in busy.content.decode()
    assert not PdfRender.objects.exists()
    assert client.get("/handout.pdf").status_code == 200  # once a place is free


def test_one_may_wait_for_a_place_and_gets_it_when_it_is_free(settings):
    settings.PDF_WAIT_SECONDS = 60
    render_place = pdfs.take_one("render")  # a PDF being made, in another process
    got_a_place = threading.Event()

    def make_a_pdf():
        with pdfs.place_to_render():
            got_a_place.set()

    waiting = threading.Thread(target=make_a_pdf)
    waiting.start()
    try:
        assert wait_until(lambda: all_taken("wait"))  # it holds the one place to wait
        with pytest.raises(pdfs.Busy), pdfs.place_to_render():  # so a third is told at once
            pass
        assert not got_a_place.is_set()
    finally:
        render_place.close()
    waiting.join(timeout=60)
    assert got_a_place.is_set()


def all_taken(kind):
    place = pdfs.take_one(kind)
    if place is not None:
        place.close()
    return place is None


def wait_until(condition, seconds=30):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_weasyprint_loads_nothing_but_the_handout_stylesheet(tmp_path):
    """Whatever reaches the HTML, an image from this machine's network, a file, a stylesheet:
    a listener on loopback sees no connection, and the PDF is still made, styled."""
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("Another family's answers")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        html = (
            f'<p>Hello</p><img src="http://127.0.0.1:{port}/pixel.png">'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
            f'<img src="file://{secret_file}"><object data="file://{secret_file}"></object>'
            '<img src="../../decisionaid/settings.py">'
        )
        pdf = handout.pdf_from_html(html)
        with pytest.raises(TimeoutError):
            listener.accept()
    assert pdf.startswith(b"%PDF") and b"Another family" not in pdf
    fetcher = handout.only_the_stylesheet()
    assert b"@page" in fetcher.fetch(handout.STYLESHEET_URL).read()
    for url in (f"file://{secret_file}", "http://127.0.0.1/", "data:text/css,p{}", "handout:css/../../settings.py"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_pdfs_are_made_at_a_lower_cpu_priority_than_pages():
    import os

    def priority():
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert pdfs.at_low_priority(priority) == min(19, priority() + pdfs.LOWER_PRIORITY)


def test_a_kept_pdf_is_dropped_at_start_over_and_when_its_window_ends(client, settings):
    """The memory that keeps a PDF keeps it no longer than README says: Start over drops it at
    once, and a timer drops it when the window ends, whatever else the worker does."""
    family(client)
    client.get("/handout.pdf")
    session_key = client.session.session_key
    assert pdfs.recent._kept.get(pdfs._hashed(session_key)) is not None
    client.post("/start-over/")
    assert pdfs.recent._kept.get(pdfs._hashed(session_key)) is None

    settings.PDF_WINDOW_SECONDS = 0.2
    family(client)
    client.get("/handout.pdf")
    kept = pdfs._hashed(client.session.session_key)
    assert pdfs.recent._kept.get(kept) is not None
    timer = pdfs.recent._kept[kept][2]
    timer.join(timeout=5)  # the timer's own thread ends when it has dropped the PDF
    assert pdfs.recent._kept.get(kept) is None


def test_at_most_so_many_pdfs_are_kept_the_oldest_going_first(settings):
    kept = pdfs.RecentPdfs()
    for n in range(pdfs.RecentPdfs.MOST + 5):
        kept.keep(f"session-{n}", "html", b"%PDF")
    assert len(kept._kept) == pdfs.RecentPdfs.MOST
    assert kept.get("session-0", "html") is None and kept.get(f"session-{pdfs.RecentPdfs.MOST + 4}", "html") == b"%PDF"
    for n in range(pdfs.RecentPdfs.MOST + 5):
        kept.forget(f"session-{n}")  # and their timers with them
    assert not kept._kept


# The printables anyone may ask for, session or none: the blank handout and the poster


@pytest.fixture
def renders(monkeypatch):
    """The PDFs WeasyPrint really makes (each still made), by the thread that made it."""
    made = []
    real = handout.pdf_from_html

    def counted(html):
        made.append(threading.current_thread().name)
        return real(html)

    monkeypatch.setattr(handout, "pdf_from_html", counted)
    return made


def test_a_printable_is_made_once_for_everyone_and_again_when_the_contacts_change(client, renders):
    first, again, other = client.get("/blank-handout.pdf"), client.get("/blank-handout.pdf"), Client().get(
        "/blank-handout.pdf")
    assert first.status_code == again.status_code == other.status_code == 200
    assert first.content.startswith(b"%PDF") and first.content == again.content == other.content
    assert len(renders) == 1 and renders[0].startswith("pdf")  # once, in the low-priority thread
    Contact.objects.create(**URGENT, urgent=True)  # staff edit the contacts
    changed = client.get("/blank-handout.pdf")
    assert "If your child is unwell now, call Ward 7" in pdf_text(changed) and len(renders) == 2


@pytest.mark.parametrize(("pdf", "page"), [("/blank-handout.pdf", "/blank-handout/"),
                                           ("/for-clinicians/poster.pdf", "/for-clinicians/poster/")])
def test_when_every_place_is_taken_a_printable_is_not_made_and_the_asker_is_told_at_once(
        client, renders, settings, pdf, page):
    settings.PDF_WAIT_SECONDS = 60
    with every_place_taken():
        started = time.monotonic()
        busy = client.get(pdf)
        waited = time.monotonic() - started
    assert busy.status_code == 503 and busy["Retry-After"] == "60" and not renders
    assert waited < 30  # told at once, not after waiting for a place
    html = busy.content.decode()
    assert "Many PDFs are being made just now" in html and f'href="{page}"' in html
    assert "Your answers are safe" not in html  # there are none
    assert client.get(pdf).status_code == 200 and len(renders) == 1  # once a place is free


def test_a_lock_folder_others_could_use_is_refused_not_trusted(monkeypatch, tmp_path):
    """Another local user making the folder first could hold every place: it must be ours alone."""
    shared = tmp_path / "locks"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setattr(pdfs, "LOCK_DIR", shared)
    with pytest.raises(PermissionError):
        pdfs.take_one("render")
    shared.chmod(0o700)
    place = pdfs.take_one("render")
    assert place is not None
    place.close()
