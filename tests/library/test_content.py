"""The content itself: sources traceable, quotes verbatim, plain language, never a recommendation."""

import io
import re
import statistics
from pathlib import Path

import pytest
from pypdf import PdfReader

from decisionaid.family.answers import SESSION_KEY
from decisionaid.hospital import review
from decisionaid.library import catalogue, loader, readability
from decisionaid.library.options import OPTION_SECTIONS, split_front_matter
from tests.helpers import complete_answers

SEEDS = Path(__file__).resolve().parents[2] / "docs" / "seeds"
FURTHER = Path(__file__).resolve().parents[2] / "docs" / "sources"
SHARED = Path(__file__).resolve().parents[3] / "shared"
OPTION_FILES = sorted((catalogue.CONTENT_DIR / "options").glob("*.md")) + [
    catalogue.CONTENT_DIR / "palliative.md",
    catalogue.CONTENT_DIR / "hospice.md",
]
RECOMMENDING = re.compile(r"we recommend|you should choose|the best option|best treatment", re.I)


def normalise(text):
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


# Every source's own words: a seed whole, a further source below its header (review.source_body).
SEED_TEXT = {p.name: normalise(review.source_body(p.read_text())) for folder in (SEEDS, FURTHER) for p in folder.glob("*.txt")}


@pytest.mark.parametrize("kept, shared", [(SEEDS, "seeds"), (FURTHER, "sources")])
def test_the_kept_copies_of_the_sources_are_exact(kept, shared):
    if not (SHARED / shared).exists():
        pytest.skip(f"shared/{shared} is not beside this checkout")
    for original in (SHARED / shared).glob("*.txt"):
        assert (kept / original.name).read_text() == original.read_text(), original.name


def test_sources_yaml_lists_exactly_the_kept_sources_each_with_its_address_and_attribution():
    sources = catalogue.load().sources
    assert {s.id for s in sources} == set(SEED_TEXT)
    assert {s.id for s in sources if s.kind == "seed"} == {p.name for p in SEEDS.glob("*.txt")}
    for source in sources:
        assert source.url.startswith("http") and source.attribute_as and source.date and source.audience, source.id


def test_a_further_source_is_named_with_whom_it_was_written_for():
    from decisionaid.site.templatetags.decisionaid import source_name

    assert source_name("nci-surgery.txt") == "NCI's general page on surgery (written for adults)"
    assert source_name("003_37569a13876e516a.txt") == "Cancer.Net"


ALL_OPTIONS = [*loader.load().options, loader.load().palliative, loader.load().hospice]


@pytest.mark.parametrize("path", OPTION_FILES, ids=lambda p: p.name)
def test_every_seed_condition_and_number_is_quoted_word_for_word(path):
    meta, _ = split_front_matter(path.read_text(), path.name)
    for reason in [*(meta.get("put_forward") or []), *(meta.get("not_yours") or [])]:
        assert reason.get("seed_conditions"), f"{path.name}: {reason.get('situation', reason.get('says'))}: quote the seed behind it"
        for condition in reason["seed_conditions"]:
            quote = normalise(condition["quote"])
            assert quote in SEED_TEXT[condition["source"]], f"{path.name}: not in {condition['source']}: {quote}"
    for number in meta.get("numbers") or []:
        words = normalise(number["seed_words"])
        assert words in SEED_TEXT[number["source"]], f"{path.name}: not in {number['source']}: {words}"
        for figure in (number.get("count"), number.get("total"), number.get("out_of_100")):
            assert figure is None or in_words(figure, words), f"{path.name}: {number['id']}: {figure} is not in its seed words"


# A source may spell a small count out ("All three patients had ...").
SPELLED = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve".split()))


def in_words(figure, words):
    return str(figure) in words or re.search(rf"\b{SPELLED.get(figure, '-')}\b", words, re.I) is not None


def test_a_count_may_be_spelled_out_in_the_seed_words_but_must_be_there():
    assert in_words(3, "All three patients had it.") and in_words(14, "14 of 17")
    assert not in_words(3, "Two patients had it.") and not in_words(13, "thirteen")


@pytest.mark.parametrize("option", ALL_OPTIONS, ids=lambda o: o.id)
def test_every_option_has_every_section_with_a_next_step_where_the_sources_are_silent(option):
    """IPDAS Q5, Q6, C1: the same sections for every option, harms included; where the seeds
    are silent, the section says so and gives at least two questions that find out."""
    assert option.sources and option.reviewed
    assert "Possible side effects and downsides" in option.sections
    for section in OPTION_SECTIONS:
        text = option.sections[section]
        assert text.strip(), f"{option.id}: '{section}' is empty"
        if re.search(r"The sources do not (say|list|describe)", text) and section != "What is known":
            questions = [line for line in text.splitlines() if line.startswith("- ") and line.endswith("?")]
            assert len(questions) >= 2, f"{option.id}: '{section}' is silent without two questions to ask"
    for number in option.numbers:
        assert number.group and number.source in option.sources


FIGURE_IN_PROSE = re.compile(r"\d+ ?%|\b\d+ of \d+\b|out of 100|percent", re.I)


def test_figures_appear_only_in_the_one_format_never_in_running_text():
    """Every figure is a number entry, shown by the one format (presenters.figure_words)."""
    content = loader.load()
    texts = [(f"{o.file}: {name}", text) for o in ALL_OPTIONS for name, text in (*o.sections.items(), *o.comparison.items())]
    texts += [(f"notes.yaml: {n.id}", n.text) for n in content.notes]
    texts += [(f"{o.file}: note {n.id}", n.text) for o in ALL_OPTIONS for n in o.notes]
    found = [(where, FIGURE_IN_PROSE.search(text).group()) for where, text in texts if FIGURE_IN_PROSE.search(text)]
    assert not found


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
                      what_matters={k: "very" for k in ("control", "home", "comfort", "everyday", "travel", "research")}),
    "low risk": dict(risk_group="low", where_now=["same-place"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("family", FAMILIES)
def test_no_rendered_page_recommends(client, family):
    session = client.session
    session[SESSION_KEY] = complete_answers(**FAMILIES[family])
    session.save()
    questions = [f"/questions/{q.id}/" for q in catalogue.load().questions]
    content = loader.load()
    options = [f"/options/{o.id}/" for o in (*content.options, content.palliative, content.hospice)]
    weighing = ["/weigh-up/", "/weigh-up/reasons/", "/weigh-up/leaning/", "/weigh-up/summary/"]
    for url in ("/", *questions, "/check-your-answers/", "/summary/", *options, "/options/compare/", *weighing,
                "/handout/", "/about/", "/privacy/"):
        page = client.get(url)
        assert page.status_code in (200, 302), url
        text = re.sub(r"<[^>]+>", " ", page.content.decode())
        assert not RECOMMENDING.search(text), f"{url}: {RECOMMENDING.search(text).group()}"
    pdf = PdfReader(io.BytesIO(client.get("/handout.pdf").content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "For the care team" in text
    assert not RECOMMENDING.search(text), f"handout.pdf: {RECOMMENDING.search(text).group()}"
