"""One option file: a Markdown file with YAML front matter (see content/options/), read into an
Option with its figures, notes, suggested questions and the situations a source names it for,
and checked; loader.py reads them all with the rest of the content."""

import datetime
import functools
import hashlib
import re
from dataclasses import dataclass, field

import yaml

from decisionaid.library import catalogue, conditions, reasons
from decisionaid.library.catalogue import ContentError
from decisionaid.library.reasons import Reason

OPTION_SECTIONS = (
    "What it is",
    "What it involves for your child and family",
    "What is known",
    "Possible side effects and downsides",
    "Questions to ask",
)
COMPARISON_KEYS = ("involves", "time_in_hospital", "what_is_known", "main_downsides")
# `time_in_hospital: sources-silent` in an option file: the seeds say nothing about it.
SOURCES_SILENT = "sources-silent"
SOURCES_SILENT_WORDS = "The sources do not say. Ask your child's care team."
BOUNDS = ("exact", "about", "fewer-than")
PHRASINGS = ("in", "were")


@dataclass(frozen=True)
class Number:
    """One figure from a seed, in the one format every page uses (see presenters.figure).

    Where the seed gives counts (`count` of `total`), those are shown and drawn, with their
    complement; only where it gives a percentage alone is it put as `out_of_100`. The seed's
    own words are kept in `seed_words` (checked against the seed by the tests), with its level
    of evidence, which families never see without a meaning."""

    id: str
    study: str  # which study, in a sentence: "One study looked back at patients who had ICE."
    group: str  # who, as it follows a number: "patients with a new relapse"
    happened: str  # the outcome: "the cancer shrank" (phrasing "in") or "were still alive" ("were")
    did_not: str  # its complement: "it did not shrink" / "were not"
    source: str
    seed_words: str
    count: int | None = None
    total: int | None = None
    out_of_100: int | None = None
    bound: str = "exact"  # or "about", or "fewer-than" (an upper limit)
    phrasing: str = "in"  # "in 14 of 17 patients" or "14 of 17 patients were"
    time_frame: str = ""  # "5 years later"; empty: the source does not say
    adults_only: bool = False  # about people 18 or older: never drawn for a child's family
    evidence_level: str = ""  # the seed's own label (1A, 2A, 3iiiA): data only, never shown
    compare_note: str = ""  # why this figure cannot be set beside another one
    survival: bool = False  # about how many were still alive: shown behind a heads-up
    section: str = "What is known"  # the section of the option it belongs to
    # What the figure rests on, in one plain line: "one study of 74 patients, with no comparison
    # group"; "the source does not say how many children". Shown beside the figure.
    rests_on: str = ""
    high_risk_list: bool = False  # NCI's summary for doctors lists it under cancer high risk at first (review R4)

    @property
    def has_counts(self) -> bool:
        return self.count is not None

    @property
    def figures(self) -> int:
        """How many figures the picture draws: the real group, or 100 for a percentage."""
        return self.total if self.has_counts else 100

    @property
    def amount(self) -> int:
        return self.count if self.has_counts else self.out_of_100


