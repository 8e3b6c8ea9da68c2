"""The benchmark's table, as Markdown, and its place in docs/performance.md. Pure: plain data in,
text out, so it is tested without a server."""

import os
import platform
from pathlib import Path

from bench import budgets

DOCS = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def kb(n):
    return f"{n / 1000:.1f}"


def table(report, failures, when) -> str:
    cores = os.cpu_count()
    floor = report.floor.median
    out = [
        f"## {when:%Y-%m-%d %H:%M} UTC, {cores} cores",
        "",
        f"`make bench` on {platform.machine()} with {cores} cores (shared with whatever else runs), Python "
        f"{platform.python_version()}. The app as `make serve` runs it: gunicorn ({report.workers} gthread workers of 8 threads), "
        "whitenoise, DEBUG off, a fresh SQLite database, on loopback. Load average as it began: "
        + " / ".join(f"{x:.1f}" for x in report.load_average) + " (1 / 5 / 15 minutes)"
        + (": a busy machine, so the times are noisier than usual." if report.load_average
           and report.load_average[0] > (cores or 1) else "."),
        "",
        "### Pages, first visit",
        "",
        "Bytes on the wire (headers and compressed body) with `Accept-Encoding: gzip, br`, in KB of 1,000 bytes; "
        "render-blocking is the HTML and the CSS it loads (every script is `defer`). Server time is from the "
        f"request to the last byte, new connection each time, {report.rounds} requests each, interleaved with "
        f"the floor's; × floor is the median over the trivial view's median ({floor:.2f} ms).",
        "",
        "| page | HTML | CSS | JS | render-blocking | in all | budget (blocking / all) | median ms | p95 ms | × floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
        f"| floor: trivial view, full middleware | | | | | | | {floor:.2f} | {report.floor.p95:.2f} | 1.00 |",
        f"| floor: whitenoise, small static file | | | | | | | {report.static_floor.median:.2f} | "
        f"{report.static_floor.p95:.2f} | {report.static_floor.median / floor:.2f} |",
    ]
    retimed = False
    for row in report.rows:
        w, t = row.weight, row.timing
        limits = budgets.LIMITS.get(row.kind)
        budget = f"{kb(limits[0])} / {kb(limits[1])}" if limits else ""
        mark = ""
        if row.passes > 1:
            retimed, mark = True, f" (best of {row.passes} passes, floor {row.floor.median:.2f} ms)"
        out.append(
            f"| {row.name} | {kb(w.html)} | {kb(w.css)} | {kb(w.js)} | {kb(w.render_blocking)} | {kb(w.total)} | "
            f"{budget} | {t.median:.2f} | {t.p95:.2f} | {t.median / row.floor.median:.2f}{mark} |"
        )
    if retimed:
        out += ["", "A page over its time budget is timed again with the floor, up to three passes in all, "
                "and judged on its best: whatever else runs on the machine only ever adds time, and more "
                "to a long request than to the floor's."]
    out += ["", "### Handout PDF (`/handout.pdf`)", "",
            "15 new PDFs each (a new question of the family's own before each, so none comes from memory), "
            "after a few that let every worker load WeasyPrint and its fonts; \"again\" is the same answers "
            "asked for again, which the worker that made the PDF keeps in memory; the first request is the "
            "server's first PDF, from a worker that had not made one.", "",
            "| handout | median ms | p95 ms | again, median ms | first request ms | size KB | budget |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, pdf in report.pdf.items():
        t = pdf["timing"]
        budget = f"under {budgets.TYPICAL_PDF_SECONDS:g} s (median)" if name == "typical handout" else ""
        out.append(f"| {name} | {t.median:.0f} | {t.p95:.0f} | {pdf['again'].median:.0f} | {pdf['first_ms']:.0f} | "
                   f"{kb(pdf['bytes'])} | {budget} |")
    if report.load_result:
        r = report.load_result
        out += ["", "### Load (`python -m bench.load`)", "",
                "Complete journeys (start, every question posted with its CSRF token, check your answers, "
                "summary), typical, heaviest and every-question families in turn.", "",
                "| families at once | journeys done | cut short | requests | seconds | requests/s | p50 ms | p95 ms | p99 ms | errors |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| {r.families} | {r.journeys_done}/{r.journeys_wanted} | {r.journeys_cut_short} | {r.requests} | "
                f"{r.seconds:.1f} | {r.requests_per_second:.0f} | {r.latency(50):.0f} | {r.latency(95):.0f} | "
                f"{r.latency(99):.0f} | {r.errors} |"]
        out += [f"- error: {e}" for e in r.error_samples]
    if report.pdf_load:
        r = report.pdf_load
        made = ", ".join(f"{count} × {status}" for status, count in sorted(r.pdf_statuses.items(), key=str))
        out += ["", "### `/about/` while PDFs are made", "",
                f"As the security review did: {r.pdf_clients} clients, each with a complete journey done, ask for "
                "new handout PDFs one after another (a new question of their own before each, so none comes "
                "from memory; after a \"please try again\" they wait a second; a new family when one has made "
                f"its limit), while `/about/` is timed ten times a second for {r.seconds:.0f} seconds, after as "
                f"long with nothing else running. The PDF requests were answered: {made} (429: the family's limit; "
                "503: every place to make one taken).", "",
                "| /about/ | median ms | p95 ms | × alone | budget |", "| --- | ---: | ---: | ---: | --- |",
                f"| alone | {r.quiet.median:.2f} | {r.quiet.p95:.2f} | 1.00 | |",
                f"| while PDFs are made | {r.loaded.median:.2f} | {r.loaded.p95:.2f} | {r.ratio:.2f} | "
                f"at most {budgets.TIME_RATIO:g}× |"]
    if report.lighthouse:
        out += ["", "### Lighthouse 12.8.2, mobile preset, Debian's Chromium", "",
                "| page | performance | accessibility |", "| --- | ---: | ---: |"]
        for name, s in report.lighthouse.items():
            if "error" in s:
                out.append(f"| {name} | not run: {s['error']} | |")
            else:
                out.append(f"| {name} | {s['performance']} | {s['accessibility']} |")
    cache = sorted(set(report.cache_control.values()))
    out += ["", "### Caching", "",
            f"- Static files are fingerprinted and sent with `Cache-Control: {' / '.join(cache)}`.",
            f"- An htmx request for the summary gets its main partial only: {kb(report.partial['bytes'])} KB on the "
            f"wire, {kb(report.partial['raw'])} KB uncompressed, against {kb(report.partial['full_raw'])} KB for the "
            "whole page.",
            "", "### Budgets", ""]
    out += [f"- FAILED: {f}" for f in failures] or ["All budgets hold."]
    return "\n".join(out) + "\n"


def write_docs(section: str, when, path=DOCS):
    """Newest run first; a run on the same day replaces that day's section."""
    header = ("# Performance\n\nWritten by `make bench` (see README: Performance budgets). Each run adds its "
              "table at the top; a later run on the same day replaces that day's.\n")
    sections = []
    if path.exists():
        text = path.read_text()
        parts = text.split("\n## ")[1:]
        sections = ["## " + p.rstrip("\n") + "\n" for p in parts]
    day = f"## {when:%Y-%m-%d}"
    sections = [s for s in sections if not s.startswith(day)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n" + "\n".join([section, *sections]))
