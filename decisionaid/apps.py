from django.apps import AppConfig
from django.core import checks


class DecisionAidConfig(AppConfig):
    name = "decisionaid"

    def ready(self):
        from decisionaid.catalogue import content_errors

        @checks.register("content")
        def check_content(app_configs=None, **kwargs):
            return [checks.Error(message, id="decisionaid.E001") for message in content_errors()]
