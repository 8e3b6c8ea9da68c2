"""The benchmark's own parts that need no server (`make bench` runs the rest), so it cannot rot
silently: the budget check fails on a number over budget, the page reader finds what blocks the
first paint, the families follow the journey, the table keeps its history."""

import datetime

import pytest
from django.test import Client

from bench import budgets, families, measure, pages, report
from decisionaid.family import tailoring
from decisionaid.family.answers import SESSION_KEY
from tests.browser.family import HIGH_RISK_FAMILY
from tests.helpers import complete_answers, question

YEAR_CACHE = "max-age=315360000, public, immutable"
CSS = "/static/css/app.3f4d3d1f7cb5.css"


def all_within_budget():
    pages_ = [
        budgets.Page("question 1", "question", 9_000, 30_000, 4.0),
        budgets.Page("summary", "summary", 28_000, 45_000, 11.9),  # 3.97x: within the summary's own 4x
        budgets.Page("check your answers", "other", 99_000, 99_000, 5.0),
    ]
    return budgets.Results(pages=pages_, floor_ms=3.0, typical_pdf_seconds=0.4,
                           static_cache_control={CSS: YEAR_CACHE}, htmx_partial_is_partial=True,
                           load_errors=0, load_journeys_done=150, load_families=50,
                           about_quiet_ms=12.0, about_during_pdfs_ms=30.0, heavy_pdf_seconds=4.0,
                           heavy_pdf_statuses={200: 4, 503: 1}, about_quiet_before_heavy_ms=10.0,
                           about_during_heavy_pdfs_ms=25.0)


def test_all_within_budget_passes():
    assert budgets.failures(all_within_budget()) == []


@pytest.mark.parametrize(
    "change, complaint",
    [
        (lambda r: setattr(r.pages[0], "blocking", 14_001), "question 1: render-blocking 14.0 KB is over the 14.0 KB"),
        (lambda r: setattr(r.pages[0], "total", 35_001), "question 1: 35.0 KB in all is over the 35.0 KB"),
        (lambda r: setattr(r.pages[1], "blocking", 30_001), "summary: render-blocking"),
        (lambda r: setattr(r.pages[1], "total", 50_001), "summary: 50.0 KB in all"),
        (lambda r: setattr(r.pages[2], "median_ms", 9.1), "check your answers: server time 9.1 ms is 3.0x"),
        (lambda r: setattr(r.pages[0], "median_ms", 9.1), "question 1: server time 9.1 ms is 3.0x the floor (3.0 ms); the budget is 3x"),
        (lambda r: setattr(r.pages[1], "median_ms", 12.1), "summary: server time 12.1 ms is 4.0x the floor (3.0 ms); the budget is 4x"),
        (lambda r: r.pages.append(budgets.Page("summary, htmx partial", "other", 9_000, 9_000, 12.1)),
         "summary, htmx partial: server time 12.1 ms is 4.0x"),
        (lambda r: setattr(r.pages[0], "blocking_scripts", ("/static/x.js",)), "blocks the first paint"),
        (lambda r: setattr(r.pages[0], "inline_scripts", 1), "inline script"),
        (lambda r: setattr(r.pages[1], "fonts", 1), "web font"),
        (lambda r: setattr(r, "typical_pdf_seconds", 1.0), "typical handout PDF: 1.00 s"),
        (lambda r: setattr(r, "static_cache_control", {CSS: "max-age=60, public"}), "does not cache it for a year"),
        (lambda r: setattr(r, "static_cache_control", {"/static/css/app.css": YEAR_CACHE}), "not fingerprinted"),
        (lambda r: setattr(r, "htmx_partial_is_partial", False), "whole page, not the partial"),
        (lambda r: setattr(r, "load_errors", 2), "load: 2 error(s)"),
        (lambda r: setattr(r, "load_journeys_done", 49), "load: only 49 journeys finished"),
        (lambda r: setattr(r, "about_during_pdfs_ms", 36.1), "/about/ while PDFs are made: 36.1 ms is 3.0x its median alone"),
        (lambda r: setattr(r, "heavy_pdf_seconds", 20.0), "the heaviest family's PDF: answered after 20.0 s"),
        (lambda r: setattr(r, "heavy_pdf_statuses", {200: 4, 500: 1}), "the heaviest family's PDF: answered {500: 1}"),
        (lambda r: setattr(r, "about_during_heavy_pdfs_ms", 30.1),
         "/about/ while the heaviest family's PDFs are made: 30.1 ms is 3.0x its median alone (10.0 ms)"),
    ],
)
def test_each_budget_fails_when_its_number_is_over(change, complaint):
    results = all_within_budget()
    change(results)
    found = budgets.failures(results)
    assert len(found) == 1 and complaint in found[0], found


def test_a_year_of_caching_means_public_and_a_year():
    assert budgets.cached_for_a_year("public, max-age=31536000")
    assert not budgets.cached_for_a_year("max-age=31536000")
    assert not budgets.cached_for_a_year("public, max-age=31535999")
    assert not budgets.cached_for_a_year("public, max-age=31536000, no-cache")
    assert not budgets.cached_for_a_year("")


