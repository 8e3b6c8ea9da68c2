"""The icon array: 100 figures drawn as short dotted lines, `filled` of them solid."""

import re

import pytest

from decisionaid.templatetags.decisionaid import CELL, COLUMNS, figure_rows, icon_array


def positions(path_data):
    """Each figure a path draws, as (column, row): a dot every CELL along each line."""
    found = []
    for x, y, length in re.findall(r"M([\d.]+) ([\d.]+)h([\d.]+)", path_data):
        column, row = int(float(x) // CELL), int(float(y) // CELL)
        dots = int(float(length) // CELL) + 1
        found += [(column + i, row) for i in range(dots)]
    return found


@pytest.mark.parametrize("filled", [0, 1, 9, 10, 11, 43, 90, 99, 100])
def test_the_filled_figures_come_first_and_every_figure_is_drawn_once(filled):
    on, off = positions(figure_rows(0, filled)), positions(figure_rows(filled, 100))
    everything = [(i % COLUMNS, i // COLUMNS) for i in range(100)]
    assert on == everything[:filled]
    assert off == everything[filled:]


def test_the_svg_names_the_number_for_screen_readers_and_draws_without_the_stylesheet():
    svg = icon_array(30, "about 30 out of 100 children in that study")
    assert 'role="img"' in svg and 'aria-label="about 30 out of 100 children in that study"' in svg
    assert "<title>about 30 out of 100 children in that study</title>" in svg
    assert svg.count("<path") == 3  # solid figures, then the hollow ones' rims and insides
    assert 'stroke="#21495b"' in svg and 'stroke="#fff"' in svg  # colours without the CSS
    assert len(svg) < 1000  # 100 <circle> elements took over 4,000 bytes


def test_all_or_nothing_draws_no_empty_path():
    assert icon_array(0, "none").count("<path") == 2
    assert icon_array(100, "all").count("<path") == 1
