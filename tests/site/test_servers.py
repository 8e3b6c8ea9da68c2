"""Real app server processes: two over one database, and one whose database is gone."""

import http.cookiejar
import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from decisionaid.library import catalogue
from tests.helpers import complete_answers
from tests.servers import AlternatingFamily, AppServer, database_for_servers, form_data, free_port

pytestmark = pytest.mark.django_db(transaction=True)
FAMILY = complete_answers(
    cancer_course="relapsed", risk_group="high", treatments_had=["topotecan", "transplant"],
    hopes="To be home by spring, all of us together.",
)


def test_a_family_completes_the_journey_across_two_app_servers(tmp_path):
    database = database_for_servers(tmp_path)
    servers = [AppServer(database).start(), AppServer(database).start()]
    try:
        family = AlternatingFamily(servers)
        status, _, _ = family.request("/")
        assert status == 200
        status, location, _ = family.post("/", {})
        while location != "/check-your-answers/":
            assert status == 302, (status, location)
            question = catalogue.load().question(re.fullmatch(r"/questions/([\w-]+)/", location)[1])
            status, _, _ = family.request(location)
            assert status == 200, location
            status, location, _ = family.post(location, form_data(question, FAMILY[question.id]))
        status, _, summary = family.request("/summary/")
        assert status == 200
        assert "High risk" in summary and "Your summary" in summary
        status, _, handout = family.request("/handout/")
        assert status == 200 and FAMILY["hopes"] in handout
        assert len(family.served_by) > 40 and set(family.served_by) == {s.port for s in servers}
        if connection.vendor == "postgresql":  # the servers wrote to this suite's own database
            assert Session.objects.exists()
    finally:
        for server in servers:
            server.stop()


@pytest.mark.parametrize(
    "database",
    ["sqlite:////no/such/folder/db.sqlite3", f"postgres://nobody:nothing@127.0.0.1:{free_port()}/gone"],
    ids=["sqlite", "postgresql"],
)
def test_a_database_that_is_gone_gives_a_plain_try_again_page(database):
    server = AppServer(database).start()
    try:
        family = AlternatingFamily([server])
        assert family.request("/")[0] == 200  # nothing stored yet, so nothing to reach
        status, _, page = family.post("/questions/cancer-course/", {"answer": "relapsed"})
        assert status == 503 and "<title>Sorry, please try again" in page
        assert "cannot reach the place where answers are kept" in page and "Traceback" not in page
        assert re.search(r'value="relapsed"[^>]*checked', page)  # the choice, still made

        family.cookies.set_cookie(http.cookiejar.Cookie(
            0, "sessionid", "a-family-who-answered-before", None, False, "127.0.0.1", False, False,
            "/", True, False, None, False, None, None, {},
        ))
        for path in ("/", "/questions/risk-group/", "/summary/", "/handout/"):
            assert_try_again_page(*family.request(path)[::2])
    finally:
        server.stop()


def assert_try_again_page(status, page):
    assert status == 503
    assert "Sorry, please try again" in page and "cannot reach the place where answers are kept" in page
    assert "Traceback" not in page and "Error" not in page
