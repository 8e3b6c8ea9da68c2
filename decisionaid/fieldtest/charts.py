"""Small bar charts drawn on the server as inline SVG, for the staff report.

Only shapes: the words and numbers sit beside them in the page's table, as text, so the chart
reads without colour, without a stylesheet and with a screen reader (the SVG is hidden from it:
the same numbers are in the table). Colours are presentation attributes, never inline styles,
so the strict Content Security Policy has nothing to refuse.
"""

from django.utils.html import format_html, format_html_join

TRACK = "#eef1f3"
BEFORE = "#6b7d88"  # at least 3:1 against white, and drawn hollow: never told apart by colour alone
AFTER = "#205067"
SHADES = ("#205067", "#5d8aa0", "#a3bfcc", "#d5e2e8")  # stacked parts, dark to light, each outlined
HEIGHT = 10


def _width(fraction) -> float:
    return round(max(0.0, min(1.0, fraction or 0.0)) * 100, 2)


def _svg(height, body):
    return format_html(
        '<svg class="ft-bar" viewBox="0 0 100 {}" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        "{}</svg>", height, body)


def bar(fraction):
    """One bar: `fraction` of the track filled."""
    return _svg(HEIGHT, format_html(
        '<rect x="0" y="0" width="100" height="{}" fill="{}"/><rect x="0" y="0" width="{}" height="{}" fill="{}"/>',
        HEIGHT, TRACK, _width(fraction), HEIGHT, AFTER))


def pair(before, after):
    """Before (hollow, above) and after (solid, below), each a fraction of its track."""
    gap, total = 3, HEIGHT * 2 + 3
    hollow = format_html(
        '<rect x="0.5" y="0.5" width="{}" height="{}" fill="#fff" stroke="{}" stroke-width="1"'
        ' vector-effect="non-scaling-stroke"/>', max(0, _width(before) - 1), HEIGHT - 1, BEFORE) if before else ""
    return _svg(total, format_html(
        '<rect x="0" y="0" width="100" height="{h}" fill="{t}"/>{hollow}'
        '<rect x="0" y="{y}" width="100" height="{h}" fill="{t}"/>'
        '<rect x="0" y="{y}" width="{w}" height="{h}" fill="{a}"/>',
        h=HEIGHT, t=TRACK, hollow=hollow, y=HEIGHT + gap, w=_width(after), a=AFTER))


def stack(fractions):
    """Parts of one whole, side by side, dark to light, each outlined so neighbours stay apart."""
    x, parts = 0.0, []
    for index, fraction in enumerate(fractions):
        width = _width(fraction)
        if width:
            parts.append((round(x, 2), width, SHADES[index % len(SHADES)]))
        x += width
    return _svg(HEIGHT * 2, format_html(
        '<rect x="0" y="0" width="100" height="{}" fill="#fff"/>{}', HEIGHT * 2,
        format_html_join("", '<rect x="{}" y="0" width="{}" height="20" fill="{}" stroke="#fff" stroke-width="1"'
                         ' vector-effect="non-scaling-stroke"/>', parts)))


def key(index):
    """The little square that names a stacked part's shade in the key beside the chart."""
    return format_html('<svg class="ft-key" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
                       '<rect x="0.5" y="0.5" width="9" height="9" fill="{}" stroke="#333"/></svg>',
                       SHADES[index % len(SHADES)])
