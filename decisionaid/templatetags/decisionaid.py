import functools
import re

import markdown
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

COLUMNS = 10
CELL = 11  # one figure's square, in SVG units
DOT = 9.4  # a figure's outer diameter
HOLE = 7.4  # the white inside of a hollow figure
DARK = "#21495b"  # the site's --brand
GREY = "#7b8488"


def figure_rows(start, stop):
    """Figures start..stop-1, row by row, as path data: one line a row, that the stroke's dash
    pattern (a round dot every CELL) draws as figures. Each line ends half a cell past its last
    dot, so no renderer has to decide whether a dot at the very end counts."""
    rows = []
    while start < stop:
        row, column = divmod(start, COLUMNS)
        end = min(stop, (row + 1) * COLUMNS)
        rows.append(f"M{column * CELL + CELL / 2:g} {row * CELL + CELL / 2:g}h{(end - start - 0.5) * CELL:g}")
        start = end
    return "".join(rows)


@register.simple_tag
def icon_array(filled, label):
    """100 figures, `filled` of them dark: an inline SVG that prints and reads in greyscale.

    Filled figures are solid and the rest hollow, so the difference never rests on colour.
    Three short paths rather than 100 circles: a tenth of the bytes, the same picture. The
    colours are presentation attributes, so the figures are right even without the stylesheet."""
    filled = max(0, min(100, int(filled)))
    on, off = figure_rows(0, filled), figure_rows(filled, 100)
    size = COLUMNS * CELL
    return format_html(
        '<svg class="icon-array" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}"'
        ' fill="none" stroke-linecap="round" stroke-dasharray="0 {}" stroke-width="{}">'
        "<title>{}</title>{}{}</svg>",
        size, size, size, size, label, CELL, DOT, label,
        format_html('<path class="icon-array__on" stroke="{}" d="{}"/>', DARK, on) if on else "",
        format_html(
            '<path class="icon-array__off" stroke="{}" d="{}"/>'
            '<path class="icon-array__hole" stroke="#fff" stroke-width="{}" d="{}"/>',
            GREY, off, HOLE, off,
        ) if off else "",
    )


@register.filter
@functools.cache
def source_name(source_id):
    """Who published a seed page, as the summary names it; the About page gives every page's
    full title and date."""
    from decisionaid import catalogue

    source = next((s for s in catalogue.load().sources if s.id == source_id), None)
    return source.publisher if source else source_id


@register.filter
def glossary_terms(option):
    """The glossary terms an option's own words use, explained in its card."""
    from decisionaid import library
    from decisionaid.presenters import option_terms

    return option_terms(option, library.load().glossary)


@register.filter
def in_words(number):
    from decisionaid.presenters import out_of_100

    return out_of_100(number)


def section_html(sections, title, heading_below):
    """One Markdown section of a content file as HTML (content files are reviewed data).

    A '###' inside a section becomes the heading level just below the section's own heading,
    so heading levels never skip."""
    return mark_safe(markdown_html(sections.get(title, ""), heading_below + 1))


@functools.cache
def markdown_html(text, level):
    """Content is loaded once and never changes while the app runs, so neither does its HTML."""
    return re.sub(r"<(/?)h3>", rf"<\g<1>h{level}>", markdown.markdown(text))


@register.filter
def card_section(sections, title):
    """For option cards, whose section headings are h4."""
    return section_html(sections, title, heading_below=4)


@register.filter
def care_section(sections, title):
    """For the care sections of the summary, whose section headings are h3."""
    return section_html(sections, title, heading_below=3)


@register.simple_tag
def question_choices(asks, chosen, group):
    """The tick boxes of one group of questions to bring.

    A summary has about a hundred of them, and a template loop made them the slowest part of
    the page; each box's markup depends only on its question, its place and whether it is
    ticked. The element ids are short (group and place): the value carries the question's id."""
    return mark_safe("".join(
        question_choice(ask, f"ask-{group}-{n}", ask.id in chosen) for n, ask in enumerate(asks, 1)
    ))


@functools.lru_cache(maxsize=1024)
def question_choice(ask, element_id, checked):
    return format_html(
        '<div class="choice"><input class="choice__input" type="checkbox" name="chosen" value="{}"'
        ' id="{}"{}><label class="choice__label" for="{}">{}</label></div>\n',
        ask.id, element_id, mark_safe(" checked") if checked else "", element_id, ask.text,
    )


@register.filter
def any_chosen(questions, chosen):
    return any(q.id in chosen for q in questions)
