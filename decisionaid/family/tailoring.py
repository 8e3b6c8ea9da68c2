"""Pure: from the family's answers to what the summary and the option pages show.

Options are grouped, never ranked and never hidden. An option is put forward ("leading") only
where a source sentence ties it to the family's situation (its `put_forward` reasons, each
quoting the source: reasons.py); the rest follow as "others". Where no source ties two or more
options to the situation, there is no lead group: every option sits in one list ("all"). A
lead group is never a single option. Within a group, options are in A to Z order, which says
nothing about how well they work.

A family is never told that an option is for someone else because of an answer it is not
sure of: where a situation turns on such an answer, the option's page says so (named_for).
"""

from dataclasses import dataclass

from decisionaid.library import catalogue, conditions, loader
from decisionaid.library.options import Note, Option, SuggestedQuestion
from decisionaid.library.reasons import Reason

LEADING, OTHERS, ALL = "leading", "others", "all"
# Answers that say the family does not know yet: a situation that turns on one may be theirs.
NOT_KNOWN = frozenset({catalogue.NOT_SURE, "tests-pending", "not-tested"})
YOURS, PARTLY, UNSURE = "yours", "partly", "unsure"  # how a situation an option is named for fits
EVERY_FAMILY = "every_family"  # the words that introduce options open to every family
SUGGESTED_AT_MOST = 10  # questions ticked by default: a list a family can bring to a short appointment


@dataclass(frozen=True)
class Summary:
    leading: tuple[Option, ...]
    others: tuple[Option, ...]
    for_every_family: tuple[Option, ...]  # open to every family, whatever the situation
    reasons: dict  # option id -> the Reasons a seed ties it to this family's situation
    notes: tuple[Note, ...]
    palliative: Option
    hospice: Option
    child_prompt: str
    who_decides_prompt: str
    suggested_questions: tuple[SuggestedQuestion, ...]  # every question offered
    suggested_by_default: tuple[str, ...]  # the ids ticked until the family chooses its own

    @property
    def options_shown(self) -> tuple[Option, ...]:
        return self.leading + self.others + self.for_every_family

    @property
    def groups(self) -> list[tuple[str, str, tuple[Option, ...]]]:
        """(data-group, which words introduce it, options) in the order the summary shows them.
        Options open to every family come last, in the data-group of the options not put forward."""
        if not self.leading:
            groups = [(ALL, ALL, self.others)]
        else:
            groups = [(LEADING, LEADING, self.leading)] + ([(OTHERS, OTHERS, self.others)] if self.others else [])
        if self.for_every_family:
            groups.append((OTHERS if self.leading else ALL, EVERY_FAMILY, self.for_every_family))
        return groups

    @property
    def serious_notes(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.serious)

    @property
    def other_notes(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if not n.serious)

    @property
    def questions_in_order(self) -> list[str]:
        """Every question's id: the ones suggested by default first, then the rest."""
        return [*self.suggested_by_default, *(q.id for q in self.suggested_questions
                                              if q.id not in self.suggested_by_default)]

    @property
    def default_questions(self) -> list[SuggestedQuestion]:
        by_id = {q.id: q for q in self.suggested_questions}
        return [by_id[i] for i in self.suggested_by_default]

    @property
    def more_question_groups(self) -> list[tuple[str, list[SuggestedQuestion]]]:
        """The general questions not suggested by default. Each option's own questions are on
        its page, not here too: the summary stays short, and a family meets them beside the option."""
        return self._grouped(lambda q: not q.serious and not q.topic)

    @property
    def serious_question_groups(self) -> list[tuple[str, list[SuggestedQuestion]]]:
        """The questions about if treatment does not work: offered behind their own heads-up."""
        return self._grouped(lambda q: q.serious)

    def _grouped(self, keep) -> list[tuple[str, list[SuggestedQuestion]]]:
        groups = {"": []}
        for question in self.suggested_questions:
            if question.id not in self.suggested_by_default and keep(question):
                groups.setdefault(question.topic, []).append(question)
        return [(topic, asks) for topic, asks in groups.items() if asks]

    def option(self, option_id) -> Option | None:
        return next((o for o in (*self.options_shown, self.palliative, self.hospice) if o.id == option_id), None)


def summarise(answers: dict) -> Summary:
    content = loader.load()
    reasons = {o.id: reasons_for(o, answers) for o in content.options}
    in_order = sorted(content.options, key=lambda o: o.title.lower())
    leading, others = split([o for o in in_order if not o.for_every_family], reasons)
    for_every_family = tuple(o for o in in_order if o.for_every_family)
    shared = content.shared_decisions
    offered = suggested_questions((*leading, *others, *for_every_family, content.palliative, content.hospice),
                                  content.questions_to_ask, answers)
    return Summary(
        leading=leading,
        others=others,
        for_every_family=for_every_family,
        reasons={option_id: found for option_id, found in reasons.items() if found},
        notes=tuple(n for n in content.notes if conditions.holds(n.when, answers)),
        palliative=content.palliative,
        hospice=content.hospice,
        child_prompt=shared["child_involvement"].get(answers.get("child-involvement"), ""),
        who_decides_prompt=shared["who_decides"].get(answers.get("who-decides"), ""),
        suggested_questions=offered,
        suggested_by_default=suggested_by_default(offered, answers),
    )


