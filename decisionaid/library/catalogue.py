"""Loads the content files once into frozen dataclasses and says clearly what is wrong with them.

`python manage.py check` runs `content_errors()`, so a broken content file stops the app
from starting and names the file and the problem.
"""

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from decisionaid.library import conditions

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"  # decisionaid/content/
QUESTION_KINDS = ("radio", "checkbox", "text", "grid")
NOT_SURE = "not-sure"


class ContentError(Exception):
    pass


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    hint: str = ""
    # On a multi-choice question, an answer that cannot go with others: "I'm not sure" always,
    # and any choice marked `exclusive: true` in questions.yaml ("None that we know of").
    exclusive: bool = False
    in_short: str = ""  # a few words for the situation in short, where the label is long


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    medical: bool


@dataclass(frozen=True)
class Question:
    id: str
    part: str
    kind: str
    text: str
    hint: str = ""
    choices: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    asked_when: dict | None = field(default=None, compare=False)
    sources: tuple[str, ...] = ()
    in_short: str = ""  # a few words for where answers are restated

    def label_for(self, value) -> str:
        return next((c.label for c in self.choices if c.value == value), str(value))

    def short_for(self, value) -> str:
        return next((c.in_short or c.label for c in self.choices if c.value == value), str(value))


# What a family is told plainly about a source when it is quoted (sources.yaml's written_for).
WRITTEN_FOR = {
    "families": "",
    "clinicians": "written for doctors and nurses",
    "adults": "written for adults",
    "other-cancers": "about a medicine's use in other cancers",
    "young-people": "written for teenagers and young adults who have cancer themselves",
}


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str  # as printed, or that none is printed
    audience: str  # who it was written for, in plain words
    url: str = ""
    kind: str = "seed"  # a seed page, or a further text from a US government body
    written_for: tuple[str, ...] = ()
    attribute_as: str = ""  # how a page names it
    superseded_by: str = ""  # a newer edition of the same text, for a seed that has one
    next_review_due: datetime.date | None = None  # where the page gives its own next review date
    organisation: str = ""  # who published it, as a short line names it once; else the publisher

    @property
    def cautions(self) -> list[str]:
        """What a family must be told about whose text this is ("written for adults")."""
        return [WRITTEN_FOR[w] for w in self.written_for if WRITTEN_FOR[w]]

    def review_overdue(self, today: datetime.date) -> bool:
        return self.next_review_due is not None and self.next_review_due < today


@dataclass(frozen=True)
class Catalogue:
    parts: tuple[Part, ...]
    questions: tuple[Question, ...]
    sources: tuple[Source, ...]
    reviewed: datetime.date

    @functools.cached_property
    def _questions_by_id(self):
        return {q.id: q for q in self.questions}

    def question(self, question_id) -> Question | None:
        return self._questions_by_id.get(question_id)

    def part(self, part_id) -> Part:
        return next(p for p in self.parts if p.id == part_id)


def read_yaml(name):
    path = CONTENT_DIR / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"{path.name}: cannot be read: {error}") from error


def _choices(raw, where):
    if not isinstance(raw, list):
        raise ContentError(f"{where}: expected a list of choices")
    try:
        choices = tuple(
            Choice(c["value"], c["label"], c.get("hint", ""),
                   exclusive=bool(c.get("exclusive")) or c["value"] == NOT_SURE, in_short=c.get("in_short", ""))
            for c in raw
        )
    except (KeyError, TypeError) as error:
        raise ContentError(f"{where}: every choice needs a value and a label") from error
    for choice in choices:
        # YAML reads an unquoted Yes, No or On as true or false: "Yes" must be quoted.
        if not isinstance(choice.value, str) or not isinstance(choice.label, str):
            raise ContentError(
                f"{where}: the choice {choice.label!r} must have a value and a label in quotes "
                f'(YAML reads an unquoted Yes or No as true or false), for example label: "Yes"'
            )
    return choices


def source_addresses() -> dict[str, str]:
    """source-addresses.tsv: each source's id and its address, one tab-separated pair a line."""
    lines = (CONTENT_DIR / "source-addresses.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#"))


