"""Turn stored answers into words for pages (check your answers, summary, handout)."""

import functools
import re

from django.utils.safestring import mark_safe

from decisionaid.family import tailoring
from decisionaid.family.answers import OWN_QUESTION_MAX_LENGTH
from decisionaid.library import catalogue, loader
from decisionaid.library.figures import TIME_NOT_GIVEN, figure_words
from decisionaid.library.options import OPTION_SECTIONS, tailored
from decisionaid.weighing import rules


def answer_text(question, answer) -> list[str]:
    """The family's answer as lines of plain words."""
    if question.kind == "grid":
        return [f"{item.label}{'' if item.label.endswith('?') else ':'} {question.label_for(answer.get(item.value))}"
                for item in question.items]
    if question.kind == "checkbox":
        return [question.label_for(value) for value in answer]
    if question.kind == "text":
        return [answer] if answer else []
    return [question.label_for(answer)]


def terms_used(texts, glossary) -> list:
    """The glossary terms that appear in these texts, so they are explained where they appear."""
    words = " ".join(texts).lower()
    # The plain substring test first: it is fast, and most terms are not on a given page.
    return [term for term, forms, pattern in _term_patterns(glossary)
            if any(form in words for form in forms) and pattern.search(words)]


@functools.cache
def _term_patterns(glossary) -> tuple:
    """Each term's forms ("phase 1", "phase i") and pattern, compiled once: the glossary never
    changes while the app runs. (The texts searched may hold what a family typed, so no result
    is ever kept.)"""
    found = []
    for term in glossary:
        forms = tuple(f.lower() for f in (term.term, *term.found_as))
        either = "|".join(re.escape(f) for f in forms)
        found.append((term, forms, re.compile(rf"\b(?:{either})(?:s|es)?\b")))  # "cycles" too
    return tuple(found)


# What an option page says of its figures in its own words (shown by _option_body.html and
# _number.html), so the words they use are explained too.
SURVIVAL_FIGURES_HEADING = "Figures about how many children were still alive"
OTHER_RISK_GROUP = "This is not a figure for your child's risk group."


def option_terms(option, glossary) -> list:
    """Every word the option's page shows: its summary, the short version (compare, "In short"),
    for whom a source names it, its sections and notes, what its figures say, its questions."""
    reasons = [*option.put_forward, *option.no_longer_put_forward, *filter(None, [option.also_described]),
               *option.not_yours]
    figures = [text for n in option.numbers for text in (n.study, n.group, n.compare_note, n.rests_on) if text]
    figures += [SURVIVAL_FIGURES_HEADING] if any(n.survival for n in option.numbers) else []
    figures += [OTHER_RISK_GROUP] if any(n.high_risk_list for n in option.numbers) else []
    said_of_reasons = [text for r in reasons for text in (r.situation, r.detail, r.only_if)]
    return terms_used([option.summary, *option.comparison.values(), *said_of_reasons, *option.sections.values(),
                       *(n.text for n in option.notes), *figures, *(q.text for q in option.questions)], glossary)


def figure(number, age_answer, risk_answer=None) -> dict:
    """A figure as every page shows it. A figure about adults is drawn only for the family of
    someone 18 or older; for a child under 18 it is only mentioned, as being about adults. A
    figure NCI lists under cancer that was high risk at first tells a family whose child's was
    low or intermediate risk that it is not about their child's risk group."""
    adult_for_a_child = number.adults_only and age_answer != "18-or-older"
    other_risk_group = number.high_risk_list and risk_answer in ("low", "intermediate")
    return {
        "other_risk_group": OTHER_RISK_GROUP if other_risk_group else "",
        "number": number,
        "words": figure_words(number),
        "time": "" if number.time_frame else TIME_NOT_GIVEN,
        "drawn": not adult_for_a_child,
        "mentioned_only": adult_for_a_child and age_answer == "under-18",
    }


SECTION_HEADINGS = {"Questions to ask": "Questions you could ask"}


def adults_left_out(count) -> str:
    """One line for a section's figures about adults, left out for a child under 18: never a
    card of its own that shows no figure."""
    how_many = {1: "a figure", 2: "two figures", 3: "three figures"}.get(count, f"{count} figures")
    return f"This part leaves out {how_many} about adults (18 or older), because your child is under 18."


def option_sections(option, answers, level) -> list[dict]:
    """An option's sections as a page shows them, each with its figures and the notes that fit
    these answers: the same headings, in the same order, for every option (palliative and hospice care too)."""
    sections = []
    for title in OPTION_SECTIONS:
        figures = [figure(n, answers.get("age"), answers.get("risk-group")) for n in option.numbers_in(title)]
        left_out = [f["number"] for f in figures if f["mentioned_only"]]
        figures = [f for f in figures if not f["mentioned_only"]]
        sections.append({
            "title": SECTION_HEADINGS.get(title, title),
            "html": mark_safe(markdown_html(tailored(option.sections[title], answers), level + 1)),  # noqa: S308 - reviewed content
            "figures": figures,
            "adults_left_out": {"numbers": left_out, "words": adults_left_out(len(left_out)),
                                "sources": sorted({n.source for n in left_out})} if left_out else None,
            "survival": SURVIVAL_FIGURES_HEADING if any(f["number"].survival for f in figures) else "",
            "notes": [{"note": n, "html": mark_safe(markdown_html(n.text, level + 1))}  # noqa: S308 - reviewed content
                      for n in option.notes_in(title, answers)],
        })
    return sections


