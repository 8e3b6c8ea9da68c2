"""One Django form built from a question definition, and the answer it stores."""

from django import forms
from django.conf import settings

from decisionaid.library.catalogue import Question
from decisionaid.site.cleaning import PlainTextField

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
