"""The field test's words: every statement true or false by a source sentence quoted word for
word, the SURE questions the weigh-up's own, and the PrepDM scale unaltered."""

import re
from pathlib import Path

import pytest
import yaml

from decisionaid.fieldtest import content
from decisionaid.library import loader

ROOT = Path(__file__).resolve().parents[2]
HEADER_END = "\n" + "-" * 72 + "\n"  # a further source's header ends here; its own words follow


def normalise(text):
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def source_words(name):
    for folder in ("seeds", "sources"):
        path = ROOT / "docs" / folder / name
        if path.exists():
            text = path.read_text()
            return normalise(text.split(HEADER_END, 1)[1] if HEADER_END in text else text)
    raise AssertionError(f"no kept copy of {name}")


@pytest.mark.parametrize("statement", content.load().statements, ids=lambda s: s.id)
def test_every_statement_rests_on_a_quote_found_word_for_word_in_its_source(statement):
    assert normalise(statement.quote) in source_words(statement.source)
    assert statement.answer in ("true", "false")
    assert statement.explanation.startswith("True." if statement.answer == "true" else "False.")


def test_the_statements_are_six_to_eight_and_not_all_true_or_all_false():
    answers = [s.answer for s in content.load().statements]
    assert 6 <= len(answers) <= 8
    assert answers.count("true") >= 2 and answers.count("false") >= 2


def test_sure_is_the_weigh_ups_own_wording():
    weigh_up = loader.load().weigh_up["sure"]["items"]
    assert [(i.id, i.text) for i in content.load().sure_items] == [(i["value"], i["label"]) for i in weigh_up]


def test_the_preparation_scale_is_ten_items_on_five_points_as_published():
    words = content.load()
    assert [c.label for c in words.prepdm_scale] == ["Not at all", "A little", "Somewhat", "Quite a bit", "A great deal"]
    assert words.prepdm_stem == "Did this educational material..."
    assert [i.text for i in words.prepdm_items] == [
        "Help you recognize that a decision needs to be made?",
        "Prepare you to make a better decision?",
        "Help you think about the pros and cons of each option?",
        "Help you think about which pros and cons are most important?",
        "Help you know that the decision depends on what matters most to you?",
        "Help you organize your own thoughts about the decision?",
        "Help you think about how involved you want to be in this decision?",
        "Help you identify questions you want to ask your doctor?",
        "Prepare you to talk to your doctor about what matters most to you?",
        "Prepare you for a follow-up visit with your doctor?",
    ]


def test_a_broken_field_test_file_is_named_by_the_content_check(content):
    path = content / "field-test.yaml"
    data = yaml.safe_load(path.read_text())
    data["knowledge"]["statements"] = data["knowledge"]["statements"][:3]
    data["knowledge"]["statements"][0]["source"] = "no-such-source.txt"
    path.write_text(yaml.safe_dump(data))
    from decisionaid.fieldtest import content as field_test_content

    field_test_content.load.cache_clear()
    try:
        problems = field_test_content.content_errors()
    finally:
        field_test_content.load.cache_clear()
    assert any("6 to 8 statements" in p for p in problems)
    assert any("no-such-source.txt" in p for p in problems)
