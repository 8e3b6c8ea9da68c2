"""Every figure on every page in the one honest format: the outcome named, the seed's counts
with their complement, the time frame or "does not say", and no figure about adults drawn for
a child's family."""

import html as html_lib
import re

import pytest

from decisionaid.family.answers import SESSION_KEY
from decisionaid.library import loader
from decisionaid.library.figures import TIME_NOT_GIVEN, amounts
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db

NUMBERS = {n.id: n for o in loader.load().options for n in o.numbers}
FAMILIES = {
    "child": dict(age="under-18", risk_group="high", alk="yes"),
    "adult": dict(age="18-or-older", risk_group="high", alk="yes"),
    "age not sure": dict(risk_group="not-sure"),
}
OPTIONS_WITH_FIGURES = sorted({o.id for o in loader.load().options if o.numbers})


def figures_on(client, answers, urls):
    session = client.session
    session[SESSION_KEY] = complete_answers(**answers)
    session.save()
    pages = "".join(client.get(url).content.decode() for url in urls)
    return re.findall(r'<figure class="number" data-number="([\w-]+)">(.*?)</figure>', pages, re.S)


def words(fragment):
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))


def left_out_on(client, urls):
    """{figure id: the line that says it is left out}: figures about adults, for a child."""
    pages = "".join(client.get(url).content.decode() for url in urls)
    return {number_id: words(line) for ids, line in
            re.findall(r'<p class="number__left-out" data-left-out="([\w -]+)">(.*?)</p>', pages, re.S)
            for number_id in ids.split()}


ADULTS_ONLY = {n for n, number in NUMBERS.items() if number.adults_only}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_figure_names_outcome_complement_and_time(client, family):
    """Every figure is on its option's own page (the summary and handout give none); for a
    child under 18, a figure about adults is only named as left out."""
    urls = [f"/options/{o}/" for o in OPTIONS_WITH_FIGURES]
    found = figures_on(client, FAMILIES[family], urls)
    left_out = left_out_on(client, urls)
    shown = {number_id for number_id, _ in found}
    if family == "child":
        assert shown == set(NUMBERS) - ADULTS_ONLY and set(left_out) == ADULTS_ONLY
    else:
        assert shown == set(NUMBERS) and not left_out  # every figure is shown somewhere
    for number_id, fragment in found:
        number, text = NUMBERS[number_id], words(fragment)
        amount, rest = amounts(number)
        assert amount in text.lower() and rest in text, (number_id, text)
        assert number.happened in text.lower() and number.did_not in text, (number_id, text)
        assert (number.time_frame in text) if number.time_frame else (TIME_NOT_GIVEN in text), (number_id, text)
        if number.has_counts:  # the real group: counts, never "out of 100"
            assert f"{number.count} of {number.total}" in text and "out of 100" not in text.split("Source")[0]
        label = re.search(r'aria-label="([^"]+)"', fragment)
        if number.adults_only and family != "adult":
            assert label is None  # mentioned in words only
        else:
            assert number.happened in html_lib.unescape(label.group(1)).lower()  # the text alternative names it


def test_for_a_child_the_figures_about_adults_are_one_line_not_cards_that_show_nothing(client):
    """Review, ALK family: two cards for lorlatinib in adults showed no figure, only that
    there was one. Now one line says what is left out, and why."""
    page = figures_on(client, FAMILIES["child"], ["/options/alk-targeted-therapy/"])
    assert not ADULTS_ONLY & {number_id for number_id, _ in page}
    line = left_out_on(client, ["/options/alk-targeted-therapy/"])
    assert set(line) == ADULTS_ONLY and len(set(line.values())) == 1
    said = next(iter(line.values()))
    assert said.startswith("This part leaves out two figures about adults (18 or older), because your child is under 18.")
    assert "NCI's PDQ summary" in said and not re.search(r"\b(47|67)\b", said)
    text = words(client.get("/options/alk-targeted-therapy/").content.decode())
    assert "It is not shown here" not in text and "The same adults" not in text


def test_an_upper_limit_reads_as_one():
    number = NUMBERS["all-253"]
    assert amounts(number) == ("fewer than 10 out of 100", "more than 90 out of 100")


def test_the_handout_gives_no_figures_and_the_summary_only_its_notes_behind_the_hard_news_disclosure(client):
    """A figure a note about how serious the illness is gives (review R24) waits inside that
    note's closed disclosure, in the same format; the summary shows no other figure."""
    assert figures_on(client, FAMILIES["child"], ["/handout/", "/options/compare/"]) == []
    summary = client.get("/summary/").content.decode()
    outside = re.sub(r"<details\b.*?</details>", "", summary, flags=re.S)
    assert '<figure class="number"' not in outside
    in_notes = {n.id: n for note in loader.load().notes for n in note.numbers}
    found = figures_on(client, FAMILIES["child"], ["/summary/"])
    assert found and {number_id for number_id, _ in found} <= set(in_notes)
    for number_id, fragment in found:
        number, text = in_notes[number_id], words(fragment)
        amount, rest = amounts(number)
        assert amount in text.lower() and rest in text and number.time_frame in text, (number_id, text)
        assert number.survival and number.rests_on.lower() in text.lower(), number_id
