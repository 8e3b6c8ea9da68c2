from django.apps import AppConfig
from django.core import checks


class LibraryConfig(AppConfig):
    """The content (decisionaid/content/), loaded and checked: no web pages of its own."""

    name = "decisionaid.library"
    label = "library"
    verbose_name = "Content"

    def ready(self):
        from decisionaid.library import catalogue, loader

        @checks.register("content")
        def check_content(app_configs=None, **kwargs):
            problems = catalogue.content_errors() or loader.content_errors()
            return [checks.Error(message, id="decisionaid.E001") for message in problems]
