"""Parent walk 2: option pages and footers that follow what the family told us."""

import re

import pytest

from decisionaid.family.answers import SESSION_KEY
from decisionaid.library import loader
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db


def text_of(client, url, **answers):
    session = client.session
    session[SESSION_KEY] = complete_answers(**answers)
    session.save()
    html = client.get(url).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def reviewed_dates(text):
    return set(re.findall(r"Content reviewed (\d+ \w+ \d{4})", text))


@pytest.mark.parametrize("url", ["/summary/", "/handout/", "/blank-handout/"])
def test_summary_and_handouts_give_the_date_their_content_was_last_reviewed_as_option_pages_do(client, url):
    """Walk 2: 2 December on the summary and handout, 7 December on every option page. A page
    that shows many files gives the newest of their reviewed dates: when its content was last reviewed."""
    content = loader.load()
    newest = max(o.reviewed for o in content.options)
    assert reviewed_dates(text_of(client, "/options/chemotherapy/")) == {f"{newest:%-d %B %Y}"}
    assert reviewed_dates(text_of(client, url)) == {f"{content.last_reviewed:%-d %B %Y}"}
    assert content.last_reviewed == max(content.last_reviewed, newest, *content.files_reviewed)
