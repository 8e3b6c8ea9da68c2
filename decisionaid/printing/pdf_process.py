"""A PDF is made in a process of its own, with a deadline: when it takes longer than
PDF_RENDER_SECONDS the process is killed and the family gets a designed page, long before the
app server's worker timeout (30 s) could kill the worker and show a bare error.

The processes come from a fork server (one per worker process, started at its first PDF) that
has WeasyPrint and its fonts loaded already (pdf_warm.py), so each starts in milliseconds. A
killed process frees its CPU at once; its worker's place to make PDFs (render_places.py) goes
when the worker lets it go, after the process is gone, so no more PDFs are ever being made
than there are places.
"""

import logging
import multiprocessing
import time
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.staticfiles import finders

from decisionaid.printing import pdf_render

STYLESHEET = "css/handout.css"
logger = logging.getLogger(__name__)
_processes = multiprocessing.get_context("forkserver")
_processes.set_forkserver_preload(  # in its order
    ["weasyprint", "decisionaid.printing.pdf_render", "decisionaid.printing.pdf_warm"])


class TooSlow(Exception):
    """The PDF was not made within PDF_RENDER_SECONDS, and its process was stopped."""


class RenderFailed(Exception):
    """WeasyPrint failed, or its process died."""


class Made(NamedTuple):
    pdf: bytes
    layouts: int  # 1, or 2 when the front sheet was fitted again
    nice: int  # the CPU priority it was made at
    fits: bool = True  # its front sheet is exactly page 1 (or it has none to check)


def render(html: str, refit=None) -> Made:
    """The PDF of `html`. With `refit`, its front sheet is checked: when it runs over,
    refit(where the first layout put its questions: pdf_render.measured) gives the page to lay
    out instead (the second and last try)."""
    css = Path(finders.find(STYLESHEET)).read_bytes()
    deadline = time.monotonic() + settings.PDF_RENDER_SECONDS
    ours, theirs = _processes.Pipe()
    process = _processes.Process(
        target=pdf_render.render, daemon=True, name="pdf",
        args=(theirs, css, html, refit is not None, int(settings.PDF_RENDER_SECONDS) + 2))
    process.start()
    theirs.close()  # ours alone: when the process ends, reading gives EOFError at once
    try:
        layouts, message = 1, receive(ours, deadline)
        if message[0] == "refit":
            ours.send(refit(message[1]))
            layouts, message = 2, receive(ours, deadline)
        if message[0] == "error":
            raise RenderFailed(message[1])
        _, pdf, fits, nice = message
        if not fits:  # the family still gets its PDF; front_sheet's budgets need a look
            logger.warning("The front sheet ran over page 1 even after its second layout.")
        return Made(pdf, layouts, nice, fits)
    finally:
        ours.close()
        if process.is_alive():
            process.kill()
        process.join()


def receive(connection, deadline):
    if not connection.poll(max(0.0, deadline - time.monotonic())):
        raise TooSlow
    try:
        return connection.recv()
    except (EOFError, OSError) as died:
        raise RenderFailed("the PDF's process ended without a PDF") from died
