"""The field test's forms, built from its content: every question has an answer for "not sure"
(SURE's own instruction: if you are not sure, choose "No"), so each one is required, except the
Preparation for Decision Making items: the scale is used unaltered, with no "I'm not sure" of its
own, so a family may leave out any that does not fit (its score then stays blank)."""

from django import forms

from decisionaid.fieldtest.content import Choice

KNOWLEDGE_REQUIRED = "Choose True, False or I'm not sure."
SURE_REQUIRED = "Choose Yes or No. If you are not sure, choose No."
ABOUT_REQUIRED = "Choose an answer, or choose I'm not sure."
YES_NO = (Choice("yes", "Yes"), Choice("no", "No"))


def _radio(choices, required_message=None) -> forms.ChoiceField:
    return forms.ChoiceField(choices=[(c.value, c.label) for c in choices], required=required_message is not None,
                             error_messages={"required": required_message or "",
                                             "invalid_choice": "Choose one of the answers shown."})


class CheckForm(forms.Form):
    """Before and after: the knowledge statements, then the four SURE questions."""

    def __init__(self, content, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content
        self.labels = {}
        for statement in content.statements:
            self.fields[f"knowledge-{statement.id}"] = _radio(content.knowledge_answers, KNOWLEDGE_REQUIRED)
            self.labels[f"knowledge-{statement.id}"] = f"“{statement.statement}”"
        for item in content.sure_items:
            self.fields[f"sure-{item.id}"] = _radio(YES_NO, SURE_REQUIRED)
            self.labels[f"sure-{item.id}"] = item.text

    @property
    def knowledge(self) -> dict:
        return {s.id: self.cleaned_data[f"knowledge-{s.id}"] for s in self.content.statements}

    @property
    def sure(self) -> dict:
        return {i.id: self.cleaned_data[f"sure-{i.id}"] for i in self.content.sure_items}

    def statement_rows(self):
        return [(s, self[f"knowledge-{s.id}"]) for s in self.content.statements]

    def sure_rows(self):
        return [(i, self[f"sure-{i.id}"]) for i in self.content.sure_items]


class ToolForm(forms.Form):
    """After: the Preparation for Decision Making scale, then the questions about the tool."""

    def __init__(self, content, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content
        self.labels = {}
        for item in content.prepdm_items:
            self.fields[f"prepdm-{item.id}"] = _radio(content.prepdm_scale)
            self.labels[f"prepdm-{item.id}"] = f"{content.prepdm_stem} {item.text}"
        for question in content.acceptability:
            self.fields[f"about-{question.id}"] = _radio(question.choices, ABOUT_REQUIRED)
            self.labels[f"about-{question.id}"] = question.text

    @property
    def prepdm(self) -> dict:
        """The items answered; one left out is simply not there."""
        answered = {i.id: self.cleaned_data[f"prepdm-{i.id}"] for i in self.content.prepdm_items}
        return {item: value for item, value in answered.items() if value}

    @property
    def acceptability(self) -> dict:
        return {q.id: self.cleaned_data[f"about-{q.id}"] for q in self.content.acceptability}

    def prepdm_rows(self):
        return [(i, self[f"prepdm-{i.id}"]) for i in self.content.prepdm_items]

    def about_rows(self):
        return [(q, self[f"about-{q.id}"]) for q in self.content.acceptability]


def errors_of(form) -> list[dict]:
    """The form's errors as the error summary lists them: each names its question (the message
    beside the question need not) and links to its first answer."""
    return [{"anchor": f"field-{name}", "error": f"{form.labels.get(name, '')} {errors[0]}".strip()}
            for name, errors in form.errors.items()]
