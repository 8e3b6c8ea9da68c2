import pytest

from decisionaid.conditions import holds, shape_error


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
