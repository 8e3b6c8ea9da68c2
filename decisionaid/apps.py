from django.apps import AppConfig
from django.core import checks


class DecisionAidConfig(AppConfig):
    name = "decisionaid"

    def ready(self):
        from decisionaid import catalogue, library

        @checks.register("content")
        def check_content(app_configs=None, **kwargs):
            problems = catalogue.content_errors() or library.content_errors()
            return [checks.Error(message, id="decisionaid.E001") for message in problems]
