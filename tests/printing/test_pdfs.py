"""The handout PDF under load: kept per session and answers, limited per session, made in a
fair turn a few at a time on the machine, within a deadline, in a process of its own, by a
WeasyPrint that loads nothing but its stylesheet. The public printables (blank handout,
poster): made once for the service's own address and kept for everyone.
(tests/printing/test_pdf_servers.py: the same through real app servers.)"""

import socket
import time
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from decisionaid.hospital.models import Contact
from decisionaid.printing import pdf_process, pdf_render, recent_pdfs, render_places
from decisionaid.printing.models import PdfRender, PrintablePdf
from tests.helpers import URGENT, every_place_taken
from tests.hospital.test_hospital import pdf_text
from tests.printing.test_handout import family

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _places_of_its_own(monkeypatch, tmp_path):
    """Each test has the machine's places to itself: no other test's PDF had a turn lately."""
    monkeypatch.setattr(render_places, "LOCK_DIR", tmp_path / "pdf-places")


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


# The PDF's own process: a deadline, a lower priority, nothing loaded but the stylesheet


def test_a_pdf_not_made_by_its_deadline_is_stopped_and_the_family_gets_the_printable_page(client, settings):
    """A real render stopped for real: its process is killed, the place is free again."""
    settings.PDF_RENDER_SECONDS = 0.05
    family(client)
    slow = client.get("/handout.pdf")
    assert slow.status_code == 503 and slow["Retry-After"] == "60"
    html = slow.content.decode()
    assert "Please print the page instead" in html and "in the time we allow" in html and 'href="/handout/"' in html
    assert PdfRender.objects.count() == 1  # it took the machine's time: it counts
    place = render_places.take_render_place()
    assert place is not None  # the stopped PDF holds no place
    place.close()
    settings.PDF_RENDER_SECONDS = 300
    assert client.get("/handout.pdf").status_code == 200


def test_a_pdf_whose_process_fails_gives_the_clear_page_not_an_error():
    nested = "<div>" * 3000 + "deep" + "</div>" * 3000  # WeasyPrint runs out of recursion
    with pytest.raises(pdf_process.RenderFailed, match="RecursionError|ended without a PDF"):
        pdf_process.render(nested)


