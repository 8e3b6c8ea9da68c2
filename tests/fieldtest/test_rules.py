"""Pure rules: scores, the coarse situation group and the leaning, from plain values."""

import pytest

from decisionaid.fieldtest import content, rules

WORDS = content.load()
COMFORT = {"comfort-care"}


def test_knowledge_counts_right_answers_and_not_sure_is_never_right():
    right = {s.id: s.answer for s in WORDS.statements}
    unsure = {s.id: "not-sure" for s in WORDS.statements}
    wrong = {s.id: "false" if s.answer == "true" else "true" for s in WORDS.statements}
    assert rules.knowledge_score(right, WORDS.statements) == len(WORDS.statements)
    assert rules.knowledge_score(unsure, WORDS.statements) == 0
    assert rules.knowledge_score(wrong, WORDS.statements) == 0
    assert rules.knowledge_score({**wrong, WORDS.statements[0].id: WORDS.statements[0].answer}, WORDS.statements) == 1
    assert rules.knowledge_score({}, WORDS.statements) is None


def test_sure_is_the_number_of_yes_answers():
    items = WORDS.sure_items
    assert rules.sure_score({i.id: "yes" for i in items}, items) == 4
    assert rules.sure_score({**{i.id: "yes" for i in items}, items[0].id: "no"}, items) == 3
    assert rules.sure_score({items[0].id: "yes"}, items) is None


@pytest.mark.parametrize("answer, score", [("1", 0.0), ("2", 25.0), ("3", 50.0), ("4", 75.0), ("5", 100.0)])
def test_prepdm_puts_the_mean_item_on_0_to_100(answer, score):
    assert rules.prepdm_score({i.id: answer for i in WORDS.prepdm_items}, WORDS.prepdm_items) == score


def test_prepdm_mixed_answers_and_a_missing_one():
    items = WORDS.prepdm_items
    answers = {i.id: "5" if n % 2 else "2" for n, i in enumerate(items)}  # mean 3.5
    assert rules.prepdm_score(answers, items) == 62.5
    assert rules.prepdm_score({**answers, items[0].id: "6"}, items) is None
    assert rules.prepdm_score({i.id: "3" for i in items[1:]}, items) is None


def test_the_situation_group_is_coarse_and_says_not_sure_for_anything_else():
    assert rules.situation_group({"risk-group": "high", "cancer-course": "relapsed", "age": "under-18"}) == "high/relapsed"
    assert rules.situation_group({"risk-group": "not-sure", "cancer-course": "refractory"}) == "not-sure/refractory"
    assert rules.situation_group({"risk-group": "<script>", "cancer-course": ["x"]}) == "not-sure/not-sure"


@pytest.mark.parametrize("weigh_up, expected", [
    ({}, {"leaning": "", "options": [], "group": "none"}),
    ({"leaning": "not-sure"}, {"leaning": "not-sure", "options": [], "group": "not-sure"}),
    ({"leaning": "chemotherapy"}, {"leaning": "chemotherapy", "options": ["chemotherapy"], "group": "treatment"}),
    ({"leaning": "comfort-care"}, {"leaning": "comfort-care", "options": ["comfort-care"], "group": "comfort"}),
    ({"leaning": "mix", "options": ["chemotherapy", "mibg-therapy"]},
     {"leaning": "mix", "options": ["chemotherapy", "mibg-therapy"], "group": "treatment"}),
    ({"leaning": "mix", "options": ["chemotherapy", "comfort-care"]},
     {"leaning": "mix", "options": ["chemotherapy", "comfort-care"], "group": "both"}),
    ("not a dict", {"leaning": "", "options": [], "group": "none"}),
])
def test_the_leaning_and_its_group(weigh_up, expected):
    assert rules.leaning(weigh_up, COMFORT) == expected


def test_what_matters_keeps_only_the_items_asked_and_blank_for_the_unrated():
    assert rules.what_matters({"what-matters": {"home": "very", "free text": "x"}}, ["home", "comfort"]) == {
        "home": "very", "comfort": ""}
    assert rules.what_matters({}, ["home"]) == {"home": ""}
