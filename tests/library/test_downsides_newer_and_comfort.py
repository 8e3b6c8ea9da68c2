"""Issue 22: the downsides of bevacizumab, ALK inhibitors, newer treatments, clinical trials and
focusing on comfort, from the further sources, as fully as what is known (IPDAS Q5, C1).

Each harm is pinned three ways: the family reads it in plain words in the option's downsides, the
source it comes from is one the option cites, and that source's own text says it. Whose text it is
(written for adults, for doctors, about other cancers) is pinned beside it."""

import html
import re
from pathlib import Path

import pytest

from decisionaid.family.answers import SESSION_KEY
from decisionaid.hospital import review
from decisionaid.library import loader, readability
from decisionaid.library.catalogue import ContentError
from decisionaid.library.figures import figure_words
from decisionaid.library.options import option_problems, read_option
from tests.helpers import complete_answers

DOWNSIDES = "Possible side effects and downsides"
SOURCES = Path(__file__).resolve().parents[2] / "docs"
OPTIONS = {o.id: o for o in loader.load().options}


def source_text(source_id):
    folder = "seeds" if source_id[:3].isdigit() else "sources"
    return " ".join(review.source_body((SOURCES / folder / source_id).read_text()).split())


def words(text):
    return " ".join(readability.plain(text).split())


# (option, what the family reads, the source, what the source says)
HARMS = [
    ("bevacizumab-chemotherapy", "bleeding", "nci-angiogenesis-inhibitors.txt", "hemorrhage"),
    ("bevacizumab-chemotherapy", "blood clots in the arteries", "nci-angiogenesis-inhibitors.txt", "clots in the arteries"),
    ("bevacizumab-chemotherapy", "high blood pressure", "nci-angiogenesis-inhibitors.txt", "hypertension"),
    ("bevacizumab-chemotherapy", "wounds that heal slowly", "nci-angiogenesis-inhibitors.txt", "impaired wound healing"),
    ("bevacizumab-chemotherapy", "protein in the urine", "nci-angiogenesis-inhibitors.txt", "protein in the urine"),
    ("bevacizumab-chemotherapy", "a hole in the wall of the gut", "nci-angiogenesis-inhibitors.txt", "Gastrointestinal perforation"),
    ("alk-targeted-therapy", "diarrhoea and liver problems", "nci-targeted-therapy.txt", "include diarrhea and liver problems"),
    ("alk-targeted-therapy", "problems with blood clotting and wound healing", "nci-targeted-therapy.txt", "problems with blood clotting and wound healing"),
    ("alk-targeted-therapy", "mouth sores", "nci-targeted-therapy.txt", "mouth sores"),
    ("alk-targeted-therapy", "can cause serious side effects", "nci-targeted-therapy.txt", "can also cause serious side effects"),
    ("newer-approaches", "low blood counts", "fda-iwilfin.txt", "Myelosuppression: Monitor blood counts"),
    ("newer-approaches", "liver damage", "fda-iwilfin.txt", "Hepatotoxicity"),
    ("newer-approaches", "hearing loss", "fda-iwilfin.txt", "Hearing Loss: Monitor hearing"),
    ("newer-approaches", "flu-like symptoms", "nci-immunotherapy-side-effects.txt", "flu-like symptoms"),
    ("newer-approaches", "which can even cause death", "nci-immunotherapy-side-effects.txt", "severe or fatal allergic"),
    ("clinical-trials", "the chance that the new treatment will benefit a patient in such a trial is low",
     "nci-choices-for-care-advanced-cancer.txt", "the chance that the new treatment will benefit a patient in such a trial is low"),
    ("clinical-trials", "to look at the safety of a new treatment and to find the best dose",
     "nci-choices-for-care-advanced-cancer.txt", "to look at the safety of a new treatment and to identify the best dose"),
    ("clinical-trials", "rules about who can take part", "nci-choices-for-care-advanced-cancer.txt", "Each study has rules about who can take part"),
    ("clinical-trials", "some trials are open only to children who have not started treatment",
     "nci-pdq-neuroblastoma-patient.txt", "Some clinical trials are open only to patients who have not started treatment"),
    ("comfort-care", "no more treatment aimed at the cancer", "nci-choices-for-care-advanced-cancer.txt", "If you choose not to go through more active cancer treatment"),
    ("comfort-care", "does not mean that you or your health care team are giving up", "nci-aya-end-of-life.txt",
     "does not mean that you or your health care team are giving up"),
    ("comfort-care", "goals for their care may change over time", "nci-choices-for-care-advanced-cancer.txt", "These goals may change over time"),
]


