"""Pure: from the family's answers to what the summary shows.

Options are ordered, never ranked and never hidden: an option whose content says it applies
to children in the family's situation leads ("Options your child's team may talk with you
about"); the rest follow ("Other options you may hear about"). Within each group the order is
the fixed `order` in each option's file, which says nothing about how well an option works.
"""

from dataclasses import dataclass

from decisionaid import conditions, library
from decisionaid.library import Note, Option, SuggestedQuestion


@dataclass(frozen=True)
class Summary:
    leading: tuple[Option, ...]
    others: tuple[Option, ...]
    notes: tuple[Note, ...]
    palliative: Option
    hospice: Option
    hospice_in_full: bool
    value_prompts: tuple[str, ...]
    goal_prompts: tuple[str, ...]
    decision_style_prompt: str
    sure_help: tuple[str, ...]
    suggested_questions: tuple[SuggestedQuestion, ...]

    @property
    def options_shown(self) -> tuple[Option, ...]:
        return self.leading + self.others

    # What the summary's cached fragments of content depend on (see summary.html).
    @property
    def note_ids(self) -> str:
        return " ".join(n.id for n in self.notes)

    @property
    def leading_ids(self) -> str:
        return " ".join(o.id for o in self.leading)

    @property
    def other_ids(self) -> str:
        return " ".join(o.id for o in self.others)

    @property
    def question_groups(self) -> list[tuple[str, list[SuggestedQuestion]]]:
        """Suggested questions grouped by topic, in order: each option's, then general ones."""
        groups = {}
        for question in self.suggested_questions:
            groups.setdefault(question.topic, []).append(question)
        return list(groups.items())


def summarise(answers: dict) -> Summary:
    content = library.load()
    treatments = sorted(content.treatments, key=lambda o: (o.order, o.title))
    leading = tuple(o for o in treatments if conditions.holds(o.applies_when, answers))
    others = tuple(o for o in treatments if o not in leading)
    shared = content.shared_decisions
    return Summary(
        leading=leading,
        others=others,
        notes=tuple(n for n in content.notes if conditions.holds(n.when, answers)),
        palliative=content.palliative,
        hospice=content.hospice,
        hospice_in_full=hospice_in_full(answers),
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


def rated(answers, item, level) -> bool:
    return (answers.get("what-matters") or {}).get(item) == level


def hospice_in_full(answers) -> bool:
    """Shown in full for high risk or when comfort matters most; always reachable by a link."""
    return answers.get("risk-group") == "high" or rated(answers, "comfort", "very")


def suggested_questions(options, general, answers) -> tuple[SuggestedQuestion, ...]:
    """Questions from every option shown, then the general ones that fit these answers."""
    from_options = tuple(question for option in options for question in option.questions)
    return from_options + tuple(q for q in general if conditions.holds(q.when, answers))
