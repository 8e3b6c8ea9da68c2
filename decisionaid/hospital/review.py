"""The clinicians' review page: a content file as families read it, beside the seed sentences
it cites.

Nothing here knows a particular file: a Markdown file is its front matter's title and summary,
its body and its numbers; a YAML file is its data, shown as nested lists. Citations are found
wherever the data holds them: any entry with a `source` naming a seed, with its `quote` (a
seed condition, checked word for word against the seed) or its statement and numbers (shown
beside the seed sentences that contain those numbers).
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import yaml
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from decisionaid.hospital import signoff
from decisionaid.library import catalogue, conditions, options
from decisionaid.library.figures import figure_words
from decisionaid.library.options import SOURCES_SILENT, SOURCES_SILENT_WORDS, Number, split_front_matter

# Front matter the page shows in its own place rather than in the nested lists.
SHOWN_APART = ("title", "summary", "numbers", "sources")
# Where an entry holds a seed's own words, to be found in that seed word for word.
QUOTE_KEYS = ("quote", "seed_words")
# Where an entry holds the content's own words about what it cites.
SAID_KEYS = ("statement", "study", "text")
MAX_SENTENCES = 4


@dataclass(frozen=True)
class Citation:
    source: str
    said: str = ""  # what the content file says with it, in its own words (a figure: as pages word it)
    quote: str = ""  # the seed's words, as the file quotes them: checked word for word
    found: bool = False  # the quote is in the seed
    sentences: tuple[str, ...] = ()  # with no quote: the seed's sentences that hold the figure's numbers


def seeds_folder() -> Path:
    return settings.BASE_DIR / "docs" / "seeds"


def file_review(file: str) -> dict:
    """Everything the review page shows for one content file."""
    text = (signoff.content_folder() / file).read_text(encoding="utf-8")
    data, body = front_matter_or_data(file, text)
    mapping = data if isinstance(data, dict) else {}
    numbers = [n for n in mapping.get("numbers") or () if isinstance(n, dict)]
    return {
        "title": mapping.get("title") if isinstance(mapping.get("title"), str) else "",
        "summary": mapping.get("summary") if isinstance(mapping.get("summary"), str) else "",
        "body": body_html(file, body),
        "numbers": [{"said": said_in(n), "in_words": number_in_words(n)} for n in numbers],
        "data": tree({k: v for k, v in mapping.items() if k not in SHOWN_APART} if mapping else data, seed_ids()),
        "citations": list(citations(data)),
        "sources": [s for s in catalogue.load().sources if s.id in named(mapping.get("sources"))],
    }


def named(sources) -> set[str]:
    """The seed ids in a file's `sources` list (sources.yaml's own list holds the seeds
    themselves, as entries)."""
    return {s for s in sources or () if isinstance(s, str)}


def front_matter_or_data(file: str, text: str):
    """(data, body): a Markdown file's front matter and the rest; a YAML file's data and no
    body; any other file (or one that cannot be read as its kind): no data, its text as body."""
    try:
        if file.endswith(".md"):
            return split_front_matter(text, file)
        if file.endswith((".yaml", ".yml")):
            return yaml.safe_load(text), ""
    except (catalogue.ContentError, yaml.YAMLError):
        pass
    return {}, text


def body_html(file: str, body: str):
    """A Markdown body as families read it, each heading one level down (the page has h1 and
    the column h2); any other text as it is."""
    if not body.strip():
        return ""
    if not file.endswith(".md"):
        return mark_safe(f"<pre>{escape(body)}</pre>")
    html = markdown.markdown(marked_tailored_parts(body))
    # Content files are reviewed data, shown as the summary shows them.
    return mark_safe(re.sub(r"<(/?)h([1-5])>", lambda m: f"<{m[1]}h{int(m[2]) + 1}>", html))


def marked_tailored_parts(body: str) -> str:
    """Words only some families see (<!-- when ... -->words<!-- end -->), shown with whom they are
    for: in the page families read, such a comment is invisible, and the reviewer would read two
    versions of a sentence with no sign that each family sees only one."""

    def marked(match):
        try:
            who = condition_words(options.part_condition(match[1]))
        except (KeyError, TypeError, AttributeError, yaml.YAMLError):
            who = f"the condition as written: {match[1]}"  # `manage.py check` names what is wrong
        return (f' <span class="tailored"><strong class="tailored__when">[Only where {escape(who)}:]</strong> '
                f'{match[2]} <strong class="tailored__end">[end of that part]</strong></span> ')

    return options.TAILORED.sub(marked, body)


def condition_words(condition) -> str:
    """A condition in the questions' and answers' words, saying too when it holds for a family
    that has not answered yet (an option page is read before, and during, the questions)."""
    words = conditions.in_words(condition, {q.id: q for q in catalogue.load().questions})
    return f"{words}; also before these questions are answered" if conditions.holds(condition, {}) else words


def is_condition(value) -> bool:
    content = catalogue.load()
    return (isinstance(value, dict) and conditions.shape_error(value) is None
            and all(content.question(test["question"]) is not None for test in conditions.tests_in(value)))


def number_in_words(raw: dict) -> str:
    """A figure as pages word it, when the entry is one the library can read."""
    try:
        return figure_words(Number(**raw))
    except (TypeError, ValueError, AttributeError):
        return ""


def said_in(entry: dict) -> str:
    return next((str(entry[key]) for key in SAID_KEYS if entry.get(key)), "")


def seed_ids() -> dict[str, str]:
    """Each seed's id and its publisher's name."""
    return {s.id: s.publisher for s in catalogue.load().sources}


def is_citation(value, seeds) -> bool:
    return isinstance(value, dict) and value.get("source") in seeds


def tree(value, seeds):
    """Data as nested nodes for the template: ("map", [(label, node)]), ("list", [node]) or
    ("text", words). Citations are left out (the page shows them beside the seeds), and so is
    whatever is empty without them."""
    if is_condition(value):
        return ("text", f"Where {condition_words(value)}")
    if isinstance(value, dict):
        items = [(str(k).replace("_", " ").capitalize(), tree(v, seeds)) for k, v in value.items()
                 if not is_citation(v, seeds)]
        return ("map", [(label, node) for label, node in items if node[1] not in ("", [])])
    if isinstance(value, (list, tuple)):
        nodes = [tree(item, seeds) for item in value if not is_citation(item, seeds)]
        return ("list", [node for node in nodes if node[1] not in ("", [])])
    text = "" if value is None else str(value)
    if text in seeds:
        return ("text", f"{seeds[text]} ({text})")
    return ("text", SOURCES_SILENT_WORDS if text == SOURCES_SILENT else text)


def citations(data, seeds=None):
    """Every entry in the data that names a seed as its `source`, wherever it is."""
    seeds = seed_ids() if seeds is None else seeds
    if isinstance(data, dict):
        if is_citation(data, seeds):
            yield citation(data)
        for value in data.values():
            yield from citations(value, seeds)
    elif isinstance(data, list):
        for item in data:
            yield from citations(item, seeds)


def citation(entry: dict) -> Citation:
    source = entry["source"]
    said = " ".join(filter(None, [said_in(entry), number_in_words(entry)]))
    quote = next((entry[key] for key in QUOTE_KEYS if isinstance(entry.get(key), str)), "")
    if quote:
        return Citation(source, said, quote, found=normalised(quote) in normalised(seed_text(source)))
    numbers = [v for v in entry.values() if isinstance(v, int) and not isinstance(v, bool)]
    numbers = numbers or re.findall(r"\d+(?:\.\d+)?", said)
    return Citation(source, said, sentences=sentences_with(source, numbers, said))


def normalised(text: str) -> str:
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"}))
    return " ".join(text.lower().split())


@functools.cache
def seed_text(source: str) -> str:
    """A source's text as kept in docs/: a seed whole, a further source below its header."""
    for folder in (seeds_folder(), seeds_folder().parent / "sources"):
        path = folder / source
        if path.is_file():
            return source_body(path.read_text(encoding="utf-8"))
    return ""


# A further source's header (title, address, licence...) ends with this line; only the text below
# it is the publisher's.
HEADER_END = "\n" + "-" * 72 + "\n"


def source_body(text: str) -> str:
    return text.split(HEADER_END, 1)[1] if HEADER_END in text else text


@functools.cache
def seed_sentences(source: str) -> tuple[str, ...]:
    lines = (" ".join(line.split()) for line in seed_text(source).splitlines())
    return tuple(s for line in lines if line for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(])", line))


def sentences_with(source: str, numbers, statement: str) -> tuple[str, ...]:
    """The seed's sentences that hold any of these numbers as a number ('30' in '30%', never
    in '130' or '3.0'), those sharing most words with the statement first."""
    patterns = [re.compile(rf"(?<![\d.,]){re.escape(str(n))}(?![\d]|\.\d)") for n in numbers]
    found = [s for s in seed_sentences(source) if any(p.search(s) for p in patterns)]
    words = set(normalised(statement).split())
    found.sort(key=lambda sentence: -len(words & set(normalised(sentence).split())))
    return tuple(found[:MAX_SENTENCES])
