"""Parent walk 2: option pages and footers that follow what the family told us."""

import re
from pathlib import Path

import pytest

from decisionaid.family.answers import SESSION_KEY
from decisionaid.library import loader
from tests.helpers import complete_answers

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "sources"

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


@pytest.mark.parametrize("url", ["/about/", "/for-clinicians/"])
def test_about_and_for_clinicians_say_when_the_content_was_last_reviewed_and_since_when_all_of_it(client, url):
    """About said "last reviewed on" the oldest file's date while the summary gave the newest:
    both now give the newest, and where files differ, the date since which every part was reviewed."""
    content = loader.load()
    page = " ".join(text_of(client, url).split())
    assert f"The content was last reviewed on {content.last_reviewed:%-d %B %Y}" in page
    if content.reviewed != content.last_reviewed:
        assert f"every part of it was reviewed on or after {content.reviewed:%-d %B %Y}" in page


GENERAL = ("If you are not sure whether your child has had one, ask.",
           "If your child has had a transplant before, some of this may be familiar.",
           "If your child has already had two transplants, the sources do not describe a third one with your child's own cells.")
TWICE = "You told us your child has had two transplants. The sources do not describe a third one with your child's own cells."
TOLD = "You told us your child has had a transplant"


@pytest.mark.parametrize(("answers", "general", "twice", "told"), [
    ({"treatments_had": ["transplant"], "transplant_count": "once"}, False, False, True),
    ({"treatments_had": ["transplant"], "transplant_count": "twice"}, False, True, True),
    ({"treatments_had": ["transplant"], "transplant_count": "not-sure"}, None, False, True),
    ({"treatments_had": ["not-sure"]}, True, False, False),
    ({"treatments_had": ["chemotherapy"]}, True, False, False),
])
def test_the_second_transplant_page_says_only_what_fits_the_transplants_the_family_told_us_of(
        client, answers, general, twice, told):
    """Walk 2: a family that answered "Once" still read "If you are not sure whether your child
    has had one, ask" and "If your child has already had two transplants...", then a box saying
    "You told us your child has had a transplant". The general sentences stay for the others."""
    page = text_of(client, "/options/second-transplant/", **answers)
    if general is None:  # told of a transplant, not sure how many: only the third-transplant line
        assert [g in page for g in GENERAL] == [False, False, True]
    else:
        assert all((g in page) == general for g in GENERAL)
    assert (TWICE in page) == twice
    assert (TOLD in page) == told
    assert "<!--" not in client.get("/options/second-transplant/").content.decode()


def test_the_second_transplant_page_without_answers_keeps_every_general_sentence(client):
    page = " ".join(re.sub(r"<[^>]+>", " ", client.get("/options/second-transplant/").content.decode()).split())
    assert all(g in page for g in GENERAL) and TWICE not in page and TOLD not in page


@pytest.mark.parametrize(("had", "told", "maybe"), [
    (["anti-gd2", "chemotherapy"], True, False),
    (["chemotherapy"], False, False),  # fresh eyes R6: "may have had" would contradict what they told us
    (["not-sure"], False, True), (["chemotherapy", "not-sure"], False, True), (None, False, True),
])
def test_the_chemoimmunotherapy_page_says_the_family_told_us_of_antibody_immunotherapy(client, had, told, maybe):
    """Walk 2: "your child may have had one of these before", to a parent who ticked antibody
    immunotherapy; "may have had" only where the family is not sure, or has not said."""
    if had is None:  # reading the options before answering
        page = " ".join(re.sub(r"<[^>]+>", " ", client.get("/options/chemoimmunotherapy/").content.decode()).split())
    else:
        page = text_of(client, "/options/chemoimmunotherapy/", treatments_had=had)
    assert ("You told us your child has had antibody immunotherapy before." in page) == told
    assert ("So your child may have had one of these before." in page) == maybe
    # Fact-check H, M1: NCI's summary for doctors writes of children given it again, so "the
    # sources do not say" was untrue, and pointed once the page said "You told us".
    assert "The sources do not say if this changes its use now." not in page
    assert "NCI's summary for doctors writes about children given antibody immunotherapy again after a relapse" in page


def test_may_have_had_it_follows_only_for_a_child_whose_cancer_may_have_been_high_risk(client):
    """Fact-check 5, I2: it follows "part of the standard first treatment for high risk"."""
    low = text_of(client, "/options/chemoimmunotherapy/", treatments_had=["not-sure"], risk_group="low")
    assert "So your child may have had one of these before." not in low


def test_the_third_transplant_line_names_the_kind_the_sources_do_not_describe():
    """Fact-check H, L3: NCI's summary for doctors does describe a donor transplant after one
    with the child's own cells, so "the sources do not describe a third" said too much."""
    option = next(o for o in loader.load().options if o.id == "second-transplant")
    assert any("do not describe a third one with your child's own cells" in text
               for text in option.sections.values())
    assert "allogeneic HSCT after a previous autologous HSCT" in (SOURCES / "nci-pdq-neuroblastoma-hp.txt").read_text()


def test_a_part_for_some_families_must_name_a_question_the_catalogue_knows():
    import dataclasses

    from decisionaid.library import catalogue, options
    option = loader.load().options[0]
    questions = {q.id: q for q in catalogue.load().questions}
    bad = dataclasses.replace(option, sections={**option.sections, "What it is": (
        "A. <!-- when {question: no-such-question, any_of: [x]} -->B.<!-- end --> <!-- when C.")})
    problems = list(options.tailoring_problems(bad, questions))
    assert any("no-such-question" in p for p in problems) and any("<!-- end -->" in p for p in problems)
    assert options.tailored("A. <!-- when {question: age, any_of: [under-18]} -->B. <!-- end -->C.",
                            {"age": "18-or-older"}) == "A. C."
