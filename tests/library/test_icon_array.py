"""The icon array: the real group where the seed gives counts, else 100 people; an upper limit
drawn as a limit, never as solid figures; the text alternative names the outcome."""

import re

import pytest

from decisionaid.family.presenters import figure
from decisionaid.library import loader
from decisionaid.site.templatetags.decisionaid import (
    CELL,
    COLUMNS,
    WIDE_COLUMNS,
    figure_rows,
    icon_array,
    icon_array_svg,
)


def positions(path_data, columns=COLUMNS):
    """Each figure a path draws, as its place in the group: a dot every CELL along each line."""
    found = []
    for x, y, length in re.findall(r"M([\d.]+) ([\d.]+)h([\d.]+)", path_data):
        column, row = int(float(x) // CELL), int(float(y) // CELL)
        dots = int(float(length) // CELL) + 1
        found += [row * columns + column + i for i in range(dots)]
    return found


@pytest.mark.parametrize("filled", [0, 1, 9, 10, 11, 43, 90, 99, 100])
def test_the_filled_figures_come_first_and_every_figure_is_drawn_once(filled):
    assert positions(figure_rows(0, filled)) == list(range(filled))
    assert positions(figure_rows(filled, 100)) == list(range(filled, 100))


def test_a_larger_real_group_is_drawn_whole_in_wider_rows():
    svg = icon_array_svg(253, 23, "23 of 253 children")
    on = re.search(r'class="icon-array__on"[^>]* d="([^"]+)"', svg).group(1)
    off = re.search(r'class="icon-array__off"[^>]* d="([^"]+)"', svg).group(1)
    assert positions(on, WIDE_COLUMNS) == list(range(23))
    assert positions(off, WIDE_COLUMNS) == list(range(23, 253))


def number(option_id, number_id):
    option = next(o for o in loader.load().options if o.id == option_id)
    return next(n for n in option.numbers if n.id == number_id)


def test_counts_are_drawn_as_the_real_group_and_named_in_the_text_alternative():
    svg = icon_array(figure(number("chemotherapy", "ice-new-relapse"), "under-18"))
    assert 'viewBox="0 0 110 22" width="154" height="31"' in svg  # 17 figures: two rows of ten
    assert 'aria-label="The cancer shrank in 14 of 17 patients with a new relapse; it did not shrink in 3 of 17."' in svg
    assert 'stroke="#21495b"' in svg and 'stroke="#fff"' in svg  # colours without the CSS
    assert len(svg) < 1200


def test_an_upper_limit_is_never_drawn_as_solid_figures():
    svg = icon_array(figure(number("second-transplant", "all-253"), "under-18"))
    assert "icon-array__on" not in svg
    limit = re.search(r'class="icon-array__limit"[^>]* d="([^"]+)"', svg).group(1)
    assert positions(limit) == list(range(10))
    assert "Fewer than 10 out of 100 children in these German trials whose cancer came back after a transplant were still alive 5 years later" in svg


def test_all_or_nothing_draws_no_empty_path():
    assert icon_array_svg(100, 0, "none").count("<path") == 2
    assert icon_array_svg(100, 100, "all").count("<path") == 1
