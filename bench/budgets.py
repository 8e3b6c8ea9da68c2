"""The page budgets (README: Performance budgets) and the check that holds the benchmark to them.

Pure functions over the numbers the benchmark measured, so they are tested without a server."""

import re
from dataclasses import dataclass

KB = 1000  # budgets are in kilobytes of 1,000 bytes, as Lighthouse and browsers report them

QUESTION_BLOCKING = 14 * KB  # HTML + CSS: what arrives in the first TCP round trip (10 packets)
QUESTION_TOTAL = 35 * KB  # everything a question page loads, JavaScript included
SUMMARY_BLOCKING = 30 * KB
SUMMARY_TOTAL = 50 * KB
TIME_RATIO = 3.0  # each page's median server time, at most this many times the floor's
# The summary draws every option, figure and question a family may bring, then compresses about
# 44 KB of HTML: profiled on 7 December 2026, its time is spread over ~400 template nodes with no
# hot spot left (each figure's picture is now drawn once), and is 5-7 ms. Held to 3x after its
# content doubled (issue 22), it failed every run, and a budget that always fails stops anyone
# looking; 4x still catches a regression of a third.
SUMMARY_TIME_RATIO = 4.0
TYPICAL_PDF_SECONDS = 1.0
# The security review's heaviest family (N1): each PDF request answered within this, as a PDF or
# the designed "print this page instead" (503), never an error: well under gunicorn's 30 s.
HEAVY_PDF_SECONDS = 20.0
YEAR = 365 * 24 * 60 * 60
# (render-blocking, in all) by kind of page; the start page is held to a question page's budget.
LIMITS = {
    "start": (QUESTION_BLOCKING, QUESTION_TOTAL),
    "question": (QUESTION_BLOCKING, QUESTION_TOTAL),
    "summary": (SUMMARY_BLOCKING, SUMMARY_TOTAL),
}


@dataclass
class Page:
    """What the benchmark found for one page. kind: "question", "summary" or "other"."""

    name: str
    kind: str
    blocking: int  # bytes on the wire, compressed: HTML + CSS (+ any script that blocks)
    total: int  # bytes on the wire, compressed: everything the page loads
    median_ms: float
    blocking_scripts: tuple = ()  # script URLs without defer/async
    inline_scripts: int = 0
    fonts: int = 0
    floor_ms: float | None = None  # the floor timed alongside this page, when not the run's


@dataclass
class Results:
    pages: list
    floor_ms: float
    typical_pdf_seconds: float | None = None
    static_cache_control: dict | None = None  # asset URL -> Cache-Control header
    htmx_partial_is_partial: bool | None = None
    load_errors: int | None = None
    load_journeys_done: int | None = None
    load_families: int | None = None  # families at once: at least this many journeys must finish
    about_quiet_ms: float | None = None  # /about/'s median alone...
    about_during_pdfs_ms: float | None = None  # ... and while several clients make PDFs
    heavy_pdf_seconds: float | None = None  # the slowest answer to the heaviest family's PDF requests
    heavy_pdf_statuses: dict | None = None  # their HTTP statuses -> count
    about_quiet_before_heavy_ms: float | None = None  # /about/'s median alone, again...
    about_during_heavy_pdfs_ms: float | None = None  # ... and while several heaviest families make PDFs


def time_ratio(page: Page) -> float:
    """The most a page's median server time may be, in floors: the summary, whole or its htmx
    partial, has its own."""
    return SUMMARY_TIME_RATIO if page.kind == "summary" or page.name.startswith("summary") else TIME_RATIO


def failures(results: Results) -> list[str]:
    """Every budget that does not hold, said plainly; empty when all hold."""
    found = []
    for page in results.pages:
        if page.kind in LIMITS:
            blocking, total = LIMITS[page.kind]
            if page.blocking > blocking:
                found.append(f"{page.name}: render-blocking {kb(page.blocking)} is over the {kb(blocking)} budget")
            if page.total > total:
                found.append(f"{page.name}: {kb(page.total)} in all is over the {kb(total)} budget")
        floor = page.floor_ms or results.floor_ms
        ratio, most = page.median_ms / floor, time_ratio(page)
        if ratio > most:
            found.append(
                f"{page.name}: server time {page.median_ms:.1f} ms is {ratio:.1f}x the floor "
                f"({floor:.1f} ms); the budget is {most:g}x"
            )
        for script in page.blocking_scripts:
            found.append(f"{page.name}: the script {script} blocks the first paint (no defer)")
        if page.inline_scripts:
            found.append(f"{page.name}: {page.inline_scripts} inline script(s); scripts load from files, with defer")
        if page.fonts and page.kind in LIMITS:
            found.append(f"{page.name}: loads {page.fonts} web font(s); the budgets above must hold with them")
    if results.typical_pdf_seconds is not None and results.typical_pdf_seconds >= TYPICAL_PDF_SECONDS:
        found.append(f"typical handout PDF: {results.typical_pdf_seconds:.2f} s; the budget is under {TYPICAL_PDF_SECONDS:g} s")
    for url, header in (results.static_cache_control or {}).items():
        if not fingerprinted(url):
            found.append(f"{url}: not fingerprinted, so it cannot be cached for long")
        if not cached_for_a_year(header):
            found.append(f"{url}: Cache-Control {header!r} does not cache it for a year")
    if results.htmx_partial_is_partial is False:
        found.append("an htmx request got the whole page, not the partial")
    if results.load_errors:
        found.append(f"load: {results.load_errors} error(s); the budget is none")
    if results.load_families is not None and (results.load_journeys_done or 0) < results.load_families:
        found.append(
            f"load: only {results.load_journeys_done} journeys finished in the time limit, fewer than the "
            f"{results.load_families} families at once"
        )
    if results.heavy_pdf_seconds is not None and results.heavy_pdf_seconds >= HEAVY_PDF_SECONDS:
        found.append(f"the heaviest family's PDF: answered after {results.heavy_pdf_seconds:.1f} s; "
                     f"the budget is under {HEAVY_PDF_SECONDS:g} s")
    if errors := {status: n for status, n in (results.heavy_pdf_statuses or {}).items() if status not in (200, 503)}:
        found.append(f"the heaviest family's PDF: answered {errors}; the budget is a PDF or the designed page (503)")
    for quiet, during, what in (
            (results.about_quiet_ms, results.about_during_pdfs_ms, "PDFs"),
            (results.about_quiet_before_heavy_ms, results.about_during_heavy_pdfs_ms, "the heaviest family's PDFs")):
        if quiet and during is not None and (ratio := during / quiet) > TIME_RATIO:
            found.append(f"/about/ while {what} are made: {during:.1f} ms is {ratio:.1f}x its median "
                         f"alone ({quiet:.1f} ms); the budget is {TIME_RATIO:g}x")
    return found


def cached_for_a_year(cache_control: str) -> bool:
    directives = {}
    for part in (cache_control or "").split(","):
        name, _, value = part.strip().partition("=")
        directives[name.lower()] = value
    try:
        max_age = int(directives.get("max-age", "0"))
    except ValueError:
        return False
    return max_age >= YEAR and "public" in directives and "no-cache" not in directives


def fingerprinted(url: str) -> bool:
    """collectstatic's manifest storage names files after their content: app.3f4d3d1f7cb5.css."""
    return bool(re.search(r"\.[0-9a-f]{12}\.[a-z0-9]+$", url.split("?")[0]))


def kb(size: int) -> str:
    return f"{size / KB:.1f} KB"
