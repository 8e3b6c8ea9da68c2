"""The weigh-up steps' forms. Every field is optional: a family may stop, skip or say "not sure"
at any point."""

from django import forms
from django.conf import settings

from decisionaid.site.cleaning import PlainTextField


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
