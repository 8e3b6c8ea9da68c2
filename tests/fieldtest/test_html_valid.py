"""The Nu HTML Checker over every field test page and state, the staff page included: no errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from decisionaid.family.answers import SESSION_KEY, WEIGH_UP_KEY
from decisionaid.fieldtest.models import FieldTest
from tests.fieldtest.families import check_answers, tool_answers
from tests.helpers import complete_answers, staff_user

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
pytestmark = pytest.mark.django_db


def field_test_pages(client, field_test):
    yield "privacy-field-test-running", client.get("/privacy/")
    client.post("/", {})
    yield "invitation", client.get("/field-test/")
    client.post("/field-test/", {"answer": "yes"})
    yield "before", client.get("/field-test/before/")
    yield "before-error", client.post("/field-test/before/", {})
    client.post("/field-test/before/", check_answers())
    yield "privacy-taking-part", client.get("/privacy/")
    session = client.session
    session[SESSION_KEY] = complete_answers(risk_group="high", hopes="Home <soon> & well")
    session.save()
    yield "summary-offer-weigh-up-first", client.get("/summary/")
    yield "after-weigh-up-first", client.get("/field-test/after/")
    session = client.session
    session[WEIGH_UP_KEY] = {"options": ["chemotherapy"], "leaning": "chemotherapy", "sure": {"sure": "no"}}
    session.save()
    yield "summary-offer", client.get("/summary/")
    yield "weigh-up-offer", client.get("/weigh-up/summary/")
    yield "after", client.get("/field-test/after/")
    yield "after-error", client.post("/field-test/after/", {"knowledge-refractory": "maybe"})
    client.post("/field-test/after/", check_answers(sure="yes"))
    yield "after-tool", client.get("/field-test/after/the-tool/")
    yield "after-tool-error", client.post("/field-test/after/the-tool/", {"prepdm-recognise": "9"})
    client.post("/field-test/after/the-tool/", tool_answers())
    yield "thank-you", client.get("/field-test/thank-you/")
    yield "about-not-yet", client.get("/about/")
    FieldTest.objects.update(is_open=False, summary="Twelve families took part.\nMost knew more.")
    yield "about-field-tested", client.get("/about/")
    client.force_login(staff_user())
    yield "staff-page", client.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/change/")


def test_every_field_test_page_is_valid_html(client, field_test, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs `npm ci` (vnu-jar) and Java; `make test` installs vnu-jar.")
    files = []
    for name, response in field_test_pages(client, field_test):
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert not messages, "\n".join(f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages)
