"""What the content's figures and quotes rest on: every quoted passage is word for word in a
source the file or entry cites; every figure says in one plain line what it rests on; and where
NCI's April 2025 summary differs from the older edition in seed 000, the content keeps both
sentences as data and shows the current one."""

import re

import pytest

from decisionaid.library import catalogue, loader
from decisionaid.library.options import split_front_matter
from tests.library.test_content import OPTION_FILES, SEED_TEXT, normalise

CONTENT = loader.load()
ALL_OPTIONS = [*CONTENT.options, CONTENT.palliative, CONTENT.hospice]
# A quote may also name one of the app's own pages ('the page called "Hospice and end-of-life care"').
PAGE_TITLES = {normalise(o.title) for o in ALL_OPTIONS}
QUOTED = re.compile(r'"([^"]+)"')


def quotes_in(text):
    """Every passage in double or curly quotes, with whitespace and curly quotes normalised."""
    return [normalise(q) for q in QUOTED.findall(normalise(text))]


def prose_with_sources():
    """(where, text, the sources it may quote) for every piece of content prose a family reads."""
    for option in ALL_OPTIONS:
        texts = [("summary", option.summary), *option.comparison.items(), *option.sections.items()]
        for name, text in texts:
            yield f"{option.file}: {name}", text, option.sources
        for note in option.notes:  # a section's own notes, with their own sources
            yield f"{option.file}: note {note.id}", f"{note.heading}\n{note.text}", note.sources or option.sources
        for number in option.numbers:
            for name in ("study", "group", "happened", "did_not", "compare_note", "rests_on"):
                yield f"{option.file}: number {number.id}.{name}", getattr(number, name), (number.source, *option.sources)
    for note in CONTENT.notes:
        yield f"notes.yaml: {note.id}", note.text, note.sources
    for term in CONTENT.glossary:
        yield f"glossary.yaml: {term.term}", term.meaning, term.sources


def in_source(quote, source):
    """Word for word and whole words, as in the source; only the case of the first letter may
    differ (a quote that begins mid-sentence in the source, or begins a sentence here)."""
    first = f"[{re.escape(quote[0].lower())}{re.escape(quote[0].upper())}]"
    return re.search(rf"(?<!\w){first}{re.escape(quote[1:])}(?!\w)", SEED_TEXT[source]) is not None


def unquoted(text, sources):
    return [q for q in quotes_in(text) if q not in PAGE_TITLES and not any(in_source(q, s) for s in sources)]


def test_every_quoted_passage_is_word_for_word_in_a_source_it_cites():
    found = [(where, q) for where, text, sources in prose_with_sources() for q in unquoted(text, sources)]
    assert not found, "\n".join(f"{where}: not in its sources: {q!r}" for where, q in found)


def test_the_quote_check_catches_a_changed_word_and_a_quote_from_a_source_not_cited():
    seed = "000_3122cb35ce792f13.txt"
    assert unquoted('It says "Clinical trials may be offered."', [seed]) == []
    assert unquoted("It says \u201cClinical trials may be offered.\u201d", [seed]) == []  # curly quotes
    assert unquoted('It says "Clinical trials should be offered."', [seed]) == ["Clinical trials should be offered."]
    assert unquoted('It says "Clinical trials may be offered."', ["001_221f4719d7adc711.txt"])
    assert unquoted('See the page called "Hospice and end-of-life care".', [seed]) == []
    assert unquoted('It calls them "grade 3" toxicities.', [seed]) == []  # only the first letter's case
    assert unquoted('It calls them "grade 3 Toxicities".', [seed]) == ["grade 3 Toxicities"]
    assert unquoted('It speaks of "rare" and "trial".', [seed]) == ["trial"]  # whole words: "trials" is not "trial"


# --- What each figure rests on (issue 22 item 6; review row N7) ---

NUMBERS = [(option, number) for option in ALL_OPTIONS for number in option.numbers]
SIZE_UNKNOWN = "does not say how many"


def rests_on_problems(number):
    """A figure says what it rests on; a count it names is one its source gives; where the
    source gives no count of patients, the line says so; a selected group names its size."""
    if not number.rests_on.strip():
        return ["says nothing about what it rests on"]
    problems = []
    for count in re.findall(r"(?<![\w.])\d+(?![\w.]\d)", number.rests_on):
        given = rf"(?<![\w.]){count}(?![\d])"
        if not (re.search(given, normalise(number.seed_words)) or re.search(given, SEED_TEXT[number.source])):
            problems.append(f"names {count}, which its source does not give")
    if not re.search(r"\d", number.rests_on) and SIZE_UNKNOWN not in number.rests_on:
        problems.append(f"gives no count, and does not say the source {SIZE_UNKNOWN}")
    if "selected" in number.group and not re.search(r"\d", number.group):
        problems.append("is about a selected group but does not say how many were in it")
    return problems


@pytest.mark.parametrize(("option", "number"), NUMBERS, ids=[f"{o.id}:{n.id}" for o, n in NUMBERS])
def test_every_figure_says_plainly_what_it_rests_on(option, number):
    assert not rests_on_problems(number), f"{option.file}: {number.id}: {rests_on_problems(number)}"


