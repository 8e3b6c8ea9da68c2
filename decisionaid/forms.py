"""One Django form built from a question definition, and the answer it stores."""

from django import forms
from django.conf import settings

from decisionaid.catalogue import Question
from decisionaid.cleaning import PlainTextField

ANSWER = "answer"
NOT_SURE_HINT = 'or choose "I\'m not sure"'


def field_names(question: Question) -> list[str]:
    if question.kind == "grid":
        return [item.value for item in question.items]
    return [ANSWER]


class QuestionForm(forms.Form):
    def __init__(self, question: Question, *args, **kwargs):
        self.question = question
        super().__init__(*args, **kwargs)
        for name, field in build_fields(question):
            self.fields[name] = field

    def clean(self):
        # A field sent twice means a stale or tampered page: ask again rather than guess.
        if hasattr(self.data, "getlist"):
            for name in field_names(self.question):
                if self.question.kind != "checkbox" and len(self.data.getlist(name)) > 1:
                    self.add_error(name, "This answer was sent more than once. Please choose it again.")
        cleaned = super().clean()
        if self.question.kind == "checkbox" and (error := contradiction(self.question, cleaned.get(ANSWER, []))):
            self.add_error(ANSWER, error)
        return cleaned

    def answer(self):
        """The value to store: a string, a list of strings, or a mapping for a grid."""
        if self.question.kind == "grid":
            return {name: self.cleaned_data[name] for name in field_names(self.question)}
        return self.cleaned_data[ANSWER]


def contradiction(question: Question, values) -> str:
    """Why a multi-choice answer contradicts itself, or "" when it does not: an answer that
    stands alone ("I'm not sure", "None that we know of") ticked together with others."""
    chosen = set(values)
    alone = next((c for c in question.choices if c.exclusive and c.value in chosen), None)
    if alone is None or len(chosen) < 2:
        return ""
    return f"“{alone.label}” cannot be chosen with other answers. Choose it on its own, or untick it."


def build_fields(question: Question):
    choices = [(c.value, c.label) for c in question.choices]
    invalid = {"invalid_choice": "Choose one of the answers shown."}
    if question.kind == "radio":
        yield ANSWER, forms.ChoiceField(
            choices=choices,
            error_messages={"required": f"Choose an answer, {NOT_SURE_HINT}.", **invalid},
        )
    elif question.kind == "checkbox":
        yield ANSWER, forms.MultipleChoiceField(
            choices=choices,
            error_messages={
                "required": f"Choose at least one answer, {NOT_SURE_HINT}.",
                "invalid_choice": "Choose from the answers shown.",
                "invalid_list": "Choose from the answers shown.",
            },
        )
    elif question.kind == "text":
        limit = settings.FREE_TEXT_MAX_LENGTH
        yield ANSWER, PlainTextField(
            required=False,
            max_length=limit,
            strip=True,
            error_messages={
                "max_length": f"Your answer must be {limit:,} characters or fewer. "
                "It is %(show_value)s characters now."
            },
        )
    elif question.kind == "grid":
        for item in question.items:
            yield item.value, forms.ChoiceField(
                choices=choices,
                error_messages={"required": f"Choose an answer for “{item.label}”.", **invalid},
            )


def initial_for(question: Question, answer) -> dict:
    if answer is None:
        return {}
    if question.kind == "grid":
        return dict(answer)
    return {ANSWER: answer}