@dataclass(frozen=True)
class Option:
    id: str
    title: str
    summary: str
    file: str
    sources: tuple[str, ...]
    reviewed: datetime.date
    sections: dict = field(compare=False)  # section title -> Markdown text
    comparison: dict = field(compare=False)
    also_called: tuple[str, ...] = ()
    put_forward: tuple[Reason, ...] = ()  # the situations a source ties this option to (reasons.py)
    also_described: Reason | None = None  # described for any relapse, naming no risk group
    no_longer_put_forward: tuple[Reason, ...] = ()  # tied only by a superseded source: history
    not_yours: tuple[Reason, ...] = ()  # why it is not the family's situation, where a condition says so
    # Open to every family whatever the situation (focusing on comfort): listed on its own,
    # never as "not tied to a situation like your child's".
    for_every_family: bool = False
    serious: bool = False  # about a time no parent wants to think about (hospice): its questions wait behind a heads-up
    numbers: tuple[Number, ...] = ()
    notes: tuple["Note", ...] = ()  # a section's notes for some situations, or hard news behind a heads-up
    summary_on_paper: str = ""  # the summary in the family's voice, for the handout (else the summary)

    @property
    def says_time_in_hospital(self) -> bool:
        return self.comparison["time_in_hospital"] != SOURCES_SILENT_WORDS

    def numbers_in(self, section) -> tuple[Number, ...]:
        return tuple(n for n in self.numbers if n.section == section)

    def notes_in(self, section, answers) -> tuple["Note", ...]:
        return tuple(n for n in self.notes if n.section == section and conditions.holds(n.when, answers))

    @functools.cached_property
    def questions(self) -> tuple["SuggestedQuestion", ...]:
        """Every question in its sections (a bullet ending in "?"), for the family to tick and
        bring along: the ones that find out what the sources do not say, then 'Questions to ask'.

        Each id comes from the question's own words, so a family's ticks stay on the right
        questions when an editor adds, removes or reorders bullets."""
        lines = "\n".join(self.sections[s] for s in OPTION_SECTIONS if s in self.sections).splitlines()
        bullets = [line[2:].strip() for line in lines if line.startswith(("- ", "* "))]
        texts = list(dict.fromkeys(b for b in bullets if b.endswith("?")))
        return tuple(
            SuggestedQuestion(id=f"{self.id}-{text_id(text)}", text=text, sources=self.sources, topic=self.title,
                              serious=self.serious)
            for text in texts
        )


def text_id(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()[:6]


@dataclass(frozen=True)
class Note:
    id: str
    heading: str
    text: str
    sources: tuple[str, ...]
    when: dict | None = field(default=None, compare=False)
    serious: bool = False  # about how serious the illness is: behind a labelled disclosure
    section: str = ""  # in an option file: the section the note is shown in
    numbers: tuple[Number, ...] = field(default=(), compare=False)  # figures shown with it (notes.yaml)


@dataclass(frozen=True)
class SuggestedQuestion:
    id: str
    text: str
    sources: tuple[str, ...] = ()
    when: dict | None = field(default=None, compare=False)
    topic: str = ""  # the option a question is about; empty for general questions
    # "always", or a condition: the summary suggests (ticks) it by default when this holds.
    suggest: str | dict | None = field(default=None, compare=False)
    serious: bool = False  # about if treatment does not work: offered behind a heads-up

    @property
    def on_paper(self) -> str:
        """On the handout a question stands alone, so it names its option."""
        return f"{self.topic}: {self.text}" if self.topic else self.text


def split_front_matter(text, where):
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.S)
    if not match:
        raise ContentError(f"{where}: must start with front matter between '---' lines")
    try:
        return yaml.safe_load(match.group(1)) or {}, match.group(2)
    except yaml.YAMLError as error:
        raise ContentError(f"{where}: front matter cannot be read: {error}") from error


def split_sections(body):
    sections, current = {}, None
    for line in body.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif current:
            sections[current].append(line)
    return {title: "\n".join(lines).strip() for title, lines in sections.items()}


def read_option(path) -> Option:
    where = f"options/{path.name}" if path.parent.name == "options" else path.name
    meta, body = split_front_matter(path.read_text(encoding="utf-8"), where)
    comparison = meta.get("comparison")
    if not isinstance(comparison, dict):
        raise ContentError(f"{where}: comparison must give {', '.join(COMPARISON_KEYS)}")
    try:
        numbers = tuple(Number(**n) for n in meta.get("numbers") or ())
        notes = tuple(Note(**{**n, "sources": tuple(n.get("sources") or ())}) for n in meta.get("notes") or ())
    except TypeError as error:
        raise ContentError(f"{where}: a number or note entry is malformed: {error}") from error
    situations = reasons.read(meta, where)
    try:
        return Option(
            id=meta["id"],
            title=meta["title"],
            summary=meta["summary"],
            file=where,
            sources=tuple(meta.get("sources") or ()),
            reviewed=meta["reviewed"],
            sections=split_sections(body),
            comparison={
                key: SOURCES_SILENT_WORDS if text == SOURCES_SILENT else text
                for key, text in comparison.items()
            },
            also_called=tuple(meta.get("also_called") or ()),
            put_forward=situations.put_forward,
            also_described=situations.also_described,
            no_longer_put_forward=situations.no_longer_put_forward,
            not_yours=situations.not_yours,
            for_every_family=bool(meta.get("for_every_family")),
            serious=bool(meta.get("serious")),
            numbers=numbers,
            notes=notes,
            summary_on_paper=meta.get("summary_on_paper") or meta["summary"],
        )
    except KeyError as error:
        raise ContentError(f"{where}: missing {error} in the front matter") from error