def _source(raw, addresses):
    where = f"sources.yaml: source {raw.get('id', '?')!r}"
    try:
        written_for = tuple(raw.get("written_for") or ())
        source = Source(**{**raw, "written_for": written_for, "url": addresses.get(raw.get("id"), "")})
    except TypeError as error:
        raise ContentError(f"{where}: {error}") from error
    unknown = set(source.written_for) - set(WRITTEN_FOR)
    if unknown:
        raise ContentError(f"{where}: written_for may hold only {', '.join(WRITTEN_FOR)}, not {', '.join(unknown)}")
    if source.kind not in ("seed", "further") or not source.url or not source.attribute_as:
        raise ContentError(f"{where}: needs kind (seed or further), attribute_as and a line in source-addresses.tsv")
    return source


def _question(raw):
    where = f"questions.yaml: question {raw.get('id', '?')!r}"
    try:
        return Question(
            id=raw["id"],
            part=raw["part"],
            kind=raw["kind"],
            text=raw["question"],
            hint=raw.get("hint", ""),
            choices=_choices(raw.get("choices", []), where),
            items=_choices(raw.get("items", []), where),
            asked_when=raw.get("asked_when"),
            sources=tuple(raw.get("sources") or ()),
            in_short=raw.get("in_short") or raw["question"],
        )
    except KeyError as error:
        raise ContentError(f"{where}: missing {error}") from error


@functools.cache
def load() -> Catalogue:
    questions_file = read_yaml("questions.yaml")
    sources_file = read_yaml("sources.yaml")
    catalogue = Catalogue(
        parts=tuple(Part(p["id"], p["title"], bool(p.get("medical"))) for p in questions_file["parts"]),
        questions=tuple(_question(q) for q in questions_file["questions"]),
        sources=tuple(_source(s, source_addresses()) for s in sources_file["sources"]),
        reviewed=questions_file["reviewed"],
    )
    problems = list(question_problems(catalogue))
    if problems:
        raise ContentError("\n".join(problems))
    return catalogue


def question_problems(catalogue):
    known_sources = {s.id for s in catalogue.sources}
    part_ids = {p.id for p in catalogue.parts}
    seen = {}
    for question in catalogue.questions:
        where = f"questions.yaml: question {question.id!r}"
        if question.id in seen:
            yield f"{where}: the id is used twice"
        if question.kind not in QUESTION_KINDS:
            yield f"{where}: kind must be one of {', '.join(QUESTION_KINDS)}"
        if question.part not in part_ids:
            yield f"{where}: unknown part {question.part!r}"
        elif catalogue.part(question.part).medical:
            if not question.sources:
                yield f"{where}: a question about the child's illness must name its sources"
            if question.kind in ("radio", "checkbox") and NOT_SURE not in {c.value for c in question.choices}:
                yield f"{where}: a question about the child's illness must offer \"I'm not sure\""
        if question.kind in ("radio", "checkbox", "grid") and not question.choices:
            yield f"{where}: it needs choices"
        if question.kind == "grid" and not question.items:
            yield f"{where}: a grid question needs items"
        if question.kind == "checkbox" and not exclusive_choices_come_last(question.choices):
            yield f"{where}: answers that stand alone (\"I'm not sure\", exclusive: true) must come after the others"
        for source in question.sources:
            if source not in known_sources:
                yield f"{where}: unknown source {source!r} (not in sources.yaml)"
        yield from condition_problems(question.asked_when, seen, where)
        seen[question.id] = question


def exclusive_choices_come_last(choices) -> bool:
    """On the page they sit apart, after an "or", so they must follow every other choice."""
    flags = [c.exclusive for c in choices]
    return flags == sorted(flags)


def condition_problems(condition, known_questions, where, earlier=True):
    """Problems with a condition that may only name the questions in known_questions (for a
    question's asked_when: the questions before it)."""
    if condition is None:
        return
    shape = conditions.shape_error(condition)
    if shape:
        yield f"{where}: {shape}"
        return
    for test in conditions.tests_in(condition):
        question = known_questions.get(test["question"])
        if question is None:
            which = "an earlier question" if earlier else "a question in questions.yaml"
            yield f"{where}: the condition names {test['question']!r}, which is not {which}"
            continue
        if question.kind == "grid" and test.get("item") not in {i.value for i in question.items}:
            yield f"{where}: the condition needs an item of {question.id!r}"
        values = {c.value for c in question.choices}
        for value in test.get("any_of", []) + test.get("none_of", []):
            if str(value) not in values:
                yield f"{where}: {question.id!r} has no answer {value!r}"


def content_errors() -> list[str]:
    try:
        load()
    except ContentError as error:
        return str(error).splitlines()
    return []