@pytest.mark.parametrize("option_id, plain, source, source_says", HARMS, ids=[f"{h[0]}: {h[1][:30]}" for h in HARMS])
def test_the_downsides_name_a_harm_a_family_can_picture_from_a_source_the_option_cites(option_id, plain, source, source_says):
    option = OPTIONS[option_id]
    assert plain in words(option.sections[DOWNSIDES]), f"{option_id}: the downsides do not say {plain!r}"
    assert source in option.sources, f"{option_id}: does not cite {source}"
    assert source_says in source_text(source), f"{source} does not say {source_says!r}"


# Whose text each harm comes from, said where the harm is told.
WHOSE = {
    "bevacizumab-chemotherapy": ["The list below was written about adults with other cancers", "Neuroblastoma is not one of them",
                                 "not for bevacizumab alone"],
    "alk-targeted-therapy": ["is written for adults", "not ALK inhibitors in particular", "neuroblastoma is not on the list"],
    "newer-approaches": ["is written for doctors", "approved use after first treatment",
                         "It is not about treating cancer that has already come back", "is written for adults"],
    "clinical-trials": ["is written for adults"],
    "comfort-care": ["written for young people who have cancer themselves, not for parents", "NCI's page for adults"],
}


@pytest.mark.parametrize("option_id", WHOSE)
def test_each_harm_says_whose_text_it_is(option_id):
    downsides = words(OPTIONS[option_id].sections[DOWNSIDES])
    for attribution in WHOSE[option_id]:
        assert attribution in downsides, f"{option_id}: {attribution!r}"


@pytest.mark.parametrize("option_id", WHOSE)
def test_the_downsides_weigh_at_least_two_thirds_of_what_is_known(option_id):
    option = OPTIONS[option_id]

    def weight(section):  # its words and its figures' words
        figures = " ".join(f"{n.study} {figure_words(n)} {n.rests_on}" for n in option.numbers_in(section))
        return len(f"{words(option.sections[section])} {figures}".split())

    known, downsides = weight("What is known"), weight(DOWNSIDES)
    assert downsides * 3 >= known * 2, f"{option_id}: {downsides} words of downsides, {known} on what is known"


# A real downside in the side-by-side row, and one in the summary's line (review N4).
ROW_AND_LINE = {
    "bevacizumab-chemotherapy": ("bleeding, clots, high blood pressure and slow wound healing", "In adults, drugs like it can cause bleeding"),
    "alk-targeted-therapy": ("diarrhoea and liver problems", "diarrhoea and liver problems"),
    "newer-approaches": ("lower blood counts and harm the liver and hearing", "can cause hearing loss"),
    "clinical-trials": ("the chance of benefit is low", "Early-phase trials test safety and dose"),
    "comfort-care": ("Gives up treatment aimed at the cancer", "no more treatment aimed at the cancer"),
    # Review F4: NCI, "without giving any treatment until signs or symptoms appear or change".
    "observation": ("No treatment is given while watching", "The cancer is not treated until signs or symptoms appear or change"),
}


@pytest.mark.parametrize("option_id", ROW_AND_LINE)
def test_the_comparison_row_and_the_summary_line_each_name_a_real_downside(option_id):
    option = OPTIONS[option_id]
    row, line = ROW_AND_LINE[option_id]
    assert row in option.comparison["main_downsides"]
    assert not option.comparison["main_downsides"].startswith("The sources do not")
    assert line in option.summary