def reasons_for(option: Option, answers: dict) -> tuple[Reason, ...]:
    """The situations, tied to this option by a source, that these answers describe (those with
    an `only_if` too: in part)."""
    return tuple(r for r in option.put_forward if conditions.holds(r.when, answers))


def split(options, reasons) -> tuple[tuple[Option, ...], tuple[Option, ...]]:
    """(leading, others); no lead group unless a source ties at least two options to the
    situation. A situation this tool describes only in part (`only_if`) never puts one forward."""
    leading = tuple(o for o in options if any(not r.only_if for r in reasons[o.id]))
    if len(leading) < 2:
        return (), tuple(options)
    return leading, tuple(o for o in options if o not in leading)


def suggested_by_default(offered, answers) -> tuple[str, ...]:
    """At most SUGGESTED_AT_MOST questions, from the family's answers: the general questions
    whose `suggest` holds, in the order of questions-to-ask.yaml (what the family is unsure of,
    then goals and how serious it is, then what they said matters). Each option's own
    questions are one tap away, on its page."""
    return tuple(
        q.id for q in offered
        if q.suggest == "always" or (isinstance(q.suggest, dict) and conditions.holds(q.suggest, answers))
    )[:SUGGESTED_AT_MOST]


def suggested_questions(options, general, answers) -> tuple[SuggestedQuestion, ...]:
    """Each option's questions (its own, then those filed under it that fit these answers),
    then the general questions that fit."""
    fitting = tuple(q for q in general if conditions.holds(q.when, answers))
    asked_in_general = {q.text for q in fitting if not q.topic}  # a question is offered once
    from_options = tuple(
        question
        for option in options
        for question in (*option.questions, *(q for q in fitting if q.topic == option.title))
        if question.text not in asked_in_general
    )
    return from_options + tuple(q for q in fitting if not q.topic)


@dataclass(frozen=True)
class Named:
    """A situation a source names an option for, and how it fits the family's answers."""

    reason: Reason
    fits: str = ""  # YOURS, PARTLY (this tool does not ask about the rest), UNSURE, or "" (it does not)
    unsure_of: str = ""  # for UNSURE: what the family is not sure of, in words ("of the risk group")


def named_for(option: Option, answers: dict | None) -> tuple[Named, ...]:
    """Every situation a source names this option for, each with how it fits these answers
    (None: the family has not answered yet, so nothing fits)."""
    return tuple(_named(reason, answers) for reason in option.put_forward) if answers is not None \
        else tuple(Named(reason) for reason in option.put_forward)


def _named(reason: Reason, answers: dict) -> Named:
    fits = conditions.holds_unless_unknown(reason.when, answers, NOT_KNOWN)
    if fits:
        return Named(reason, PARTLY if reason.only_if else YOURS)
    if fits is None:
        words = loader.load().groups["not_sure_of"]
        unsure = [words[question] for question in deciding_unknowns(reason.when, answers)]
        return Named(reason, UNSURE, " and ".join(filter(None, [", ".join(unsure[:-1]), unsure[-1]])))
    return Named(reason)


def deciding_unknowns(condition, answers) -> list[str]:
    """The questions answered "not sure" (or not known yet) that the condition turns on: those
    whose answer, once known, could settle it. A refractory child's place does not decide a
    situation for cancer "that has not responded to treatment" (review R23)."""
    unknown = [q for q in dict.fromkeys(t["question"] for t in conditions.tests_in(condition))
               if (conditions.answered_values(answers.get(q)) or set()) & NOT_KNOWN]
    deciding = [q for q in unknown if any(
        conditions.holds_unless_unknown(condition, {**answers, q: [known]}, NOT_KNOWN) is not None
        for known in ("(none of these)", *sorted(listed_values(condition, q))))]
    return deciding or unknown


def listed_values(condition, question) -> set:
    return {v for t in conditions.tests_in(condition) if t["question"] == question
            for v in t.get("any_of") or t.get("none_of")}


ASK, NOT_YOURS = "ask", "not_yours"


def closing(option: Option, named: tuple[Named, ...], answered: bool) -> str:
    """What an option's page says after the situations it is named for, unless one is the
    family's ("" then, and before the family has answered): NOT_YOURS ("That is not the
    situation you described") only where each of them surely is not, and no source describes it
    for neuroblastoma that has come back whatever the risk group; else ASK (ask the care team
    whether it could fit: it may, or it turns on what the family is not sure of)."""
    if not answered or any(n.fits == YOURS for n in named):
        return ""
    return NOT_YOURS if named and option.also_described is None and not any(n.fits for n in named) else ASK


def why_not(option: Option, answers: dict) -> str:
    """Where the page says "That is not the situation you described": what it says instead, if
    the option gives a reason for these answers (the first of its not_yours that holds)."""
    return next((reason.situation for reason in option.not_yours if conditions.holds(reason.when, answers)), "")
