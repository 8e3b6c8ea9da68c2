"""Loads the summary's content once: every option file (options.py), the notes, glossary,
questions to ask, shared decisions, option groups and weigh-up words, each checked;
`python manage.py check` reports every problem with the file name.
"""

import datetime
import functools
from dataclasses import dataclass, field

from decisionaid.library import catalogue
from decisionaid.library.catalogue import ContentError
from decisionaid.library.options import (
    Note,
    Number,
    Option,
    SuggestedQuestion,
    number_problems,
    option_problems,
    read_option,
)

CARE_FILES = {"palliative-care": "palliative.md", "hospice-care": "hospice.md"}
YAML_FILES = (
    "notes.yaml", "questions-to-ask.yaml", "glossary.yaml", "shared-decisions.yaml", "option-groups.yaml",
    "weigh-up.yaml",
)


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    sources: tuple[str, ...]
    # True where no seed gives this plain meaning: the app's own words, listed on About for a
    # clinician to review.
    own_wording: bool = False
    # Other ways the texts write it ("phase I" for "phase 1"): where any of them appears, the
    # term is explained there too.
    found_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Library:
    options: tuple[Option, ...]  # every option file, comfort-focused care included
    palliative: Option
    hospice: Option
    notes: tuple[Note, ...]
    questions_to_ask: tuple[SuggestedQuestion, ...]
    glossary: tuple[Term, ...]
    shared_decisions: dict = field(compare=False)
    groups: dict = field(compare=False)  # how the summary introduces each group of options
    weigh_up: dict = field(compare=False)  # the weigh-up step's prompts, SURE and next steps
    files_reviewed: tuple[datetime.date, ...] = ()  # the yaml files' own reviewed dates

    @property
    def reviewed(self) -> datetime.date:
        """The oldest reviewed date of any content: the date the whole is reviewed to."""
        options = (*self.options, self.palliative, self.hospice)
        return min(catalogue.load().reviewed, *self.files_reviewed, *(o.reviewed for o in options))

    @property
    def last_reviewed(self) -> datetime.date:
        """The newest reviewed date of the content a summary or handout shows (every file's):
        the date its content was last reviewed, as each option page gives its own file's."""
        options = (*self.options, self.palliative, self.hospice)
        return max(catalogue.load().reviewed, *self.files_reviewed, *(o.reviewed for o in options))


def entries(files, name, key, build):
    """Each entry of one yaml file's list, built by build(raw, where); a malformed entry is
    reported with the file and the entry it is in."""
    built = []
    for n, raw in enumerate(files[name].get(key) or [], 1):
        label = raw.get("id") or raw.get("term") if isinstance(raw, dict) else None
        where = f"{name}: {label or f'entry {n}'!r}"
        try:
            built.append(build(raw, where))
        except (KeyError, TypeError, AttributeError) as error:
            raise ContentError(f"{where}: missing or malformed {error}") from error
    return tuple(built)


def _sources_of(where, raw, known_sources):
    sources = tuple(raw.get("sources") or ())
    if not sources:
        raise ContentError(f"{where}: names no sources")
    for source in sources:
        if source not in known_sources:
            raise ContentError(f"{where}: unknown source {source!r} (not in sources.yaml)")
    return sources


@functools.cache
def load() -> Library:
    base = catalogue.load()
    known_sources = {s.id for s in base.sources}
    questions_by_id = {q.id: q for q in base.questions}
    folder = catalogue.CONTENT_DIR
    options = tuple(read_option(p) for p in sorted((folder / "options").glob("*.md")))
    palliative = read_option(folder / CARE_FILES["palliative-care"])
    hospice = read_option(folder / CARE_FILES["hospice-care"])
    problems = [
        problem
        for option in (*options, palliative, hospice)
        for problem in option_problems(option, known_sources, questions_by_id)
    ]
    if not options:
        problems.append("options/: there are no option files")
    files = {name: catalogue.read_yaml(name) for name in YAML_FILES}
    for name, data in files.items():
        if not isinstance(data.get("reviewed"), datetime.date):
            problems.append(f"{name}: reviewed must be a date (YYYY-MM-DD)")
    notes = entries(files, "notes.yaml", "notes", lambda n, where: Note(
        id=n["id"], heading=n["heading"], text=n["text"], when=n.get("when"),
        sources=_sources_of(where, n, known_sources), serious=bool(n.get("serious")),
        numbers=tuple(Number(**number) for number in n.get("numbers") or ()),
    ))
    titles = {o.id: o.title for o in options}
    asks = entries(files, "questions-to-ask.yaml", "questions", lambda q, where: SuggestedQuestion(
        id=q["id"], text=q["text"], sources=_sources_of(where, q, known_sources), when=q.get("when"),
        topic=titles[q["option"]] if "option" in q else "", suggest=q.get("suggest"), serious=bool(q.get("serious")),
    ))
    glossary = entries(files, "glossary.yaml", "terms", lambda t, where: Term(
        term=t["term"], meaning=t["meaning"], sources=_sources_of(where, t, known_sources),
        own_wording=bool(t.get("own_wording")), found_as=tuple(t.get("found_as") or ()),
    ))
    problems += [p for n in notes for x in n.numbers for p in number_problems(x, n.sources, f"notes.yaml: {x.id!r}")]
    for where, item in [*(("notes.yaml", n) for n in notes), *(("questions-to-ask.yaml", q) for q in asks)]:
        problems += catalogue.condition_problems(item.when, questions_by_id, f"{where}: {item.id!r}", earlier=False)
    for ask in asks:
        if isinstance(ask.suggest, dict):
            problems += catalogue.condition_problems(
                ask.suggest, questions_by_id, f"questions-to-ask.yaml: {ask.id!r}", earlier=False)
        elif ask.suggest not in (None, "always"):
            problems.append(f"questions-to-ask.yaml: {ask.id!r}: suggest must be 'always' or a condition")
    if problems:
        raise ContentError("\n".join(problems))
    return Library(
        options=options,
        palliative=palliative,
        hospice=hospice,
        notes=notes,
        questions_to_ask=asks,
        glossary=glossary,
        shared_decisions=files["shared-decisions.yaml"],
        groups=files["option-groups.yaml"],
        weigh_up=files["weigh-up.yaml"],
        files_reviewed=tuple(data["reviewed"] for data in files.values()),
    )


def content_errors() -> list[str]:
    try:
        load()
    except ContentError as error:
        return str(error).splitlines()
    except (KeyError, TypeError) as error:
        return [f"content: a required entry is missing or malformed: {error}"]
    return []
