"""Many requests at once in one family's session, against a real server with several worker
processes (and on the suite's PostgreSQL database, when it runs there): no change is lost."""

import re
import threading
import urllib.parse
import urllib.request

import pytest

from tests.helpers import complete_answers
from tests.servers import AlternatingFamily, AppServer, answer_in_turn, database_for_servers

pytestmark = pytest.mark.django_db(transaction=True)
AT_ONCE = 20


def test_twenty_own_questions_posted_at_once_are_all_kept(tmp_path):
    server = AppServer(database_for_servers(tmp_path), workers=4).start()
    try:
        family = AlternatingFamily([server])
        family.request("/")
        family.post("/", {"shared_device": "yes"})  # a shared tablet: every page view writes the session too
        answer_in_turn(family, complete_answers(cancer_course="relapsed"))
        cookie = "; ".join(f"{c.name}={c.value}" for c in family.cookies)
        token = next(c.value for c in family.cookies if c.name == "csrftoken")
        start = threading.Barrier(2 * AT_ONCE)
        statuses = []

        def send(path, data=None):
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode() if data else None
            request = urllib.request.Request(server.url + path, body, headers={"Cookie": cookie})
            start.wait()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as response:
                statuses.append(response.code)

        threads = [threading.Thread(target=send, args=("/summary/questions/", {"own_question": f"Question {n}?"}))
                   for n in range(AT_ONCE)]
        threads += [threading.Thread(target=send, args=("/summary/",)) for _ in range(AT_ONCE)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert statuses.count(200) == 2 * AT_ONCE  # each post said "saved" (redirects followed)
        summary = family.request("/summary/")[2]
        kept = set(re.findall(r"Question (\d+)\?", summary))
        assert kept == {str(n) for n in range(AT_ONCE)}
    finally:
        server.stop()
