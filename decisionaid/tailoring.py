"""Pure: from the family's answers to what the summary shows.

Options are grouped, never ranked and never hidden. An option is put forward ("leading") only
where a seed sentence ties it to the family's situation (its `put_forward` reasons, each
quoting the seed); the rest follow as "others". Where no seed ties two or more options to
the situation, there is no lead group: every option sits in one list ("all"). A lead group
is never a single option. Within a group, options are in A to Z order, which says nothing
about how well they work.
"""

from dataclasses import dataclass

from decisionaid import conditions, library
from decisionaid.library import Note, Option, Reason, SuggestedQuestion

LEADING, OTHERS, ALL = "leading", "others", "all"


@dataclass(frozen=True)
class Summary:
    leading: tuple[Option, ...]
    others: tuple[Option, ...]
    reasons: dict  # option id -> the Reasons that put it forward for this family
    notes: tuple[Note, ...]
    palliative: Option
    hospice: Option
    value_prompts: tuple[str, ...]
    goal_prompts: tuple[str, ...]
    decision_style_prompt: str
    sure_help: tuple[str, ...]
    suggested_questions: tuple[SuggestedQuestion, ...]

    @property
    def options_shown(self) -> tuple[Option, ...]:
        return self.leading + self.others

    @property
    def groups(self) -> list[tuple[str, tuple[Option, ...]]]:
        """(data-group, options) in the order the summary shows them."""
        if not self.leading:
            return [(ALL, self.others)]
        return [(LEADING, self.leading), (OTHERS, self.others)] if self.others else [(LEADING, self.leading)]

    @property
    def note_ids(self) -> str:
        """What the summary's cached fragment of notes depends on (see summary.html)."""
        return " ".join(n.id for n in self.notes)

    @property
    def serious_notes(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.serious)

    @property
    def other_notes(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if not n.serious)

    @property
    def question_groups(self) -> list[tuple[str, list[SuggestedQuestion]]]:
        """Suggested questions grouped by topic, in order: each option's, then general ones."""
        groups = {}
        for question in self.suggested_questions:
            groups.setdefault(question.topic, []).append(question)
        return list(groups.items())


def summarise(answers: dict) -> Summary:
    content = library.load()
    reasons = {o.id: reasons_for(o, answers) for o in content.treatments}
    leading, others = split(sorted(content.treatments, key=lambda o: o.title.lower()), reasons)
    shared = content.shared_decisions
    return Summary(
        leading=leading,
        others=others,
        reasons={o.id: reasons[o.id] for o in leading},
        notes=tuple(n for n in content.notes if conditions.holds(n.when, answers)),
        palliative=content.palliative,
        hospice=content.hospice,
        value_prompts=tuple(
            text for item, text in shared["values"].items() if rated(answers, item, "very")
        ),
        goal_prompts=tuple(shared["goal_prompts"]),
        decision_style_prompt=shared["decision_style"].get(answers.get("decision-style"), ""),
        sure_help=tuple(
            text for item, text in shared["sure_help"].items()
            if (answers.get("sure") or {}).get(item) == "no"
        ),
        suggested_questions=suggested_questions(leading + others, content.questions_to_ask, answers),
    )


def reasons_for(option: Option, answers: dict) -> tuple[Reason, ...]:
    """The situations, tied to this option by a seed, that these answers describe."""
    return tuple(r for r in option.put_forward if conditions.holds(r.when, answers))


def split(options, reasons) -> tuple[tuple[Option, ...], tuple[Option, ...]]:
    """(leading, others); no lead group unless a seed ties at least two options to the situation."""
    leading = tuple(o for o in options if reasons[o.id])
    if len(leading) < 2:
        return (), tuple(options)
    return leading, tuple(o for o in options if o not in leading)


def rated(answers, item, level) -> bool:
    return (answers.get("what-matters") or {}).get(item) == level


def suggested_questions(options, general, answers) -> tuple[SuggestedQuestion, ...]:
    """Each option's questions (its own, then those filed under it that fit these answers),
    then the general questions that fit."""
    fitting = tuple(q for q in general if conditions.holds(q.when, answers))
    from_options = tuple(
        question
        for option in options
        for question in (*option.questions, *(q for q in fitting if q.topic == option.title))
    )
    return from_options + tuple(q for q in fitting if not q.topic)
