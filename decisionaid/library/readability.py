"""Reading grade of every family-facing block of content (Flesch-Kincaid, via textstat).

One documented rule leaves names out of the count, because the name of a medicine, a test or
a treatment is long whatever we do: before measuring, a word is dropped when it contains a
digit (131I-MIBG, Hu14.18K322A) or is one of the medicine, gene and treatment names in NAMES
below. Short forms in capitals (MIBG, ALK, OS) count like any other word: a family reads them.
Everything else counts, and headings are not blocks of text.
"""

import functools
import re
import statistics

from decisionaid.library import catalogue, loader
from decisionaid.library.figures import figure_words

NAMES = {
    "bevacizumab", "busulfan", "carboplatin", "cisplatin", "crizotinib", "cyclophosphamide",
    "decitabine", "dinutuximab", "doxorubicin", "eflornithine", "entrectinib", "etoposide",
    "fenretinide", "idasanutlin", "ifosfamide", "irinotecan", "isotretinoin", "lorlatinib",
    "melphalan", "metaiodobenzylguanidine", "naxitamab", "neuroblastoma", "neuroblastomas",
    "retinoic", "temozolomide", "thiotepa", "topotecan", "venetoclax", "vincristine",
    "vorinostat", "lenalidomide", "difluoromethylornithine", "radionuclides", "radiosensitisers",
    "disialoganglioside", "hematopoietic", "somatostatin", "dinutuximab-beta", "hycamtin",
    "unituxin", "iwilfin", "lorbrena", "camptosar", "temodar", "zolinza", "dacogen",
    "adavosertib", "dasatinib", "rapamycin", "temsirolimus",
    # the illness and the kinds of treatment, named as the sources name them
    "chemotherapy", "chemoimmunotherapy", "immunotherapy", "radiotherapy",
}
NAME_WORD = re.compile(r"\S*\d\S*")


def without_names(text: str) -> str:
    text = NAME_WORD.sub("", text)
    words = [w for w in text.split() if w.strip(".,;:()\"'").lower() not in NAMES]
    return " ".join(words)


def plain(markdown_text: str) -> str:
    """Markdown to the words a family reads: no bullets, links or emphasis marks."""
    text = "\n".join(line for line in markdown_text.splitlines() if not line.startswith("#"))
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<!-- (when .*?|end) -->", "", text)  # both parts of a tailored sentence read
    text = re.sub(r"[*_`#>]", "", text)
    return "\n".join(as_sentence(line) for line in text.splitlines())


def as_sentence(line: str) -> str:
    """A bullet is a sentence of its own, so it ends with a full stop when measured."""
    if not line.strip().startswith(("- ", "+ ")):
        return line
    return re.sub(r"^\s*[-+]\s+", "", line).rstrip(".") + "."


def paragraphs(text: str) -> list[str]:
    """The blocks of a section. A line ending in ':' ("Ask:") leads into the list after it,
    so it is measured with that list, as a family reads it."""
    blocks = []
    for paragraph in (p for p in re.split(r"\n\s*\n", text) if p.strip()):
        if blocks and blocks[-1].rstrip().endswith(":"):
            blocks[-1] += "\n" + paragraph
        else:
            blocks.append(paragraph)
    return blocks


def grade(text: str) -> float:
    import textstat  # loaded only when a grade is wanted

    return textstat.flesch_kincaid_grade(without_names(text))


def family_facing_blocks():
    """(where, text) for every block of words a family reads, paragraph by paragraph."""
    questions = catalogue.load()
    for question in questions.questions:
        yield f"questions.yaml: {question.id}", " ".join(filter(None, [question.text, question.hint]))
    content = loader.load()
    for option in (*content.options, content.palliative, content.hospice):
        yield f"{option.file}: summary", option.summary
        for key, text in option.comparison.items():
            yield f"{option.file}: comparison.{key}", text
        for section, text in option.sections.items():
            for n, paragraph in enumerate(paragraphs(plain(text)), 1):
                yield f"{option.file}: {section} ¶{n}", paragraph
        for note in option.notes:
            for n, paragraph in enumerate(paragraphs(plain(note.text)), 1):
                yield f"{option.file}: note {note.id} ¶{n}", paragraph
        for number in option.numbers:
            yield f"{option.file}: number {number.id}", f"{number.study} {figure_words(number)}"
    for name in ("leading", "others", "all", "every_family"):
        yield f"option-groups.yaml: {name}", content.groups[name]["text"]
    for key in ("decision", "combined", "combined_in_short"):
        yield f"option-groups.yaml: {key}", content.groups[key]
    page = content.groups["option_page"]
    for key in ("named", "yours", "ask", "not_yours"):
        yield f"option-groups.yaml: option_page.{key}", page[key]
    for option in content.options:  # for whom a source names each option, as its page says it
        for n, reason in enumerate((*option.put_forward, *filter(None, [option.also_described])), 1):
            yield f"{option.file}: for whom {n}", f"A source names this {reason.in_full}."
            if reason.only_if:
                yield f"{option.file}: for whom {n}, in part", f"{reason.only_if}. {page['partly']} {page['ask']}"
        for reason in option.no_longer_put_forward:
            yield f"{option.file}: no longer", f"{page['no_longer']} {reason.situation}. {page['no_longer_now']}"
        for n, reason in enumerate(option.not_yours, 1):
            yield f"{option.file}: not yours {n}", f"{reason.situation} {page['ask']}"
    for note in content.notes:
        yield f"notes.yaml: {note.id}", note.text
    for term in content.glossary:
        yield f"glossary.yaml: {term.term}", term.meaning
    for ask in content.questions_to_ask:
        yield f"questions-to-ask.yaml: {ask.id}", ask.text
    shared = content.shared_decisions
    for key in ("child_involvement", "who_decides"):
        for item, text in shared[key].items():
            yield f"shared-decisions.yaml: {key}.{item}", text
    weigh = content.weigh_up
    for key in ("intro", "leaning_note", "sure_mismatch"):
        yield f"weigh-up.yaml: {key}", weigh[key]
    for item, text in weigh["value_prompts"].items():
        yield f"weigh-up.yaml: value_prompts.{item}", text
    yield "weigh-up.yaml: sure.credit", weigh["sure"]["credit"]
    for item in weigh["sure"]["items"]:
        yield f"weigh-up.yaml: sure.{item['value']}", item["help"]


@functools.cache
def content_grades() -> dict:
    """Each block's grade, and the median: shown on the About page, checked by the tests."""
    grades = {where: grade(text) for where, text in family_facing_blocks()}
    return {"blocks": grades, "median": statistics.median(grades.values()), "worst": max(grades.values())}
