import shutil

import pytest
import yaml

from decisionaid.library import catalogue, loader
from decisionaid.library.catalogue import NOT_SURE, content_errors


def test_shipped_content_has_no_errors():
    assert content_errors() == []


def test_every_medical_choice_question_offers_not_sure():
    data = catalogue.load()
    medical = {p.id for p in data.parts if p.medical}
    for question in data.questions:
        if question.part in medical and question.kind in ("radio", "checkbox"):
            assert NOT_SURE in [c.value for c in question.choices], question.id
            assert question.label_for(NOT_SURE).startswith("I'm not sure"), question.id


def test_every_medical_question_names_known_sources():
    data = catalogue.load()
    known = {s.id for s in data.sources}
    medical = {p.id for p in data.parts if p.medical}
    for question in data.questions:
        if question.part in medical:
            assert question.sources and set(question.sources) <= known, question.id


def test_every_value_carries_a_cost_clause_so_none_is_asked_more_kindly():
    """Values asked evenly (IPDAS): each thing that may matter says what it could cost."""
    items = catalogue.load().question("what-matters").items
    assert len(items) >= 2
    for item in items:
        assert ", even if " in item.label, item.label
        assert item.in_short and ", even if" not in item.in_short  # restated alike, without it


def test_the_sure_test_is_asked_word_for_word_after_the_options_never_before():
    from decisionaid.weighing import rules

    assert [i["label"] for i in rules.sure_items()] == [
        "Do you feel SURE about the best choice for you?",
        "Do you know the benefits and risks of each option?",
        "Are you clear about which benefits and risks matter most to you?",
        "Do you have enough support and advice to make a choice?",
    ]
    assert catalogue.load().question("sure") is None  # not among the questions before the summary
    assert not any("SURE" in q.text for q in catalogue.load().questions)


@pytest.fixture
def broken_content(tmp_path, monkeypatch):
    """A copy of the content folder that a test may break, loaded instead of the real one."""
    copy = tmp_path / "content"
    shutil.copytree(catalogue.CONTENT_DIR, copy)
    monkeypatch.setattr(catalogue, "CONTENT_DIR", copy)
    catalogue.load.cache_clear()
    yield copy / "questions.yaml"
    catalogue.load.cache_clear()


def edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["questions"][0].update(sources=["nope.txt"]), "unknown source 'nope.txt'"),
        (lambda d: d["questions"][0].update(sources=[]), "must name its sources"),
        (lambda d: d["questions"][0]["choices"].pop(), "must offer \"I'm not sure\""),
        (lambda d: d["questions"][1].update(kind="slider"), "kind must be one of"),
        (lambda d: d["questions"][3].update(asked_when={"question": "nope", "any_of": ["x"]}), "'nope', which is not an earlier question"),
        (lambda d: d["questions"][3].update(asked_when={"question": "cancer-course", "any_of": ["maybe"]}), "has no answer 'maybe'"),
        (lambda d: d["questions"][1].update(id=d["questions"][0]["id"]), "used twice"),
        (lambda d: d["questions"][2]["choices"].reverse(), "must come after the others"),
    ],
)
def test_broken_content_is_reported_with_the_file_and_question(broken_content, change, message):
    edit(broken_content, change)
    errors = content_errors()
    assert any("questions.yaml" in e and message in e for e in errors), errors


def test_unreadable_yaml_is_reported(broken_content):
    broken_content.write_text("questions: [unclosed")
    assert any(e.startswith("questions.yaml: cannot be read") for e in content_errors())


def test_manage_py_check_fails_clearly_on_broken_content(broken_content):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    edit(broken_content, lambda d: d["questions"][0].update(sources=["nope.txt"]))
    with pytest.raises(SystemCheckError, match="questions.yaml: question 'cancer-course': unknown source"):
        call_command("check")


@pytest.fixture
def broken_library(broken_content):
    """The content folder copy, for the summary's content files (options, notes, glossary)."""
    from decisionaid.library import loader

    loader.load.cache_clear()
    yield broken_content.parent
    loader.load.cache_clear()


def library_errors():
    from decisionaid.library import loader

    return catalogue.content_errors() or loader.content_errors()


OPTION = "options/chemotherapy.md"
CHEMOTHERAPY_SOURCES = next(o for o in loader.load().options if o.id == "chemotherapy").sources


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (OPTION, "sources:\n" + "".join(f"  - {s}\n" for s in CHEMOTHERAPY_SOURCES),
         "sources:\n",
         "an option must name its sources"),
        (OPTION, "  - 001_221f4719d7adc711.txt\n  - 002", "  - nope.txt\n  - 002", "unknown source 'nope.txt'"),
        (OPTION, "{question: risk-group, any_of: [high]}", "{question: risk, any_of: [high]}",
         "'risk', which is not a question in questions.yaml"),
        (OPTION, "## What is known\n", "## What we know\n", "missing the section '## What is known'"),
        (OPTION, "reviewed: 2026-12-07\n", "", "missing 'reviewed' in the front matter"),
        (OPTION, "    out_of_100: 15\n", "    out_of_100: 15\n    count: 1\n    total: 2\n", "never both"),
        (OPTION, "    count: 14\n", "    count: 18\n", "count must be between 0 and total"),
        (OPTION, "    seed_conditions:\n      - quote: \"There is no", "    nothing:\n      - quote: \"There is no",
         "must quote the source sentences behind it"),
        (OPTION, "comparison:\n", "comparisons:\n", "comparison must give"),
        # Review G3: what an option page says instead of "That is not the situation you described".
        ("options/observation.md", "        - {question: brain-or-spinal-cord, any_of: [\"yes\"]}\n        - {question: risk-group, none_of",
         "        - {question: brain, any_of: [\"yes\"]}\n        - {question: risk-group, none_of",
         "'brain', which is not a question in questions.yaml"),
        ("options/observation.md", "    seed_conditions:\n      - quote: \"Treatment for neuroblastoma that recurs",
         "    nothing:\n      - quote: \"Treatment for neuroblastoma that recurs",
         "does not include watching closely.\" must quote the source sentences behind it"),
        ("glossary.yaml", "    meaning:", "    means:", "glossary.yaml: 'refractory': missing or malformed 'meaning'"),
        ("notes.yaml", "      - nci-pdq-neuroblastoma-hp.txt", "      - nope.txt", "notes.yaml: 'high-risk-prognosis': unknown source"),
        ("questions-to-ask.yaml", "any_of: [not-sure]}", "any_of: [perhaps]}", "has no answer 'perhaps'"),
        ("shared-decisions.yaml", "reviewed: 2026-12-02", "reviewed: soon", "shared-decisions.yaml: reviewed must be a date"),
        ("questions.yaml", 'label: "Yes"\n', "label: Yes\n", "must have a value and a label in quotes"),
    ],
)
def test_broken_summary_content_is_reported_with_the_file(broken_library, file, old, new, message):
    path = broken_library / file
    text = path.read_text()
    assert old in text, "the test no longer matches the content file"
    path.write_text(text.replace(old, new, 1))
    errors = library_errors()
    assert any(message in e for e in errors), errors
    assert any(e.startswith(file) for e in errors), errors
