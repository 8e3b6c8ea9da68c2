"""The Nu HTML Checker (vnu-jar, from npm, run with Java) over every page and state: no errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

from decisionaid.family import journey, tailoring
from decisionaid.family.answers import OWN_QUESTIONS_MAX, QUESTIONS_KEY, SESSION_KEY
from decisionaid.library import loader
from tests.helpers import EVERY_QUESTION, answers_before, complete_answers, every_place_taken, forget_code_cookies

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def store(client, answers, questions=None):
    session = client.session
    session[SESSION_KEY] = answers
    if questions:
        session[QUESTIONS_KEY] = questions
    session.save()


def database_gone(*args, **kwargs):
    raise OperationalError("the database is gone")


def pdf_library_fails(*args, **kwargs):
    raise OSError("no fonts")


def every_page(client, monkeypatch):
    """(name, html) for every page and state a family can reach."""
    yield "start", client.get("/")
    for question in journey.questions_to_ask(EVERY_QUESTION):
        store(client, answers_before(question.id))
        yield f"{question.id}", client.get(f"/questions/{question.id}/")
        bad = {"answer": "x" * 1001} if question.kind == "text" else {}
        yield f"{question.id}-error", client.post(f"/questions/{question.id}/", bad)
    answers = complete_answers(risk_group="high", alk="yes", hopes="Home <soon> & well")
    first_question = tailoring.summarise(answers).suggested_questions[0].id
    store(client, answers, {"chosen": [first_question], "own": ["Can we travel?"]})
    for url in ("/check-your-answers/", "/summary/", "/summary/?saved=1", "/handout/", "/about/", "/privacy/",
                "/words/", "/start-over/"):
        yield url, client.get(url)
    yield "own-question-error", client.post("/summary/questions/", {"own_question": "Why " * 100})
    store(client, answers, {"chosen": [], "own": [f"Question {n}?" for n in range(OWN_QUESTIONS_MAX)]})
    yield "own-question-limit", client.post("/summary/questions/", {"own_question": "One more?"})
    yield from option_and_weighing_pages(client)
    with monkeypatch.context() as patched:
        patched.setattr("decisionaid.printing.pdf_process.render", pdf_library_fails)
        yield "pdf-failed", client.get("/handout.pdf")
    with override_settings(PDFS_PER_SESSION=0):
        yield "pdf-too-many", client.get("/handout.pdf")
    with every_place_taken():
        yield "pdf-busy", client.get("/handout.pdf")
        yield "printable-pdf-busy", client.get("/blank-handout.pdf")
    with override_settings(PDF_RENDER_SECONDS=0):
        yield "pdf-slow", client.get("/handout.pdf")
    yield "404", client.get("/questions/nope/")
    yield "expired-form", Client(enforce_csrf_checks=True).post("/", {})
    store(client, {"cancer-course": "relapsed"})
    yield "handout-not-ready", client.get("/handout/")
    yield from saving_pages(client)
    client.raise_request_exception = False
    with monkeypatch.context() as patched:
        patched.setattr("django.contrib.sessions.backends.db.SessionStore.load", database_gone)
        yield "database-trouble", client.get("/questions/risk-group/")
    store(client, answers_before("hopes"))
    with monkeypatch.context() as patched:
        patched.setattr("decisionaid.saving.sessions.SessionStore.save", database_gone)
        yield "database-trouble-try-again", client.post("/questions/hopes/", {"answer": "Home <soon>"})
    client.raise_request_exception = True
    with override_settings(DEBUG=True):
        for status in (400, 403, 404, 500, 503):
            yield f"error-page-{status}", client.get(f"/error-pages/{status}/")


def option_and_weighing_pages(client):
    """Each option's own page, the side-by-side table, and the weigh-up steps (errors too)."""
    content = loader.load()
    for option in (*content.options, content.palliative, content.hospice):
        yield f"option-{option.id}", client.get(f"/options/{option.id}/")
    yield "compare", client.get("/options/compare/")
    yield "weigh-up", client.get("/weigh-up/")
    yield "weigh-up-error", client.post("/weigh-up/", {"options": ["chemotherapy", "dont-know"]})
    client.post("/weigh-up/", {"options": ["chemotherapy", "comfort-care"]})
    yield "weigh-up-reasons", client.get("/weigh-up/reasons/")
    yield "weigh-up-reasons-error", client.post("/weigh-up/reasons/", {"chemotherapy-for": "x" * 1001})
    client.post("/weigh-up/reasons/", {"chemotherapy-for": "Hope <it> works & more"})
    yield "weigh-up-leaning", client.get("/weigh-up/leaning/")
    client.post("/weigh-up/leaning/", {"leaning": "mix", "sure-sure": "no", "next_steps": ["more-time"]})
    yield "weigh-up-summary", client.get("/weigh-up/summary/")
    yield "check-your-answers-weighed", client.get("/check-your-answers/")
    yield "summary-weighed", client.get("/summary/")


def saving_pages(client):
    """Save and continue later: the return page, the code page (home and shared tablet), and
    the pages that change once answers are saved."""
    yield "return", client.get("/return/")
    yield "return-error", client.post("/return/", {"code": "not the right words"})
    store(client, complete_answers(risk_group="high"), {"chosen": [], "own": ["Can we travel?"]})
    client.post("/save/")
    yield "saved", client.get("/saved/")
    for url in ("/", "/questions/cancer-course/", "/check-your-answers/", "/summary/", "/handout/"):
        yield f"saved{url}", client.get(url)
    forget_code_cookies(client)
    yield "saved-without-code", client.get("/saved/")
    session = client.session
    session["shared_device"] = True
    session.save()
    yield "shared-device-warning", client.get("/questions/hopes/")
    for url in ("/handout/", "/blank-handout/", "/for-clinicians/poster/"):  # stand-alone pages warn too
        yield f"shared-device-warning{url}", client.get(url)
    client.post("/save/")
    yield "saved-shared", client.get("/saved/")
    yield "erased-after-saving", client.get("/summary/")


@pytest.mark.django_db
def test_every_page_is_valid_html(client, tmp_path, monkeypatch):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs `npm ci` (vnu-jar) and Java; `make test` installs vnu-jar.")
    files = []
    for name, response in every_page(client, monkeypatch):
        assert response.status_code in (200, 400, 403, 404, 409, 429, 500, 503), name
        path = tmp_path / f"{name.strip('/').replace('/', '_') or 'page'}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    report = "\n".join(f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages)
    assert not messages, report
    assert len(files) > 40
