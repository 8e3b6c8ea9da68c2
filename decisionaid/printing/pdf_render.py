"""The PDF's layout and writing, done by WeasyPrint in a process of its own (pdf_process.py
starts it, and stops it when it takes too long): nothing here needs Django.

What the family wrote reaches WeasyPrint as it was typed, so two things are prepared first:
- a long run of letters with no space (1,000 "W") is slow to break into lines, so every
  such run is given a place to break every few letters (an invisible zero-width space);
- WeasyPrint does not read dir="auto", so each element marked so gets the direction its
  first strong letter gives (right to left for Arabic or Hebrew), as a browser would.

WeasyPrint is imported only here, in that process, so a machine without its system libraries
still serves every other page.
"""

import html as html_escapes
import logging
import os
import re
import resource
import traceback
import unicodedata

# The one address WeasyPrint may load: the stylesheet, under a scheme of its own, so no
# relative address in the page can become a file on this server or a request to anywhere.
STYLESHEET_URL = "handout:css/handout.css"
AFTER_FRONT_SHEET = "after-front-sheet"  # the id of what follows the front sheet in handout.html
FRONT_SHEET = "front-sheet"  # the front sheet's own id
FRONT_QUESTIONS = "front-questions"  # its list of questions
FRONT_QUESTION = "front-question-"  # the ids of the front sheet's questions, numbered from 1
LOWER_PRIORITY = 10  # nice steps below the pages'

LONG_RUN = 24  # letters without a space that get places to break
BREAK_EVERY = 6
ZERO_WIDTH_SPACE = "\u200b"
_TEXT_BETWEEN_TAGS = re.compile(r"(<[^>]*>)")
_LONG_RUN = re.compile(r"(?:&#?\w+;|[^\s<>&]){%d,}" % LONG_RUN)
_CHARACTER = re.compile(r"&#?\w+;|.", re.S)


def with_break_opportunities(html: str) -> str:
    """The page with an invisible place to break every few letters of a long run of letters
    without spaces (text only: tags and their attributes are left alone)."""
    parts = _TEXT_BETWEEN_TAGS.split(html)
    return "".join(part if part.startswith("<") else _LONG_RUN.sub(_broken, part) for part in parts)


def _broken(run: re.Match) -> str:
    out, since, previous = [], 0, ""
    for character in _CHARACTER.findall(run.group(0)):
        if since >= BREAK_EVERY and may_break_between(previous, character):
            out.append(ZERO_WIDTH_SPACE)
            since = 0
        out.append(character)
        since += 1
        previous = character
    return "".join(out)


def may_break_between(before: str, after: str) -> bool:
    """Not inside what reads as one character: a letter and its accents, an emoji and its
    skin tone or joined emoji (ZWJ), a flag's two letters, a variation selector."""
    if len(before) != 1 or len(after) != 1:
        return True  # an HTML entity: punctuation (&amp; &#x27;) that may be broken around
    joining = unicodedata.category(after) in ("Mn", "Mc", "Me", "Cf", "Sk") or before == "\u200d"
    modifier = "\U0001f3fb" <= after <= "\U0001f3ff" or "\ufe00" <= after <= "\ufe0f"
    flags = all("\U0001f1e6" <= c <= "\U0001f1ff" for c in (before, after))
    return not (joining or modifier or flags)


_AUTO_DIRECTION = re.compile(r'<(\w+)([^>]*) dir="auto"([^>]*)>(.*?)</\1>', re.S)


def with_directions(html: str) -> str:
    """Each dir="auto" made the direction of its text's first strong letter (HTML's rule)."""
    return _AUTO_DIRECTION.sub(
        lambda m: f'<{m[1]}{m[2]} dir="{direction(m[4])}"{m[3]}>{m[4]}</{m[1]}>', html)


def direction(html: str) -> str:
    for character in html_escapes.unescape(_TEXT_BETWEEN_TAGS.sub("", html)):
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def layout(html: str, css: bytes):
    """The page laid out by WeasyPrint, before it is written: its pages say where each id fell."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - needs system libraries; see module doc

    fetcher = only_the_stylesheet(css)
    prepared = with_directions(with_break_opportunities(html))
    stylesheet = CSS(url=STYLESHEET_URL, url_fetcher=fetcher)
    return HTML(string=prepared, base_url=STYLESHEET_URL, url_fetcher=fetcher).render(stylesheets=[stylesheet])


def only_the_stylesheet(css: bytes):
    """WeasyPrint's URL fetcher, refusing everything but the handout's own stylesheet (a file,
    a web address, an image a page might carry), whatever reaches the HTML."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 - see module doc

    class OnlyTheStylesheet(URLFetcher):
        def fetch(self, url, headers=None):
            if url != STYLESHEET_URL:
                raise ValueError("the handout PDF loads nothing but its own stylesheet")
            return URLFetcherResponse(url, css, {"Content-Type": "text/css; charset=utf-8"})

    return OnlyTheStylesheet()


def front_sheet_fits(document) -> bool:
    """The front sheet is exactly page 1: what follows it starts page 2."""
    return len(document.pages) > 1 and AFTER_FRONT_SHEET in document.pages[1].anchors


def measured(document) -> dict:
    """Where a front sheet that ran over put its questions (front_sheet.refit reads it), in CSS
    pixels: `room`, from the top of its list of questions to the foot of page 1 (below 0: how
    far down page 2 the list began; None: the sheet has no list); `heights`, each of its
    questions' height, in their order; `over`, how far the sheet ran down the pages after 1."""
    tops = [page._page_box.content_box_y() for page in document.pages]
    first = document.pages[0]._page_box
    room = next((first.content_box_y() + first.height - page.anchors[FRONT_QUESTIONS][1] if n == 0
                 else tops[n] - page.anchors[FRONT_QUESTIONS][1]
                 for n, page in enumerate(document.pages) if FRONT_QUESTIONS in page.anchors), None)
    heights = {}
    for page in document.pages:
        for name, (_, top, _, bottom) in page.anchors.items():
            if name.startswith(FRONT_QUESTION):
                heights.setdefault(int(name.removeprefix(FRONT_QUESTION)), bottom - top)
    over = sum(page.anchors[FRONT_SHEET][3] - top for page, top in zip(document.pages[1:], tops[1:], strict=True)
               if FRONT_SHEET in page.anchors)
    return {"room": room, "heights": [heights[n] for n in sorted(heights)], "over": over}


def render(conn, css: bytes, html: str, fit_front_sheet: bool, cpu_seconds: int) -> None:
    """In the PDF's own process: lay the page out; if its front sheet runs over, say where its
    questions fell and lay out the page sent back (never a third time); send the PDF.

    Messages on `conn`: ("refit", what `measured` says) and, at the end, ("pdf", bytes,
    whether the front sheet fitted, the process's nice value) or ("error", the traceback)."""
    try:
        at_low_priority(cpu_seconds)
        document = layout(html, css)
        fits = not fit_front_sheet or front_sheet_fits(document)
        if not fits:
            conn.send(("refit", measured(document)))
            document = layout(conn.recv(), css)
            fits = front_sheet_fits(document)
        conn.send(("pdf", document.write_pdf(), fits, os.nice(0)))
    except Exception:  # noqa: BLE001 - the worker logs it and shows its page
        conn.send(("error", traceback.format_exc(limit=-3)))
    finally:
        conn.close()


def at_low_priority(cpu_seconds: int) -> None:
    """Below the pages' CPU priority, so a busy machine serves pages first; and never more
    than `cpu_seconds` of CPU, whatever happens to the worker that waits for it."""
    os.nice(LOWER_PRIORITY)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # not the screen-only CSS it skips
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
