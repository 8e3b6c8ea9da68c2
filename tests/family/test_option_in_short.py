"""An option page opens with "In short": what it involves, what is known and its main downsides
(the known beside the downsides, as IPDAS's equal detail asks), in the same short, sourced words
as the options side by side, and nothing more (no new medical claim)."""

import html as html_lib
import re

import pytest
from django.utils.html import escape

from decisionaid.family.answers import SESSION_KEY
from decisionaid.library import loader
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db

CONTENT = loader.load()
OPTIONS = [*CONTENT.options, CONTENT.palliative, CONTENT.hospice]


def words(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize("finished", [True, False], ids=["after the questions", "before"])
@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: o.id)
def test_an_option_page_opens_with_the_comparisons_own_words_in_short(client, option, finished):
    if finished:
        session = client.session
        session[SESSION_KEY] = complete_answers(risk_group="high", alk="yes")
        session.save()
    main = client.get(f"/options/{option.id}/").content.decode().split('<main id="main"')[1]
    box = re.search(r'<section class="in-short" aria-labelledby="in-short-title">(.*?)</section>', main, re.S)
    assert box, "no In short box"
    said = option.comparison
    assert words(box.group(1)) == " ".join(words(t) for t in (
        "In short", "What it involves", said["involves"], "What is known", said["what_is_known"],
        "Main downsides", said["main_downsides"]))
    # Near the top: after the title and its line, before for whom it is named and the sections.
    assert main.index("</h1>") < main.index(escape(option.summary)) < box.start()
    assert box.end() < main.index("<h2>What it is</h2>")
    assert 'class="for-whom"' not in main or box.end() < main.index('class="for-whom"')


def test_the_box_says_what_the_options_side_by_side_say(client):
    session = client.session
    session[SESSION_KEY] = complete_answers(risk_group="high")
    session.save()
    compare = words(client.get("/options/compare/").content.decode())
    for option in CONTENT.options:
        assert all(option.comparison[part] in compare for part in ("involves", "what_is_known", "main_downsides"))
