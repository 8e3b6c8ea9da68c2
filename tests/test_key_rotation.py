"""Rotating the secret key: a real restart of a real server, the old key kept as a fallback."""

import re

import pytest

from tests.servers import SECRET, AlternatingFamily, AppServer, answer_in_turn, database_for_servers

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
