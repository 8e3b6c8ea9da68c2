"""The content itself: sources traceable, quotes verbatim, plain language, never a recommendation."""

import io
import re
import statistics
from pathlib import Path

import pytest
from pypdf import PdfReader

from decisionaid import catalogue, library, readability
from decisionaid.answers import SESSION_KEY
from decisionaid.library import split_front_matter
from tests.helpers import complete_answers

SEEDS = Path(__file__).resolve().parent.parent / "docs" / "seeds"
SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
OPTION_FILES = sorted((catalogue.CONTENT_DIR / "options").glob("*.md")) + [
    catalogue.CONTENT_DIR / "palliative.md",
    catalogue.CONTENT_DIR / "hospice.md",
]
RECOMMENDING = re.compile(r"we recommend|you should choose|the best option|best treatment", re.I)


def normalise(text):
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


SEED_TEXT = {p.name: normalise(p.read_text()) for p in SEEDS.glob("*.txt")}


def test_the_kept_copies_of_the_seeds_are_exact():
    if not SHARED_SEEDS.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    for shared in SHARED_SEEDS.glob("*.txt"):
        assert (SEEDS / shared.name).read_text() == shared.read_text(), shared.name


def test_sources_yaml_lists_exactly_the_seeds():
    assert {s.id for s in catalogue.load().sources} == set(SEED_TEXT)


@pytest.mark.parametrize("path", OPTION_FILES, ids=lambda p: p.name)
def test_every_seed_condition_is_quoted_word_for_word(path):
    meta, _ = split_front_matter(path.read_text(), path.name)
    for condition in meta.get("seed_conditions") or []:
        quote = normalise(condition["quote"])
        assert quote in SEED_TEXT[condition["source"]], f"{path.name}: not in {condition['source']}: {quote}"
    if meta.get("applies_when"):
        assert meta.get("seed_conditions"), f"{path.name}: a condition must quote the seed behind it"


@pytest.mark.parametrize("option", [*library.load().treatments, library.load().palliative, library.load().hospice],
                         ids=lambda o: o.id)
def test_every_option_names_its_sources_and_reviewed_date(option):
    assert option.sources and option.reviewed
    for section in library.OPTION_SECTIONS:
        assert option.sections[section].strip()
    for number in option.numbers:
        assert number.group and number.source in option.sources


def test_every_family_facing_block_reads_at_grade_8_or_below_and_median_6():
    grades = readability.content_grades()["blocks"]
    worst = sorted(grades.items(), key=lambda item: -item[1])[:10]
    report = "\n".join(f"{grade:5.1f}  {where}" for where, grade in worst)
    assert max(grades.values()) <= 8, f"blocks above grade 8:\n{report}"
    assert statistics.median(grades.values()) <= 6, f"median {statistics.median(grades.values())}:\n{report}"


def test_names_are_left_out_of_the_reading_grade_by_the_documented_rule():
    assert readability.without_names("Irinotecan and temozolomide with 131I-MIBG help.") == "and with help."


FAMILIES = {
    "unsure": {},
    "high risk": dict(risk_group="high", cancer_course="relapsed", where_now=["elsewhere"], alk="yes",
                      treatments_had=["topotecan"], topotecan_response="yes",
                      what_matters={k: "very" for k in ("control", "home", "comfort", "everyday", "travel", "research")},
                      sure={k: "no" for k in ("sure", "understand", "risks", "encouragement")}),
    "low risk": dict(risk_group="low", where_now=["same-place"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("family", FAMILIES)
def test_no_rendered_page_recommends(client, family):
    session = client.session
    session[SESSION_KEY] = complete_answers(**FAMILIES[family])
    session.save()
    questions = [f"/questions/{q.id}/" for q in catalogue.load().questions]
    for url in ("/", *questions, "/check-your-answers/", "/summary/", "/handout/", "/about/", "/privacy/"):
        page = client.get(url)
        assert page.status_code in (200, 302), url
        text = re.sub(r"<[^>]+>", " ", page.content.decode())
        assert not RECOMMENDING.search(text), f"{url}: {RECOMMENDING.search(text).group()}"
    pdf = PdfReader(io.BytesIO(client.get("/handout.pdf").content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Our summary for the care team" in text
    assert not RECOMMENDING.search(text), f"handout.pdf: {RECOMMENDING.search(text).group()}"
