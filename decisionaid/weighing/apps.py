from django.apps import AppConfig


class WeighingConfig(AppConfig):
    """Weighing up the options: which to talk about, reasons for and against, leaning, SURE."""

    name = "decisionaid.weighing"
    label = "weighing"
    verbose_name = "Weighing up"
