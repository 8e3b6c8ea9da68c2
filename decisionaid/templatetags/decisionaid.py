import re

import markdown
from django import template
from django.utils.safestring import mark_safe
from django.utils.html import format_html, format_html_join

register = template.Library()

COLUMNS = 10
CELL = 11


@register.simple_tag
def icon_array(filled, label):
    """100 figures, `filled` of them dark: an inline SVG that prints and reads in greyscale.

    Filled figures are solid and the rest hollow, so the difference never rests on colour."""
    filled = max(0, min(100, int(filled)))
    figures = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4.2" class="{}"/>',
        (
            (
                (i % COLUMNS) * CELL + CELL / 2,
                (i // COLUMNS) * CELL + CELL / 2,
                "icon-array__on" if i < filled else "icon-array__off",
            )
            for i in range(100)
        ),
    )
    size = COLUMNS * CELL
    return format_html(
        '<svg class="icon-array" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">'
        "<title>{}</title>{}</svg>",
        size, size, size, size, label, label, figures,
    )


@register.filter
def source_title(source_id):
    """'Title (Publisher)' for a seed file name, as the About page lists it."""
    from decisionaid import catalogue

    source = next((s for s in catalogue.load().sources if s.id == source_id), None)
    return f"{source.title} ({source.publisher})" if source else source_id


@register.filter
def in_words(number):
    from decisionaid.presenters import out_of_100

    return out_of_100(number)


def section_html(sections, title, heading_below):
    """One Markdown section of a content file as HTML (content files are reviewed data).

    A '###' inside a section becomes the heading level just below the section's own heading,
    so heading levels never skip."""
    html = markdown.markdown(sections.get(title, ""))
    level = heading_below + 1
    html = re.sub(r"<(/?)h3>", rf"<\g<1>h{level}>", html)
    return mark_safe(html)


@register.filter
def card_section(sections, title):
    """For option cards, whose section headings are h4."""
    return section_html(sections, title, heading_below=4)


@register.filter
def care_section(sections, title):
    """For the care sections of the summary, whose section headings are h3."""
    return section_html(sections, title, heading_below=3)


@register.filter
def any_chosen(questions, chosen):
    return any(q.id in chosen for q in questions)
