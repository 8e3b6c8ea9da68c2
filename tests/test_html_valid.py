"""The Nu HTML Checker (vnu-jar, from npm, run with Java) over every page and state: no errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from decisionaid import journey
from decisionaid.answers import QUESTIONS_KEY, SESSION_KEY
from tests.helpers import complete_answers, default_answer

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EVERY_QUESTION = {"cancer-course": "relapsed", "treatments-had": ["topotecan", "transplant"], "side-effects": ["pain"]}


def store(client, answers, questions=None):
    session = client.session
    session[SESSION_KEY] = answers
    if questions:
        session[QUESTIONS_KEY] = questions
    session.save()


def answers_before(question_id):
    answers = {}
    while (question := journey.first_unanswered(answers)).id != question_id:
        answers[question.id] = EVERY_QUESTION.get(question.id, default_answer(question))
    return answers


def every_page(client):
    """(name, html) for every page and state a family can reach."""
    yield "start", client.get("/")
    for question in journey.questions_to_ask(EVERY_QUESTION):
        store(client, answers_before(question.id))
        yield f"{question.id}", client.get(f"/questions/{question.id}/")
        bad = {"answer": "x" * 1001} if question.kind == "text" else {}
        yield f"{question.id}-error", client.post(f"/questions/{question.id}/", bad)
    store(client, complete_answers(risk_group="high", alk="yes", hopes="Home <soon> & well"),
          {"chosen": ["chemotherapy-1"], "own": ["Can we travel?"]})
    for url in ("/check-your-answers/", "/summary/", "/handout/", "/about/"):
        yield url, client.get(url)
    yield "404", client.get("/questions/nope/")
    store(client, {"cancer-course": "relapsed"})
    yield "handout-not-ready", client.get("/handout/")
    yield from saving_pages(client)


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
    client.cookies.pop("return_code")
    yield "saved-without-code", client.get("/saved/")
    session = client.session
    session["shared_device"] = True
    session.save()
    client.post("/save/")
    yield "saved-shared", client.get("/saved/")


@pytest.mark.django_db
def test_every_page_is_valid_html(client, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs `npm ci` (vnu-jar) and Java; `make test` installs vnu-jar.")
    files = []
    for name, response in every_page(client):
        path = tmp_path / f"{name.strip('/').replace('/', '_') or 'page'}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    report = "\n".join(f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages)
    assert not messages, report
    assert len(files) > 40