@functools.cache
def markdown_html(text, heading_level):
    """Content never changes while the app runs, so neither does its HTML. A '###' inside a
    section becomes the level below the section's own heading, so headings never skip."""
    import markdown  # noqa: PLC0415

    return re.sub(r"<(/?)h3>", rf"<\g<1>h{heading_level}>", markdown.markdown(text))


# The situation in at most three lines: the answers that shape which options are put forward.
SITUATION_LINES = (("cancer-course", "risk-group"), ("where-now", "brain-or-spinal-cord", "alk"), ("treatments-had",))
MOST_SITUATION_LINES = len(SITUATION_LINES)


# What follows what the family is not sure of: (after one thing, after several).
UNSURE_TO_FAMILY = ("Your child's care team can tell you",) * 2
UNSURE_TO_TEAM = ("We would like to ask you about this", "We would like to ask you about these")  # to the team


def unsure_in_words(in_shorts) -> str:
    """What the family is not sure of, as one list: "The cancer now, risk group, ALK gene change"."""
    later = (u if u[:2].isupper() else u[0].lower() + u[1:] for u in in_shorts[1:])  # "ALK", "MYCN" stay
    return ", ".join([in_shorts[0], *later])


def in_a_list(items) -> str:
    """ "a", "a and b", "a, b and c" """
    return " and ".join(filter(None, [", ".join(items[:-1]), items[-1]]))


def situation_in_short(answers: dict, also=(), then=UNSURE_TO_FAMILY) -> list[list[tuple[str, str]]]:
    """Up to three lines of (what, answer), from the answers that shape the options, and a line
    of any `also` questions; what the family was not sure of is gathered on a line of its own,
    never repeated answer by answer, followed by `then`."""
    questions = catalogue.load()
    lines, unsure = [], []
    for ids in (*SITUATION_LINES, also):
        line = []
        for question in (questions.question(i) for i in ids if answers.get(i)):
            known = [v for v in (answers[question.id] if question.kind == "checkbox" else [answers[question.id]])
                     if v != catalogue.NOT_SURE]
            if known:
                words = in_a_list([question.short_for(v) for v in known])
                line.append((question.in_short, words[0].upper() + words[1:]))
            else:
                unsure.append(question.in_short)
        if line:
            lines.append(line)
    if unsure:
        not_sure = ("Not sure yet", f"{unsure_in_words(unsure)}. {then[len(unsure) > 1]}")
        if len(lines) < MOST_SITUATION_LINES:
            lines.append([not_sure])
        else:  # never more than three lines: it joins the last one
            lines[-1].append(not_sure)
    return lines


def chosen_questions(result, saved_questions) -> list[str]:
    """The questions ticked: the family's own choice once made, else the summary's suggestions."""
    chosen = saved_questions["chosen"]
    return list(result.suggested_by_default) if chosen is None else chosen


def summary_context(answers: dict, saved_questions: dict, weigh_up=None) -> dict:
    """Everything the short summary shows, from the answers, questions and weigh-up."""
    result = tailoring.summarise(answers)
    content = loader.load()
    weigh_up = rules.WeighUp.from_session(weigh_up)
    situation = situation_in_short(answers)
    page_words = [
        *(line for part in situation for _, line in part),
        *(f"{o.title} {o.summary}" for o in result.options_shown),
        result.palliative.summary,
    ]
    return {
        "page_title": "Your summary",
        "summary": result,
        "groups_text": content.groups,
        "situation_lines": situation,
        "option_groups": [
            {"name": name, "words": words, **content.groups[words],
             "options": [{"option": o, "reasons": result.reasons.get(o.id, ())} for o in options]}
            for name, words, options in result.groups
        ],
        # Notes about how serious the illness is, each with any figure it gives (behind the heads-up).
        "serious_notes": [{"note": n, "figures": [figure(x, answers.get("age"), answers.get("risk-group"))
                                                  for x in n.numbers]} for n in result.serious_notes],
        "terms": terms_used(page_words, content.glossary),
        "chosen": set(chosen_questions(result, saved_questions)),
        "suggested_ticked": saved_questions["chosen"] is None,
        "own_questions": saved_questions["own"],
        "own_question_max": OWN_QUESTION_MAX_LENGTH,
        "weigh_up_started": weigh_up.started,
        "leaning": rules.leaning_sentence(weigh_up, result.options_shown),
        "reviewed": content.last_reviewed,
    }


def glossary_a_to_z(glossary) -> list[dict]:
    """The glossary for the "Words used here, A to Z" page: terms in alphabetical order,
    grouped under their first letter."""
    letters = {}
    for term in sorted(glossary, key=lambda t: t.term.lower()):
        letters.setdefault(term.term[0].upper(), []).append(term)
    return [{"letter": letter, "terms": terms} for letter, terms in letters.items()]


