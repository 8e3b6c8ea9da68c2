"""Pure: the staff report's numbers, from rows as the database keeps them."""

import pytest

from decisionaid.fieldtest import report


def test_the_interval_is_the_mean_with_a_t_based_95_percent_confidence_interval():
    assert report.interval([1, 2, 3]) == (2.0, -0.5, 4.5)  # sd 1, n 3, t(2) = 4.303
    assert report.interval([2, 2, 2, 2]) == (2.0, 2.0, 2.0)
    assert report.interval([5]) is None and report.interval([]) is None


@pytest.mark.parametrize("df, t", [(30, 2.042), (35, 2.042), (40, 2.021), (500, 1.980)])
def test_between_the_tables_rows_the_wider_interval_is_used(df, t):
    values = [0.0, 2.0] * ((df + 1) // 2) + ([1.0] if (df + 1) % 2 else [])
    middle, low, _ = report.interval(values)
    from statistics import stdev

    assert round(middle - low, 1) == round(t * stdev(values) / len(values) ** 0.5, 1)
