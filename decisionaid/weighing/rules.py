"""Pure: weighing up the options after the summary (the /weigh-up/ steps).

The family says which options it wants to talk about, gives its own reasons for and against
each (prompted by what it rated very important), says which way it is leaning, answers the
SURE test and ticks next steps. All of it is optional; nothing here judges or scores.
"""

from dataclasses import dataclass, field

from decisionaid.library import loader

DONT_KNOW = "dont-know"  # "We don't know yet" which options to talk about
MIX = "mix"
NOT_SURE = "not-sure"
MORE_THAN_ONE = "More than one of these (a mix, or we are torn between them)"
EMPTY = {"options": [], "reasons": {}, "leaning": "", "sure": {}, "next_steps": []}


@dataclass(frozen=True)
class WeighUp:
    """What the family has weighed up so far (a copy of what the session keeps)."""

    options: tuple[str, ...] = ()  # option ids, or (DONT_KNOW,)
    reasons: dict = field(default_factory=dict)  # option id -> {"for": str, "against": str}
    leaning: str = ""  # an option id, MIX, NOT_SURE, or "" (not answered)
    sure: dict = field(default_factory=dict)  # SURE item -> "yes" / "no"
    next_steps: tuple[str, ...] = ()

    @classmethod
    def from_session(cls, data) -> "WeighUp":
        data = data if isinstance(data, dict) else {}
        return cls(
            options=tuple(data.get("options") or ()),
            reasons=dict(data.get("reasons") or {}),
            leaning=data.get("leaning") or "",
            sure=dict(data.get("sure") or {}),
            next_steps=tuple(data.get("next_steps") or ()),
        )

    def as_session(self) -> dict:
        return {"options": list(self.options), "reasons": self.reasons, "leaning": self.leaning,
                "sure": self.sure, "next_steps": list(self.next_steps)}

    @property
    def started(self) -> bool:
        return any((self.options, self.leaning, self.sure, self.next_steps))

    @property
    def chosen(self) -> tuple[str, ...]:
        """The options the family wants to talk about (none when it does not know yet)."""
        return tuple(o for o in self.options if o != DONT_KNOW)


def content() -> dict:
    return loader.load().weigh_up


def value_prompts(answers: dict) -> list[str]:
    """For each thing the family rated very important: how does this option fit with it?"""
    rated = answers.get("what-matters") or {}
    return [text for item, text in content()["value_prompts"].items() if rated.get(item) == "very"]


def leaning_choices(options) -> list[tuple[str, str]]:
    """Each option the family wants to talk about, more than one of them (a mix, or torn
    between them: MIX, its value kept as it was), or not sure yet."""
    choices = [(o.id, o.title) for o in options]
    if len(options) > 1:
        choices.append((MIX, MORE_THAN_ONE))
    return [*choices, (NOT_SURE, "Not sure yet")]


def in_running_text(title: str) -> str:
    """An option's title inside a sentence: "focusing on comfort", but "MIBG therapy"."""
    return title if title[:2].isupper() else title[0].lower() + title[1:]


def _listed(names) -> str:
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]]))


def leaning_towards(weigh_up: WeighUp, options) -> str:
    """The options the family leans towards, in running text ("" when it has not said, or is
    not sure). MIX says only "more than one option" and names them: it may be a mix, or the
    family torn between them, and focusing on comfort (no more treatment aimed at the cancer)
    is never said to go "together with" a treatment."""
    if weigh_up.leaning != MIX:
        return next((in_running_text(o.title) for o in options if o.id == weigh_up.leaning), "")
    chosen = [in_running_text(o.title) for o in options if o.id in weigh_up.chosen]
    if len(chosen) < 2:  # more than one of fewer than two: never offered
        return _listed(chosen) if chosen else ""
    return f"more than one option: {_listed(chosen)}"


def leaning_words(weigh_up: WeighUp, options) -> str:
    """Which way the family leans, as its weigh-up, check your answers and the handout show it."""
    if weigh_up.leaning == NOT_SURE:
        return "Not sure yet"
    towards = leaning_towards(weigh_up, options)
    return towards[0].upper() + towards[1:] if towards else ""


def leaning_sentence(weigh_up: WeighUp, options) -> str:
    """Which way the family leans, as a sentence for the summary ("" when it has not said)."""
    if weigh_up.leaning == NOT_SURE:
        return "You are not sure yet which way you are leaning."
    towards = leaning_towards(weigh_up, options)
    return f"You are leaning towards {towards}." if towards else ""


def sure_items() -> list[dict]:
    return content()["sure"]["items"]


def sure_help(weigh_up: WeighUp) -> list[str]:
    """The help that exists, for each SURE question answered "No"."""
    return [item["help"] for item in sure_items() if weigh_up.sure.get(item["value"]) == "no"]


def sure_help_on_paper(weigh_up: WeighUp) -> list[str]:
    """The same help on the handout, in the family's voice to the team ("Please go through
    them with us"), never "Bring your printed summary" on that summary itself."""
    return [item.get("help_on_paper") or item["help"] for item in sure_items()
            if weigh_up.sure.get(item["value"]) == "no"]


def sure_mismatch(weigh_up: WeighUp, answers: dict) -> bool:
    """Every SURE answer "Yes", though the family said it has not thought about the decision yet."""
    all_yes = len(weigh_up.sure) == len(sure_items()) and set(weigh_up.sure.values()) == {"yes"}
    return all_yes and answers.get("decision-stage") == "not-yet"


def next_step_labels(weigh_up: WeighUp) -> list[str]:
    labels = {s["value"]: s["label"] for s in content()["next_steps"]}
    return [labels[s] for s in weigh_up.next_steps if s in labels]