# Words in a section for some families only: <!-- when {condition} -->words<!-- end -->, the
# condition in the same language as notes' `when` (conditions.py). Other families never see them.
TAILORED = re.compile(r"<!-- when (.*?) -->(.*?)<!-- end -->", re.S)


def tailored(text: str, answers) -> str:
    """A section's words for these answers: each marked part kept only where its condition holds."""
    return TAILORED.sub(lambda m: m.group(2) if conditions.holds(part_condition(m.group(1)), answers) else "", text)


@functools.cache
def part_condition(written: str) -> dict:
    return yaml.safe_load(written)  # content never changes while the app runs


def tailoring_problems(option: Option, questions_by_id):
    for title, text in option.sections.items():
        where = f"{option.file}: {title}"
        if "<!--" in TAILORED.sub("", text):
            yield f"{where}: a part for some families must be <!-- when {{condition}} -->words<!-- end -->"
        for match in TAILORED.finditer(text):
            try:
                condition = yaml.safe_load(match.group(1))
            except yaml.YAMLError as error:
                yield f"{where}: a part's condition cannot be read: {error}"
                continue
            if not condition:
                yield f"{where}: a part for some families must give its condition"
            yield from catalogue.condition_problems(condition, questions_by_id, where, earlier=False)


def option_problems(option: Option, known_sources, questions_by_id):
    where = option.file
    yield from tailoring_problems(option, questions_by_id)
    if not option.sources:
        yield f"{where}: an option must name its sources"
    if len(set(option.sources)) < len(option.sources):  # a page would name the source twice
        yield f"{where}: a source is listed twice"
    for source in {*option.sources, *(n.source for n in option.numbers)}:
        if source not in known_sources:
            yield f"{where}: unknown source {source!r} (not in sources.yaml)"
    for number in option.numbers:
        yield from number_problems(number, option.sources, f"{where}: number {number.id!r}")
        if number.section not in OPTION_SECTIONS:
            yield f"{where}: number {number.id!r}: section must be one of the option's sections"
    for note in option.notes:
        if note.section not in OPTION_SECTIONS or not note.sources or not set(note.sources) <= set(option.sources):
            yield f"{where}: note {note.id!r}: give one of the option's sections, and sources from the file's own"
        yield from catalogue.condition_problems(note.when, questions_by_id, f"{where}: note {note.id!r}", earlier=False)
    if not isinstance(option.reviewed, datetime.date):
        yield f"{where}: reviewed must be a date (YYYY-MM-DD)"
    for section in OPTION_SECTIONS:
        if not option.sections.get(section):
            yield f"{where}: missing the section '## {section}'"
    for key in COMPARISON_KEYS:
        if not option.comparison.get(key):
            yield f"{where}: comparison is missing {key!r}"
    ids = [q.id for q in option.questions]
    if len(ids) != len(set(ids)):
        yield f"{where}: a question to ask is written twice"
    yield from reasons.problems(
        reasons.Situations(option.put_forward, option.also_described, option.no_longer_put_forward, option.not_yours),
        questions_by_id, where)


def number_problems(number: Number, sources, where):
    if number.source not in sources:
        yield f"{where}: cites {number.source}, which is not in the file's sources"
    if number.bound not in BOUNDS:
        yield f"{where}: bound must be one of {', '.join(BOUNDS)}"
    if number.phrasing not in PHRASINGS:
        yield f"{where}: phrasing must be one of {', '.join(PHRASINGS)}"
    if number.has_counts == (number.out_of_100 is not None):
        yield f"{where}: give count and total where the seed gives counts, else out_of_100, never both"
    elif number.has_counts and not (isinstance(number.total, int) and 0 <= number.count <= number.total):
        yield f"{where}: count must be between 0 and total"
    elif not number.has_counts and not 0 <= number.out_of_100 <= 100:
        yield f"{where}: out_of_100 must be between 0 and 100"
