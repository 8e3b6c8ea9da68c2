"""Imported once, by the fork server that starts each PDF's process (pdf_process.py): a small
page laid out and written here loads WeasyPrint's fonts and caches, so every PDF's process
starts with them loaded, as a long-lived worker would, instead of loading them each time
(half the time of a typical family's PDF)."""

import contextlib

from weasyprint import HTML

with contextlib.suppress(Exception):  # only a head start: each PDF's process does it all again if need be
    HTML(string=(
        '<style>p { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif }</style>'
        "<p>Warm <strong>bold</strong> <em>italic</em> 0123456789 “quotes” – … •</p>"
    )).write_pdf()