def test_every_options_summary_line_is_pinned_to_a_downside_here_or_with_the_established_six():
    """Review F4: no option's line (observation's was) goes without a downside unnoticed."""
    from tests.library.test_downsides_established import SUMMARY

    assert set(OPTIONS) == set(ROW_AND_LINE) | set(SUMMARY)


def test_the_trials_line_says_it_depends_on_the_trial_and_no_longer_nudges():
    trials = OPTIONS["clinical-trials"]
    assert "What it involves depends on the trial." in trials.summary
    assert "might suggest" not in trials.summary


def test_one_hospitals_goal_is_told_as_its_aim_not_as_what_is_known():
    """Review N11: CHOP's "Our goal is to match..." is one hospital's goal."""
    trials = OPTIONS["clinical-trials"]
    assert "match each child" not in trials.sections["What is known"]
    assert "One US children's hospital says its goal is to match each child" in trials.sections["What it is"]
    assert "This is that hospital's aim, not a result." in trials.sections["What it is"]


def test_the_question_about_safety_and_dose_rests_on_what_a_source_says_early_trials_test():
    """Review N10: the question now follows what NCI says early-phase trials are designed for."""
    downsides = OPTIONS["clinical-trials"].sections[DOWNSIDES]
    question = "Is the main aim of this trial to test safety and dose, or to help my child?"
    assert question in downsides
    assert downsides.index("designed to look at the safety of a new treatment") < downsides.index(question)
    assert "phase 1 studies as early-phase studies" in downsides


def test_comfort_says_where_care_can_be_given_from_a_source():
    comfort = OPTIONS["comfort-care"]
    assert comfort.says_time_in_hospital
    assert "at home, in hospital or in a hospice centre" in comfort.comparison["time_in_hospital"]
    involves = words(comfort.sections["What it involves for your child and family"])
    assert "at home in hospital at a respite or hospice centre" in involves.replace(".", "").replace(",", "")
    assert "given at your home, in the hospital, or at a respite or hospice center" in source_text("nci-aya-end-of-life.txt")



def test_comforts_what_is_known_agrees_with_its_closed_part_on_how_the_illness_may_go():
    """IPDAS re-check: "What is known" said the sources "do not say how the illness would go",
    while the closed part below quotes what they do say, about groups of people."""
    known = words(OPTIONS["comfort-care"].sections["What is known"])
    assert "do not say how the illness would go" not in known
    assert "They do not describe how the illness goes in a child who has no more treatment aimed at the cancer" in known
    assert "Further down this page, a closed part gives what they do say. It is about groups of people" in known
    notes = [n for n in OPTIONS["comfort-care"].notes if n.serious]
    assert notes and all(n.heading == "How the illness may go without treatment aimed at the cancer" for n in notes)


# Rendering: the natural course waits behind a closed, labelled disclosure; 002's "usually
# cured" line is shown only to a family whose child's cancer was low or intermediate risk.
HARD_NEWS = ("no longer possible to keep the cancer from advancing", "expected to live less than 6 months",
             "signifies a very poor prognosis")
DETAILS = re.compile(r"<details\b[^>]*>.*?</details>", re.S)


def comfort_page(client, **answers):
    session = client.session
    session[SESSION_KEY] = complete_answers(**answers) if answers else {}
    session.save()
    page = client.get("/options/comfort-care/")
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    return text[text.index("<article"):text.index("</article>")]