def fieldsets(form: QuestionForm) -> list[dict]:
    """What the question template needs to draw each group of inputs, errors included."""
    question = form.question
    # Answers that stand alone sit after an "or", and with JavaScript untick the others.
    exclusive = {c.value for c in question.choices if c.exclusive} if question.kind == "checkbox" else set()
    first_exclusive = next((c.value for c in question.choices if c.value in exclusive), None)
    # A one-group question's hint sits under its heading and describes the whole group.
    shows_question_hint = question.kind != "grid" and bool(question.hint)
    groups = []
    for index, name in enumerate(field_names(question)):
        bound = form[name]
        value = bound.value()
        selected = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        item = question.items[index] if question.kind == "grid" else None
        group_id = f"field-{name}"
        described_by = [f"{group_id}-hint"] if shows_question_hint else []
        if bound.errors:
            described_by.append(f"{group_id}-error")
        groups.append(
            {
                "name": name,
                "id": group_id,
                "describedby": " ".join(described_by),
                "legend": item.label if item else question.text,
                "error": bound.errors[0] if bound.errors else "",
                # Where the error summary's link takes the family: the first input.
                "anchor": f"field-{name}-0" if question.choices else f"field-{name}",
                "value": value or "",
                "has_exclusive": bool(exclusive),
                "choices": [
                    {
                        "value": choice.value,
                        "label": choice.label,
                        "hint": choice.hint,
                        "id": f"field-{name}-{n}",
                        "checked": choice.value in selected,
                        "exclusive": choice.value in exclusive,
                        "or_before": choice.value == first_exclusive and n > 0,
                    }
                    for n, choice in enumerate(question.choices)
                ],
            }
        )
    return groups


STORED_TYPES = {"radio": str, "text": str, "checkbox": list, "grid": dict}


def still_valid_answer(question: Question, value):
    """A stored answer, checked again by the question's own form as it is now; None when the
    question has changed so that the answer no longer fits (a choice removed, an item added)."""
    if not isinstance(value, STORED_TYPES[question.kind]):
        return None
    data = dict(value) if question.kind == "grid" else {ANSWER: value}
    form = QuestionForm(question, data=data)
    return form.answer() if form.is_valid() else None


# ---------------------------------------------------------------- Weighing up the options
# Every field is optional: a family may stop, skip or say "not sure" at any point.

class WeighOptionsForm(forms.Form):
    options = forms.MultipleChoiceField(
        required=False, error_messages={"invalid_choice": "Choose from the options shown."})

    def __init__(self, options, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = [(o.id, o.title) for o in options] + [("dont-know", "We don't know yet")]

    def clean_options(self):
        chosen = self.cleaned_data["options"]
        if "dont-know" in chosen and len(chosen) > 1:
            raise forms.ValidationError("Choose the options you want to talk about, or “We don't know yet”, not both.")
        return chosen


def reason_fields(option_id) -> tuple[str, str]:
    return f"{option_id}-for", f"{option_id}-against"


class ReasonsForm(forms.Form):
    """The family's own reasons for and against each option it wants to talk about."""

    def __init__(self, options, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.FREE_TEXT_MAX_LENGTH
        for option in options:
            for name in reason_fields(option.id):
                self.fields[name] = PlainTextField(
                    required=False, max_length=limit, strip=True,
                    error_messages={"max_length": f"Your reasons about {option.title} must be {limit:,} "
                                                  "characters or fewer. They are %(show_value)s characters now."})

    def reasons(self, options) -> dict:
        return {
            o.id: {side: self.cleaned_data[name] for side, name in zip(("for", "against"), reason_fields(o.id))}
            for o in options
        }


class LeaningForm(forms.Form):
    leaning = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Choose one of the answers shown."})
    next_steps = forms.MultipleChoiceField(
        required=False, error_messages={"invalid_choice": "Choose from the steps shown."})

    def __init__(self, leaning_choices, sure_items, next_steps, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaning"].choices = leaning_choices
        self.fields["next_steps"].choices = [(s["value"], s["label"]) for s in next_steps]
        self.sure_names = [item["value"] for item in sure_items]
        for item in sure_items:
            self.fields[f"sure-{item['value']}"] = forms.ChoiceField(
                required=False, choices=[("yes", "Yes"), ("no", "No")],
                error_messages={"invalid_choice": "Choose Yes or No."})

    @property
    def sure(self) -> dict:
        answered = {name: self.cleaned_data[f"sure-{name}"] for name in self.sure_names}
        return {name: value for name, value in answered.items() if value}


def form_errors(form, anchors=None) -> list[dict]:
    """A form's errors as the error summary shows them: each links to its field (or, for a
    group of tick boxes, to the first box: `anchors`)."""
    anchors = anchors or {}
    return [{"anchor": anchors.get(name, f"field-{name}"), "error": errors[0]} for name, errors in form.errors.items()]