def test_the_page_reader_finds_what_blocks_the_first_paint():
    html = """<head><link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/p.css" media="print">
    <script src="/ok.js" defer></script><script src="/bad.js"></script><script>alert(1)</script>
    <script type="application/json">{}</script></head>"""
    found = pages.assets(html)
    assert found.stylesheets == ["/a.css"]
    assert found.scripts == [("/ok.js", True), ("/bad.js", False)]
    assert found.inline_scripts == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/questions/cancer-course/", "/summary/"])
def test_the_apps_pages_load_scripts_deferred_and_no_inline_script(client: Client, path):
    session = client.session
    session[SESSION_KEY] = complete_answers(risk_group="high")
    session.save()
    found = pages.assets(client.get(path, follow=True).content.decode())
    assert found.scripts and all(deferred for _, deferred in found.scripts), found.scripts
    assert found.inline_scripts == 0
    assert found.stylesheets and not found.fonts


def test_the_typical_family_is_the_browser_tests_family_by_ids():
    plan = families.plan_from_words(HIGH_RISK_FAMILY)
    assert plan["risk-group"] == "high"
    assert plan["treatments-had"] == ["chemotherapy", "topotecan", "transplant"]
    assert plan["what-matters"] == {"home": "very", "comfort": "very"}
    assert plan["side-effects-details"] == "Bad pain with the antibody drip."


def test_the_heaviest_family_has_every_option_a_source_ties_to_high_risk_or_an_alk_change_put_forward():
    """NCI's April 2025 lists for high risk, and the ALK sentences; a second transplant is no
    longer listed (its page keeps the older edition as history)."""
    summary = tailoring.summarise(complete_answers(**families.heaviest_family()))
    assert {o.id for o in summary.leading} == {
        "alk-targeted-therapy", "bevacizumab-chemotherapy", "chemoimmunotherapy", "chemotherapy", "clinical-trials",
        "mibg-therapy", "newer-approaches"}


def test_answering_a_form_follows_the_plan_and_defaults_to_not_sure():
    form = pages.Form(hidden={"csrfmiddlewaretoken": "t"},
                      choices={"answer": ("checkbox", ["surgery", "topotecan", "not-sure"])})
    assert families.answer_form("treatments-had", form, {"treatments-had": ["topotecan"]}) == {
        "csrfmiddlewaretoken": "t", "answer": ["topotecan"]}
    assert families.answer_form("treatments-had", form, {})["answer"] == ["not-sure"]
    grid = pages.Form(choices={"home": ("radio", ["very", "not-sure"]), "comfort": ("radio", ["very", "not-sure"])})
    assert families.answer_form("what-matters", grid, {"what-matters": {"home": "very"}}) == {
        "home": "very", "comfort": "not-sure"}
    text = pages.Form(texts=["answer"])
    assert families.answer_form("hopes", text, {"hopes": "Home."}) == {"answer": "Home."}
    assert question("hopes").kind == "text"


def test_percentiles_are_values_that_were_seen():
    samples = list(range(1, 101))
    assert measure.percentile(samples, 50) == 50
    assert measure.percentile(samples, 95) == 95
    assert measure.percentile([7.0], 99) == 7.0


def test_the_history_keeps_other_days_and_replaces_the_same_day(tmp_path):
    path = tmp_path / "performance.md"
    monday, tuesday = datetime.datetime(2026, 11, 23, 9), datetime.datetime(2026, 11, 24, 9)
    report.write_docs("## 2026-11-23 09:00 UTC, 2 cores\n\nfirst\n", monday, path)
    report.write_docs("## 2026-11-24 09:00 UTC, 2 cores\n\nsecond\n", tuesday, path)
    report.write_docs("## 2026-11-24 17:00 UTC, 2 cores\n\nthird\n", tuesday.replace(hour=17), path)
    text = path.read_text()
    assert text.startswith("# Performance")
    assert "third" in text and "second" not in text and "first" in text
    assert text.index("third") < text.index("first")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8200", "http://localhost:8201", "http://[::1]:8202"])
def test_the_load_script_talks_to_this_machine(url):
    measure.require_loopback(url)


@pytest.mark.parametrize("url", ["http://10.0.0.5:8200", "http://example.org", "http://127.0.0.1.example.org"])
def test_the_load_script_refuses_any_other_address(url):
    with pytest.raises(SystemExit):
        measure.require_loopback(url)


def test_a_page_timed_again_is_judged_against_the_floor_of_its_own_pass():
    results = all_within_budget()
    results.pages[0].median_ms = 12.0  # 4x the run's floor of 3 ms...
    assert budgets.failures(results)
    results.pages[0].floor_ms = 5.0  # ...but 2.4x the floor timed alongside it
    assert budgets.failures(results) == []

