import functools

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

COLUMNS = 10  # a picture of 100 or fewer figures: rows of ten
WIDE_COLUMNS = 20  # a larger real group (253 children): rows of twenty
CELL = 11  # one figure's square, in SVG units
DOT = 9.4  # a figure's outer diameter
HOLE = 7.4  # the white inside of a hollow figure
DARK = "#21495b"  # the site's --brand
GREY = "#7b8488"
LIMIT = "#a9b3b7"  # a figure up to an upper limit: solid, lighter than a counted one
SCALE = 1.4  # drawn larger than its units, so each figure is easy to see on a tablet


def figure_rows(start, stop, columns=COLUMNS):
    """Figures start..stop-1, row by row, as path data: one line a row, that the stroke's dash
    pattern (a round dot every CELL) draws as figures. Each line ends half a cell past its last
    dot, so no renderer has to decide whether a dot at the very end counts."""
    rows = []
    while start < stop:
        row, column = divmod(start, columns)
        end = min(stop, (row + 1) * columns)
        rows.append(f"M{column * CELL + CELL / 2:g} {row * CELL + CELL / 2:g}h{(end - start - 0.5) * CELL:g}")
        start = end
    return "".join(rows)


def _path(css_class, colour, width, data):
    return format_html('<path class="{}" stroke="{}" stroke-width="{}" d="{}"/>', css_class, colour, width, data)


def _hollow(data):
    return format_html("{}{}", _path("icon-array__off", GREY, DOT, data), _path("icon-array__hole", "#fff", HOLE, data))


# The pictures are drawn from the content alone (a figure's counts and its own sentence), never
# from a family's answers, so each is drawn once per process: a summary shows several.
@functools.lru_cache(maxsize=256)
def icon_array_svg(figures, filled, label, limit=False):
    """`figures` figures, the first `filled` of them marked: dark, or for an upper limit
    ("fewer than 10 out of 100") light grey, never dark. An inline SVG that
    prints and reads in greyscale: the difference never rests on colour. A few short paths
    rather than one element a figure; the colours are presentation attributes, so the figures
    are right even without the stylesheet."""
    columns = COLUMNS if figures <= 100 else WIDE_COLUMNS
    filled = max(0, min(figures, int(filled)))
    marked, rest = figure_rows(0, filled, columns), figure_rows(filled, figures, columns)
    if limit:
        drawn = _path("icon-array__limit", LIMIT, DOT, marked) if marked else ""
    else:
        drawn = _path("icon-array__on", DARK, DOT, marked) if marked else ""
    width, height = columns * CELL, -(-figures // columns) * CELL
    return format_html(
        '<svg class="icon-array" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}"'
        ' fill="none" stroke-linecap="round" stroke-dasharray="0 {}">'
        "<title>{}</title>{}{}</svg>",
        width, height, round(width * SCALE), round(height * SCALE), label, CELL, label, drawn,
        _hollow(rest) if rest else "",
    )


@register.simple_tag
def icon_array(figure):
    """The picture of one figure (see presenters.figure): the real group where the seed gives
    counts, else 100 people; its text alternative is the figure's own sentence."""
    number = figure["number"]
    return icon_array_svg(number.figures, number.amount, figure["words"], limit=number.bound == "fewer-than")


@register.simple_tag
@functools.cache
def figure_key(kind):
    """A small figure for the key under a picture: "on", "off" or "limit"."""
    data = f"M{CELL / 2:g} {CELL / 2:g}h{CELL / 2:g}"
    drawn = {
        "on": _path("icon-array__on", DARK, DOT, data),
        "off": _hollow(data),
        "limit": _path("icon-array__limit", LIMIT, DOT, data),
    }[kind]
    return format_html(
        '<svg class="icon-key" viewBox="0 0 {} {}" width="{}" height="{}" aria-hidden="true" fill="none"'
        ' stroke-linecap="round" stroke-dasharray="0 {}">{}</svg>',
        CELL, CELL, CELL, CELL, CELL, drawn,
    )


@register.filter
@functools.cache
def source_name(source_id):
    """Who published a seed page, or how a further text is named, with whom it was written for
    ("written for adults"), as a page names it; the About page gives every source's full title,
    date and address."""
    from decisionaid.library import catalogue

    source = next((s for s in catalogue.load().sources if s.id == source_id), None)
    if source is None:
        return source_id
    if source.kind == "seed":
        return source.publisher
    cautions = "; ".join(source.cautions)
    return f"{source.attribute_as} ({cautions})" if cautions else source.attribute_as


@register.filter
def publishers(sources):
    """Each organisation whose pages and texts are listed, named once, in the list's order."""
    return list(dict.fromkeys(source.organisation or source.publisher for source in sources))


@register.filter
def overdue(source):
    """The source's own next review date has passed."""
    from django.utils import timezone

    return source.review_overdue(timezone.localdate())


@register.filter
def glossary_terms(option):
    """The glossary terms an option's own words use, explained in its card."""
    from decisionaid.family.presenters import option_terms
    from decisionaid.library import loader

    return option_terms(option, loader.load().glossary)


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
    """One tick box, and beside it the note that this form showed it (`offered`): only the
    questions a form showed change when it is sent."""
    return format_html(
        '<div class="choice"><input type="hidden" name="offered" value="{}">'
        '<input class="choice__input" type="checkbox" name="chosen" value="{}"'
        ' id="{}"{}><label class="choice__label" for="{}">{}</label></div>\n',
        ask.id, ask.id, element_id, mark_safe(" checked") if checked else "", element_id, ask.text,
    )

