"""QR codes drawn as inline SVG (no image request, nothing from elsewhere), and an address as it
is written for people to type."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe


def qr_svg(link: str, label: str):
    """A QR code of a link as inline SVG: no style attributes, so the strict Content Security
    Policy allows it, and no request to any other site."""
    import segno  # noqa: PLC0415 - only pages that show a QR code need it

    svg = segno.make(link, error="m").svg_inline(
        scale=1, omitsize=True, svgclass="qr__code", lineclass="qr__dark", dark="#000", light="#fff"
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - made by segno from our own link, nothing typed


def without_scheme(url: str) -> str:
    """An address as people type it: 'aid.example.org/return/'."""
    return re.sub(r"^https?://", "", url)