def test_the_rests_on_check_catches_an_invented_count_and_a_size_left_unsaid():
    ice = next(n for _, n in NUMBERS if n.id == "ice-new-relapse")
    assert rests_on_problems(ice) == []
    assert rests_on_problems(ice.__class__(**{**ice.__dict__, "rests_on": ""})) == ["says nothing about what it rests on"]
    invented = ice.__class__(**{**ice.__dict__, "rests_on": "one study of 75 patients"})
    assert rests_on_problems(invented) == ["names 75, which its source does not give"]
    unsaid = ice.__class__(**{**ice.__dict__, "rests_on": "one study"})
    assert rests_on_problems(unsaid) == ["gives no count, and does not say the source does not say how many"]
    unsized = ice.__class__(**{**ice.__dict__, "group": "children in this selected group"})
    assert rests_on_problems(unsized) == ["is about a selected group but does not say how many were in it"]


# --- The current edition (issue 22 item 4) ---

SOURCES = {s.id: s for s in catalogue.load().sources}
OLDER = {s.id for s in SOURCES.values() if s.superseded_by}  # seed 000, WebMD's copy of an older edition
# NCI's current summary: the health professional version that replaces seed 000, and the
# patient version taken from it.
CURRENT = {SOURCES[old].superseded_by for old in OLDER} | {"nci-pdq-neuroblastoma-patient.txt"}
CHANGES = ("dropped", "added", "changed", "same")
EDITIONS = {
    path.name: split_front_matter(path.read_text(), path.name)[0].get("editions") or [] for path in OPTION_FILES
}
BY_FILE = {option.file.removeprefix("options/"): option for option in ALL_OPTIONS}


def said(words, sources):
    return any(normalise(words) in SEED_TEXT[s] for s in sources)


def edition_problems(option, change):
    """What is wrong with one recorded difference between the editions, if anything."""
    kind, earlier, current = change.get("change"), change.get("earlier"), change["current"]
    problems = [] if kind in CHANGES else [f"change must be one of {', '.join(CHANGES)}"]
    if current["source"] not in CURRENT or not said(current["words"], [current["source"]]):
        problems.append(f"the current words are not in {current['source']}, a current edition")
    if earlier and (earlier["source"] not in OLDER or not said(earlier["words"], [earlier["source"]])):
        problems.append(f"the earlier words are not in {earlier['source']}, the older edition")
    if kind in ("dropped", "changed") and (not earlier or said(earlier["words"], [current["source"]])):
        problems.append("the earlier words are still in the current edition")
    if kind in ("added", "changed") and said(current["words"], OLDER):
        problems.append("the current words were in the older edition already")
    if kind == "same" and not (earlier and said(earlier["words"], CURRENT) and said(current["words"], OLDER)):
        problems.append("'same' needs words both editions give")
    if kind != "same" and normalise(change.get("shown_as", "-")) not in normalise(option.sections.get(change.get("shown_in"), "")):
        problems.append(f"the page does not show it: {change.get('shown_as')!r} is not in '{change.get('shown_in')}'")
    numbers = {n.id: n for n in option.numbers}
    for number_id in change.get("history") or ():
        number = numbers.get(number_id)
        if not number or number.source not in OLDER or said(number.seed_words, CURRENT) or "earlier summary" not in number.study:
            problems.append(f"{number_id}: history is a figure only the older edition gives, labelled as from it")
    for number_id in change.get("numbers") or ():
        if number_id not in numbers or numbers[number_id].source not in CURRENT:
            problems.append(f"{number_id}: a figure both editions give cites the current one")
    return problems


@pytest.mark.parametrize("name", [name for name, changes in EDITIONS.items() if changes])
def test_each_difference_between_the_editions_is_kept_word_for_word_and_shown(name):
    option = BY_FILE[name]
    found = [(change["about"], p) for change in EDITIONS[name] for p in edition_problems(option, change)]
    assert not found, f"{name}: {found}"


def test_the_edition_check_catches_a_change_that_is_not_one_or_is_not_shown():
    option = BY_FILE["second-transplant.md"]
    dropped = EDITIONS["second-transplant.md"][0]
    assert edition_problems(option, dropped) == []
    still_there = {**dropped, "earlier": {"source": dropped["earlier"]["source"], "words": "Any recurrence in patients initially classified as high risk signifies a very poor prognosis."}}
    assert edition_problems(option, still_there) == ["the earlier words are still in the current edition"]
    assert edition_problems(option, {**dropped, "shown_as": "Its April 2025 summary lists it first."})
    assert edition_problems(option, {**dropped, "history": ["went-on-to-second", "ice-new-relapse"]})


def test_no_figure_cites_the_older_edition_unless_kept_as_labelled_history():
    """Where both editions give a figure, it cites the current one; a figure only the older
    edition gives is listed as history in its file's editions."""
    history = {(name, n) for name, changes in EDITIONS.items() for c in changes for n in c.get("history") or ()}
    older = [(o.file, n.id) for o, n in NUMBERS if n.source in OLDER]
    assert older and all((file.removeprefix("options/"), number_id) in history for file, number_id in older), older


def test_the_older_editions_which_is_better_line_is_never_shown_as_current():
    """Seed 000's "It is not known whether one therapeutic approach is superior to another" is
    no longer NCI's word: where an option page tells it, it says the newer summary says otherwise."""
    for option in ALL_OPTIONS:
        text = normalise(" ".join(option.sections.values()))
        if re.search(r"not known whether|no one (way|approach)\b[^.]*\bknown", text):
            assert "produces the best response rate and response duration" in text, option.file
