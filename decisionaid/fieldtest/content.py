"""The field test's words, read once from content/field-test.yaml and checked.

The SURE questions are the weigh-up's own (weigh-up.yaml), so the field test asks exactly what
the tool asks. `python manage.py check` names any problem with the file.
"""

import datetime
import functools
from dataclasses import dataclass

from decisionaid.library import catalogue, loader
from decisionaid.library.catalogue import ContentError

FILE = "field-test.yaml"
STATEMENTS = (6, 8)  # as few and as many knowledge statements as the field test may hold
PREPDM_ITEMS = 10
PREPDM_POINTS = 5
TRUE, FALSE, NOT_SURE = "true", "false", "not-sure"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Statement:
    id: str
    statement: str
    answer: str  # TRUE or FALSE
    explanation: str
    quote: str
    source: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class SureItem:
    id: str
    text: str


@dataclass(frozen=True)
class FieldTestContent:
    reviewed: datetime.date
    knowledge_intro: str
    knowledge_answers: tuple[Choice, ...]
    statements: tuple[Statement, ...]
    prepdm_name: str
    prepdm_credit: str
    prepdm_instruction: str
    prepdm_this_means: str
    prepdm_stem: str
    prepdm_scale: tuple[Choice, ...]
    prepdm_items: tuple[Question, ...]  # each with no choices of its own: the scale is shared
    acceptability: tuple[Question, ...]
    sure_items: tuple[SureItem, ...]
    sure_credit: str

    @property
    def before_count(self) -> int:
        """How many questions Before asks (the invitation says it)."""
        return len(self.statements) + len(self.sure_items)

    @property
    def after_count(self) -> int:
        """How many questions After asks, both parts (the invitation and the offer say it)."""
        return self.before_count + len(self.prepdm_items) + len(self.acceptability)


def _choices(raw, where) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{FILE}: {where}: expected a list of choices")
    choices = tuple(Choice(c["value"], c["label"]) for c in raw)
    for choice in choices:
        if not isinstance(choice.value, str) or not isinstance(choice.label, str):
            raise ContentError(f"{FILE}: {where}: put every value and label in quotes (YAML reads Yes and No "
                               "as true and false)")
    return choices


def _statement(raw) -> Statement:
    return Statement(id=raw["id"], statement=raw["statement"].strip(), answer=raw["answer"],
                     explanation=raw["explanation"].strip(), quote=raw["quote"].strip(), source=raw["source"])


def _read(data, known_sources) -> FieldTestContent:
    knowledge, preparation = data["knowledge"], data["preparation"]
    weigh_up = loader.load().weigh_up["sure"]
    found = FieldTestContent(
        reviewed=data["reviewed"],
        knowledge_intro=knowledge["intro"].strip(),
        knowledge_answers=_choices(knowledge["answers"], "knowledge answers"),
        statements=tuple(_statement(s) for s in knowledge["statements"]),
        prepdm_name=preparation["name"],
        prepdm_credit=preparation["credit"].strip(),
        prepdm_instruction=preparation["instruction"],
        prepdm_this_means=preparation["this_means"],
        prepdm_stem=preparation["stem"],
        prepdm_scale=_choices(preparation["scale"], "the preparation scale"),
        prepdm_items=tuple(Question(i["id"], i["text"], ()) for i in preparation["items"]),
        acceptability=tuple(Question(q["id"], q["question"], _choices(q["choices"], q["id"]))
                            for q in data["acceptability"]["questions"]),
        sure_items=tuple(SureItem(i["value"], i["label"]) for i in weigh_up["items"]),
        sure_credit=weigh_up["credit"].strip(),
    )
    problems = list(_problems(found, known_sources))
    if problems:
        raise ContentError("\n".join(problems))
    return found


def _problems(found: FieldTestContent, known_sources):
    if not isinstance(found.reviewed, datetime.date):
        yield f"{FILE}: reviewed must be a date (YYYY-MM-DD)"
    if not STATEMENTS[0] <= len(found.statements) <= STATEMENTS[1]:
        yield f"{FILE}: the knowledge check needs {STATEMENTS[0]} to {STATEMENTS[1]} statements"
    if {c.value for c in found.knowledge_answers} != {TRUE, FALSE, NOT_SURE}:
        yield f"{FILE}: the knowledge answers must be \"true\", \"false\" and not-sure"
    for what, items in (("statement", found.statements), ("preparation item", found.prepdm_items),
                        ("acceptability question", found.acceptability)):
        ids = [item.id for item in items]
        if len(ids) != len(set(ids)):
            yield f"{FILE}: two of the {what}s have the same id"
    for statement in found.statements:
        if statement.answer not in (TRUE, FALSE):
            yield f"{FILE}: {statement.id}: answer must be \"true\" or \"false\" (in quotes)"
        if statement.source not in known_sources:
            yield f"{FILE}: {statement.id}: unknown source {statement.source!r} (not in sources.yaml)"
    if len(found.prepdm_items) != PREPDM_ITEMS or len(found.prepdm_scale) != PREPDM_POINTS:
        yield f"{FILE}: the preparation scale has {PREPDM_ITEMS} items on {PREPDM_POINTS} points, unaltered"
    if [c.value for c in found.prepdm_scale] != [str(n) for n in range(1, PREPDM_POINTS + 1)]:
        yield f"{FILE}: the preparation scale's values must be \"1\" to \"{PREPDM_POINTS}\", in order"


@functools.cache
def load() -> FieldTestContent:
    data = catalogue.read_yaml(FILE)
    try:
        return _read(data, {s.id for s in catalogue.load().sources})
    except (KeyError, TypeError, AttributeError) as error:
        raise ContentError(f"{FILE}: a required entry is missing or malformed: {error}") from error


def content_errors() -> list[str]:
    try:
        load()
    except ContentError as error:
        return str(error).splitlines()
    return []
