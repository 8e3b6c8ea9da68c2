from django.apps import AppConfig


class FamilyConfig(AppConfig):
    """The family's journey: the questions, check your answers, the summary, each option's page,
    the options side by side and the words A to Z."""

    name = "decisionaid.family"
    label = "family"
    verbose_name = "The family's journey"
