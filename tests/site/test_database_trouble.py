"""A real database lock while a family sends an answer: a real server, its real SQLite file, and
another connection holding that file's write lock."""

import html
import re
import sqlite3

import pytest

from tests.helpers import answers_before, complete_answers
from tests.servers import AlternatingFamily, AppServer, answer_in_turn, migrate

pytestmark = pytest.mark.django_db(transaction=True)
HOPES = "That Maya can be home for her birthday, with Grandma & the dog <3"


def textarea(page):
    return re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1)


@pytest.fixture
def locked_server(tmp_path):
    """A server over its own SQLite file, waiting at most a second for a lock (the busy timeout
    in DATABASE_URL), and a connection of the test's own to hold that file's write lock."""
    path = tmp_path / "db.sqlite3"
    database = f"sqlite:///{path}?timeout=1"
    migrate(database)
    server = AppServer(database).start()
    other = sqlite3.connect(path, isolation_level=None)
    yield server, other
    other.close()
    server.stop()


def test_a_locked_database_gives_try_again_with_the_text_still_in_its_box(locked_server):
    server, other = locked_server
    family = AlternatingFamily([server])
    before = answers_before("hopes")
    answer_in_turn(family, before)

    other.execute("BEGIN EXCLUSIVE")  # as the review did: another process writing for a long time
    status, _, page = family.post("/questions/hopes/", {"answer": HOPES})
    assert status == 503
    assert "Sorry, please try again" in page and "Traceback" not in page
    assert "make it shorter" not in page and "could not read that" not in page
    assert html.unescape(textarea(page)) == HOPES

    other.execute("ROLLBACK")  # the lock goes; the family presses Continue again, as the page is
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    again = {"answer": html.unescape(textarea(page)), "csrfmiddlewaretoken": token}
    assert family.request("/questions/hopes/", again)[:2] == (302, "/questions/worries/")
    assert html.unescape(textarea(family.request("/questions/hopes/")[2])) == HOPES
    status, _, page = family.request("/questions/cancer-course/")  # nothing before it was lost
    assert re.search(rf'value="{before["cancer-course"]}"[^>]*checked', page)


def test_with_a_locked_database_pages_still_show_and_an_own_question_waits_in_its_box(locked_server):
    server, other = locked_server
    family = AlternatingFamily([server])
    answer_in_turn(family, complete_answers(cancer_course="relapsed"))
    other.execute("BEGIN EXCLUSIVE")
    status, _, page = family.request("/summary/")  # reading needs no lock (WAL)
    assert status == 200 and "Your summary" in page
    status, _, page = family.post("/summary/questions/", {"own_question": "Can we stay together?"})
    assert status == 503 and "Sorry, please try again" in page
    assert re.search(r'<textarea[^>]*name="own_question"[^>]*>Can we stay together\?</textarea>', page)
    other.execute("ROLLBACK")
    assert family.post("/summary/questions/", {"own_question": "Can we stay together?"})[0] == 302
    assert "Can we stay together?" in family.request("/summary/")[2]


def test_with_a_locked_database_the_reasons_weighed_up_wait_in_their_boxes(locked_server):
    server, other = locked_server
    family = AlternatingFamily([server])
    answer_in_turn(family, complete_answers(cancer_course="relapsed"))
    assert family.post("/weigh-up/", {"options": ["chemotherapy"]})[:2] == (302, "/weigh-up/reasons/")
    other.execute("BEGIN EXCLUSIVE")
    status, _, page = family.post("/weigh-up/reasons/", {"chemotherapy-for": HOPES})
    assert status == 503 and "Sorry, please try again" in page and 'href="#field-chemotherapy-for"' in page
    assert html.unescape(textarea(page)) == HOPES
    other.execute("ROLLBACK")
    assert family.post("/weigh-up/reasons/", {"chemotherapy-for": HOPES})[:2] == (302, "/weigh-up/leaning/")
    assert html.unescape(textarea(family.request("/weigh-up/reasons/")[2])) == HOPES