def test_pdfs_are_made_at_a_lower_cpu_priority_than_pages():
    import os

    made = pdf_process.render("<p>Hello</p>")
    assert made.pdf.startswith(b"%PDF") and made.nice == min(19, os.nice(0) + pdf_render.LOWER_PRIORITY)


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
        pdf = pdf_process.render(html).pdf
        with pytest.raises(TimeoutError):
            listener.accept()
    assert pdf.startswith(b"%PDF") and b"Another family" not in pdf
    css = Path(finders.find(pdf_process.STYLESHEET)).read_bytes()
    fetcher = pdf_render.only_the_stylesheet(css)
    assert b"@page" in fetcher.fetch(pdf_render.STYLESHEET_URL).read()
    for url in (f"file://{secret_file}", "http://127.0.0.1/", "data:text/css,p{}", "handout:css/../../settings.py"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_long_runs_of_letters_get_places_to_break_and_nothing_else_changes():
    run = "W" * 100
    broken = pdf_render.with_break_opportunities(f'<p class="x{run}">{run} short words &amp; more</p>')
    assert broken.startswith(f'<p class="x{run}">')  # tags and attributes as they were
    assert broken.replace(pdf_render.ZERO_WIDTH_SPACE, "") == f'<p class="x{run}">{run} short words &amp; more</p>'
    assert max(map(len, broken.split(">", 1)[1].split(pdf_render.ZERO_WIDTH_SPACE))) < 40
    emoji = "👍🏽" * 30 + "🇬🇧" * 30 + "e\u0301" * 30  # a skin tone, flags, an accent: never split
    broken = pdf_render.with_break_opportunities(f"<p>{emoji}</p>")
    for pair in ("\u200b\U0001f3fd", "\U0001f1ec\u200b\U0001f1e7", "\u200b\u0301"):
        assert pair not in broken
    assert pdf_render.ZERO_WIDTH_SPACE in broken


def test_the_familys_own_words_are_printed_in_their_own_direction():
    html = '<p class="own-words" dir="auto">شكرا لكم <span>(continues)</span></p><li dir="auto">12. Hello</li>'
    resolved = pdf_render.with_directions(html)
    assert '<p class="own-words" dir="rtl">' in resolved and '<li dir="ltr">12. Hello</li>' in resolved


def test_a_kept_pdf_is_dropped_at_start_over_and_when_its_window_ends(client, settings):
    """The memory that keeps a PDF keeps it no longer than README says: Start over drops it at
    once, and a timer drops it when the window ends, whatever else the worker does."""
    family(client)
    client.get("/handout.pdf")
    session_key = client.session.session_key
    assert recent_pdfs.recent._kept.get(recent_pdfs.hashed(session_key)) is not None
    client.post("/start-over/")
    assert recent_pdfs.recent._kept.get(recent_pdfs.hashed(session_key)) is None

    settings.PDF_WINDOW_SECONDS = 0.2
    family(client)
    client.get("/handout.pdf")
    kept = recent_pdfs.hashed(client.session.session_key)
    assert recent_pdfs.recent._kept.get(kept) is not None
    timer = recent_pdfs.recent._kept[kept][2]
    timer.join(timeout=5)  # the timer's own thread ends when it has dropped the PDF
    assert recent_pdfs.recent._kept.get(kept) is None


def test_at_most_so_many_pdfs_are_kept_the_oldest_going_first(settings):
    kept = recent_pdfs.RecentPdfs()
    for n in range(recent_pdfs.RecentPdfs.MOST + 5):
        kept.keep(f"session-{n}", "html", b"%PDF")
    assert len(kept._kept) == recent_pdfs.RecentPdfs.MOST
    assert kept.get("session-0", "html") is None and kept.get(f"session-{recent_pdfs.RecentPdfs.MOST + 4}", "html") == b"%PDF"
    for n in range(recent_pdfs.RecentPdfs.MOST + 5):
        kept.forget(f"session-{n}")  # and their timers with them
    assert not kept._kept


# The printables anyone may ask for, session or none: the blank handout and the poster


def test_a_printable_is_made_once_for_everyone_and_again_when_the_contacts_change(client):
    first = client.get("/blank-handout.pdf")
    with every_place_taken():  # no PDF could be made now: the next ones are the kept copy
        again, other = client.get("/blank-handout.pdf"), Client().get("/blank-handout.pdf")
    assert first.status_code == again.status_code == other.status_code == 200
    assert first.content.startswith(b"%PDF") and first.content == again.content == other.content
    assert PrintablePdf.objects.count() == 1
    Contact.objects.create(**URGENT, urgent=True)  # staff edit the contacts
    changed = client.get("/blank-handout.pdf")
    assert "If your child is unwell now, call Ward 7" in pdf_text(changed) and PrintablePdf.objects.count() == 2


@pytest.mark.parametrize("pdf", ["/blank-handout.pdf", "/for-clinicians/poster.pdf"])
def test_a_printable_is_the_same_whatever_address_it_is_asked_for_at(client, settings, pdf):
    """Review N2: each new Host header made a new PDF. Now the address printed is the service's
    own (the first allowed host), so every Host gets the one kept copy."""
    settings.ALLOWED_HOSTS = ["aid.example.org", "localhost", "testserver"]
    first = client.get(pdf, HTTP_HOST="localhost:8123")
    with every_place_taken():
        others = [client.get(pdf, HTTP_HOST=host) for host in ("localhost:8124", "testserver", "aid.example.org:1")]
    assert all(o.status_code == 200 and o.content == first.content for o in others)
    assert "aid.example.org/" in pdf_text(first) and "localhost" not in pdf_text(first)
    assert PrintablePdf.objects.count() == 1


@pytest.mark.parametrize(("pdf", "page"), [("/blank-handout.pdf", "/blank-handout/"),
                                           ("/for-clinicians/poster.pdf", "/for-clinicians/poster/")])
def test_when_every_place_is_taken_a_printable_is_not_made_and_the_asker_is_told_at_once(
        client, settings, pdf, page):
    settings.PDF_WAIT_SECONDS = 60
    with every_place_taken():
        started = time.monotonic()
        busy = client.get(pdf)
        waited = time.monotonic() - started
    assert busy.status_code == 503 and busy["Retry-After"] == "60" and not PrintablePdf.objects.exists()
    assert waited < 30  # told at once, not after waiting for a place
    html = busy.content.decode()
    assert "Many PDFs are being made just now" in html and f'href="{page}"' in html
    assert "Your answers are safe" not in html  # there are none
    assert client.get(pdf).status_code == 200 and PrintablePdf.objects.count() == 1  # once a place is free


def test_a_family_waiting_for_a_pdf_outlasts_one_that_runs_to_its_deadline(settings):
    """Security re-check R3: families waited 8 s for a place held by PDFs stopped only at 12 s,
    so one session's slow PDFs kept everyone else on "please try again"."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from decisionaid.printing.apps import waiting_outlasts_a_render

    settings.PDF_WAIT_SECONDS, settings.PDF_RENDER_SECONDS = 10, 9  # the defaults (the suite allows longer)
    assert waiting_outlasts_a_render() == []
    settings.PDF_WAIT_SECONDS, settings.PDF_RENDER_SECONDS = 8, 12
    assert [w.id for w in waiting_outlasts_a_render()] == ["printing.W001"]
    with pytest.raises(SystemCheckError):
        call_command("check", fail_level="WARNING")
