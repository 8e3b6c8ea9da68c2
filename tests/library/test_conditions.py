import pytest

from decisionaid.library.conditions import holds, holds_unless_unknown, shape_error


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (None, {}, True),
        ({"question": "risk-group", "any_of": ["high"]}, {"risk-group": "high"}, True),
        ({"question": "risk-group", "any_of": ["high"]}, {"risk-group": "low"}, False),
        ({"question": "risk-group", "any_of": ["high"]}, {}, False),
        ({"question": "risk-group", "none_of": ["high"]}, {"risk-group": "low"}, True),
        ({"question": "risk-group", "none_of": ["high"]}, {}, False),
        ({"question": "t", "any_of": ["b"]}, {"t": ["a", "b"]}, True),
        ({"question": "t", "none_of": ["b"]}, {"t": ["a", "b"]}, False),
        ({"question": "t", "any_of": ["a"]}, {"t": []}, False),
        ({"question": "g", "item": "comfort", "any_of": ["very"]}, {"g": {"comfort": "very"}}, True),
        ({"question": "g", "item": "comfort", "any_of": ["very"]}, {"g": {"home": "very"}}, False),
        ({"all": [{"question": "a", "any_of": ["1"]}, {"question": "b", "any_of": ["2"]}]}, {"a": "1", "b": "2"}, True),
        ({"all": [{"question": "a", "any_of": ["1"]}, {"question": "b", "any_of": ["2"]}]}, {"a": "1", "b": "3"}, False),
        ({"any": [{"question": "a", "any_of": ["1"]}, {"question": "b", "any_of": ["2"]}]}, {"a": "0", "b": "2"}, True),
        ({"not": {"question": "a", "any_of": ["1"]}}, {"a": "1"}, False),
        ({"not": {"question": "a", "any_of": ["1"]}}, {}, True),
    ],
)
def test_holds(condition, answers, expected):
    assert holds(condition, answers) is expected


UNKNOWN = frozenset({"not-sure", "tests-pending"})
HIGH = {"question": "risk-group", "any_of": ["high"]}
PLACE = {"question": "where-now", "any_of": ["same-place"]}
ONLY_THERE = {"question": "where-now", "none_of": ["elsewhere", "not-sure"]}


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (HIGH, {"risk-group": "high"}, True),
        (HIGH, {"risk-group": "low"}, False),
        (HIGH, {"risk-group": "not-sure"}, None),  # it turns on what the family does not know yet
        (HIGH, {}, False),  # not asked: nothing is assumed
        (PLACE, {"where-now": ["tests-pending"]}, None),
        (PLACE, {"where-now": ["same-place", "not-sure"]}, True),
        (ONLY_THERE, {"where-now": ["not-sure"]}, None),  # an unknown value is never matched
        (ONLY_THERE, {"where-now": ["elsewhere"]}, False),
        (ONLY_THERE, {"where-now": ["same-place"]}, True),
        ({"all": [HIGH, PLACE]}, {"risk-group": "not-sure", "where-now": ["elsewhere"]}, False),
        ({"all": [HIGH, PLACE]}, {"risk-group": "not-sure", "where-now": ["same-place"]}, None),
        ({"all": [HIGH, PLACE]}, {"risk-group": "high", "where-now": ["same-place"]}, True),
        ({"any": [HIGH, PLACE]}, {"risk-group": "not-sure", "where-now": ["same-place"]}, True),
        ({"any": [HIGH, PLACE]}, {"risk-group": "not-sure", "where-now": ["elsewhere"]}, None),
        ({"any": [HIGH, PLACE]}, {"risk-group": "low", "where-now": ["elsewhere"]}, False),
        ({"not": HIGH}, {"risk-group": "not-sure"}, None),
        ({"not": HIGH}, {"risk-group": "low"}, True),
        (None, {}, True),
    ],
)
def test_holds_unless_unknown(condition, answers, expected):
    assert holds_unless_unknown(condition, answers, UNKNOWN) is expected


@pytest.mark.parametrize(
    "condition",
    [
        "risk-group",
        {"any_of": ["high"]},
        {"question": "a"},
        {"question": "a", "any_of": "high"},
        {"question": "a", "any_of": ["x"], "none_of": ["y"]},
        {"question": "a", "any_of": ["x"], "typo": 1},
        {"all": {"question": "a", "any_of": ["x"]}},
        {"all": [{"question": "a"}]},
    ],
)
def test_shape_errors_are_reported(condition):
    assert shape_error(condition)


def test_good_shape_has_no_error():
    assert shape_error({"all": [{"question": "a", "any_of": ["x"]}, {"not": {"question": "b", "none_of": ["y"]}}]}) is None


def test_a_condition_in_words_names_each_question_and_answer_as_the_page_does():
    """As the clinicians' review page shows who sees a tailored part."""
    from decisionaid.library import catalogue
    from decisionaid.library.conditions import in_words

    questions = {q.id: q for q in catalogue.load().questions}
    risk, matters = questions["risk-group"], questions["what-matters"]
    label = {c.value: c.label for c in risk.choices}
    comfort = next(i for i in matters.items if i.value == "comfort")
    very = next(c.label for c in matters.choices if c.value == "very")
    had = questions["treatments-had"]
    ticks = {c.value: c.label for c in had.choices}
    assert in_words({"question": "treatments-had", "any_of": ["transplant", "topotecan"]}, questions) == (
        f'"{had.text}" includes one of "{ticks["transplant"]}", "{ticks["topotecan"]}"')
    assert in_words({"question": "treatments-had", "none_of": ["transplant"]}, questions) == (
        f'"{had.text}" is answered, and includes none of "{ticks["transplant"]}"')
    assert in_words({"any": [{"question": "risk-group", "any_of": ["high"]},
                             {"not": {"question": "what-matters", "item": "comfort", "none_of": ["very"]}}]},
                    questions) == (f'("{risk.text}" is "{label["high"]}" or not ("{matters.text}", "{comfort.label}" '
                                   f'is answered, and is none of "{very}"))')