@pytest.mark.django_db
@pytest.mark.parametrize("answers, shown, not_shown", [
    ({"risk_group": "high", "cancer_course": "relapsed"}, "signifies a very poor prognosis", "usually cured"),
    ({"risk_group": "low", "where_now": ["same-place"]}, "usually cured", "signifies a very poor prognosis"),
    ({"risk_group": "intermediate", "where_now": ["elsewhere"]}, "usually cured", "signifies a very poor prognosis"),
    ({}, "no longer possible to keep the cancer from advancing", "usually cured"),
], ids=["high risk", "low risk", "intermediate risk", "no answers yet"])
def test_comfort_keeps_how_the_illness_may_go_behind_a_closed_labelled_disclosure(client, answers, shown, not_shown):
    article = comfort_page(client, **answers)
    assert shown in article and not_shown not in article
    disclosures = [d for d in DETAILS.findall(article) if "How the illness may go without treatment aimed at the cancer" in d]
    assert len(disclosures) == 1, "one disclosure, labelled with what it holds"
    opening = disclosures[0][:disclosures[0].index(">")]
    assert " open" not in opening, "the disclosure starts closed"
    before = article[:article.index(disclosures[0])]
    assert before.rstrip().endswith("Open it when you feel ready.</p>"), "a heads-up comes just before it"
    outside = DETAILS.sub("", article)
    for hard in HARD_NEWS:
        assert hard not in outside, f"{hard!r} is shown outside the disclosure"
    assert "no longer possible to keep the cancer from advancing" in disclosures[0]


@pytest.mark.django_db
def test_the_usually_cured_line_sits_under_what_is_known_with_its_source(client):
    article = comfort_page(client, risk_group="low", where_now=["same-place"])
    known, downsides = article.index(">What is known<"), article.index(f">{DOWNSIDES}<")
    note = article.index('data-note="low-intermediate-usually-cured"')
    assert known < note < downsides
    assert "Where this comes from: Children's Hospital of Philadelphia." in article[note:downsides]


# The notes mechanism itself: a note must name one of the option's sections and its own sources.
NOTE_FILE = """---
id: example
title: Example
summary: An example.
comparison: {involves: a, time_in_hospital: b, what_is_known: c, main_downsides: d}
notes:
  - id: a-note
    section: %s
    heading: A heading
    text: Some words.
    sources: [%s]
    when: {question: risk-group, any_of: [low]}
sources: [003_37569a13876e516a.txt]
reviewed: 2026-12-02
---
## What it is

a
"""


@pytest.mark.parametrize("section, source, fault", [
    ("What is known", "003_37569a13876e516a.txt", None),
    ("Somewhere else", "003_37569a13876e516a.txt", "give one of the option's sections"),
    ("What is known", "002_d35ba8b09c2971c0.txt", "sources from the file's own"),
])
def test_an_option_note_is_checked_and_shown_only_where_its_condition_holds(tmp_path, section, source, fault):
    from decisionaid.library import catalogue

    path = tmp_path / "example.md"
    path.write_text(NOTE_FILE % (section, source))
    option = read_option(path)
    questions = {q.id: q for q in catalogue.load().questions}
    problems = [p for p in option_problems(option, {s.id for s in catalogue.load().sources}, questions) if "note" in p]
    if fault:
        assert any(fault in p for p in problems), problems
    else:
        assert not problems
        assert option.notes_in(section, {"risk-group": "low"})
        assert not option.notes_in(section, {"risk-group": "high"})
        assert not option.notes_in(section, {})


def test_a_malformed_option_note_is_reported_with_its_file(tmp_path):
    path = tmp_path / "example.md"
    path.write_text(NOTE_FILE.replace("    heading: A heading\n", "") % ("What is known", "003_37569a13876e516a.txt"))
    with pytest.raises(ContentError, match="example.md: a number or note entry is malformed"):
        read_option(path)


def test_a_source_listed_twice_is_reported(tmp_path):
    """Fact-check 6, N1: a page named NCI's summary for doctors twice under Where this comes from."""
    from decisionaid.library import catalogue

    path = tmp_path / "example.md"
    path.write_text((NOTE_FILE % ("What is known", "003_37569a13876e516a.txt")).replace(
        "sources: [003_37569a13876e516a.txt]", "sources: [003_37569a13876e516a.txt, 003_37569a13876e516a.txt]"))
    questions = {q.id: q for q in catalogue.load().questions}
    problems = list(option_problems(read_option(path), {s.id for s in catalogue.load().sources}, questions))
    assert "example.md: a source is listed twice" in problems
