"""Rotating the secret key: a real restart of a real server, the old key kept as a fallback."""

import re
import subprocess
import sys

import pytest

from tests.servers import ROOT, SECRET, AlternatingFamily, AppServer, answer_in_turn, database_for_servers, server_env

pytestmark = pytest.mark.django_db(transaction=True)
NEW_SECRET = "the-next-secret-key-after-rotation-also-long-and-random-9876543210"


def code_on(page):
    words = re.findall(r"<li>([a-z]+)</li>", page.split('class="return-code__words"')[1].split("</ol>")[0])
    assert len(words) == 6
    return " ".join(words)


def test_after_a_key_rotation_sessions_codes_and_saved_plans_still_open(tmp_path):
    database = database_for_servers(tmp_path)
    server = AppServer(database).start()
    try:
        family = AlternatingFamily([server])
        answer_in_turn(family, {"cancer-course": "relapsed", "risk-group": "high"})
        assert family.post("/save/", {})[:2] == (302, "/saved/")
        code = code_on(family.request("/saved/")[2])

        server.stop()
        rotated = {"DJANGO_SECRET_KEY": NEW_SECRET, "DJANGO_SECRET_KEY_FALLBACKS": SECRET}
        server = AppServer(database, port=server.port, env=rotated).start()

        # The same browser: its answers, and the code on its code page (a signed cookie).
        status, _, page = family.request("/questions/risk-group/")
        assert status == 200 and re.search(r'value="high"[^>]*checked', page)
        assert code_on(family.request("/saved/")[2]) == code
        # Another device, with the code: the plan saved under the old key opens.
        elsewhere = AlternatingFamily([server])
        elsewhere.request("/return/")
        status, location, _ = elsewhere.post("/return/", {"code": code})
        assert (status, location) == (302, "/questions/where-now/")
    finally:
        server.stop()


def plan_keys(database, **env):
    """What `manage.py savedplankeys` tells the operator, with these keys set."""
    done = subprocess.run([sys.executable, "manage.py", "savedplankeys"], cwd=ROOT, check=True, capture_output=True,
                          text=True, env={**server_env(database), **env})
    assert SECRET not in done.stdout and NEW_SECRET not in done.stdout  # never a key
    return done.stdout


def test_the_operator_can_see_when_the_old_key_can_go_and_saved_never_says_so_wrongly(tmp_path):
    """Security review N3: plans saved under the old key, then kept up to date by their sessions
    under the new key (a plan's hash stays old: its code is not sent to the question pages)."""
    database = database_for_servers(tmp_path)
    server = AppServer(database).start()
    rotated = {"DJANGO_SECRET_KEY": NEW_SECRET, "DJANGO_SECRET_KEY_FALLBACKS": SECRET}
    try:
        families, codes = [AlternatingFamily([server]), AlternatingFamily([server])], []
        for family in families:
            answer_in_turn(family, {"cancer-course": "relapsed"})
            assert family.post("/save/", {})[:2] == (302, "/saved/")
            codes.append(code_on(family.request("/saved/")[2]))
        server = restart(server, rotated)
        for family in families:
            family.request("/questions/risk-group/")
            assert family.post("/questions/risk-group/", {"answer": "high"})[0] == 302  # saved into its plan
        report = plan_keys(database, **rotated)
        assert "under the current key (DJANGO_SECRET_KEY): 0" in report
        assert "under fallback 1 of 1 in DJANGO_SECRET_KEY_FALLBACKS: 2. Keep it" in report

        # The first family's code page, on its device, moves its plan to the new key.
        assert families[0].request("/saved/")[0] == 200
        report = plan_keys(database, **rotated)
        assert "under the current key (DJANGO_SECRET_KEY): 1" in report
        assert "under fallback 1 of 1 in DJANGO_SECRET_KEY_FALLBACKS: 1. Keep it" in report

        # The fallback removed too soon: the second plan cannot be opened, and no page says it is saved.
        server = restart(server, {"DJANGO_SECRET_KEY": NEW_SECRET})
        status, location, page = families[1].request("/saved/")
        assert (status, location) == (302, "/") and "Your answers are saved" not in page
        assert "under a key no longer set: 1 plan, which cannot be opened now" in plan_keys(
            database, DJANGO_SECRET_KEY=NEW_SECRET)
        assert families[0].request("/saved/")[0] == 200  # the first one's still opens

        # With the old key back, the second family opens its plan with its code: nothing relies on the old key now.
        server = restart(server, rotated)
        elsewhere = AlternatingFamily([server])
        elsewhere.request("/return/")
        assert elsewhere.post("/return/", {"code": codes[1]})[0] == 302
        assert "0. No saved plan relies on it: it is safe to remove it" in plan_keys(database, **rotated)
    finally:
        server.stop()


def restart(server, env):
    server.stop()
    return AppServer(server.database_url, port=server.port, env=env).start()
