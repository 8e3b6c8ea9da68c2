from django.apps import AppConfig
from django.core import checks


class FieldTestConfig(AppConfig):
    """The built-in field test (README: "Field test"). Its hooks into the rest of the app: the
    start page calls participation.after_start; Start over sends answers.answers_erased, received
    here; the summary and the weigh-up include the {% after_offer %} tag; About, {% field_test_record %}."""

    name = "decisionaid.fieldtest"
    label = "fieldtest"
    verbose_name = "Field test"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from decisionaid.family.answers import answers_erased
        from decisionaid.fieldtest import content, participation

        answers_erased.connect(participation.erase, dispatch_uid="fieldtest.erase")

        @checks.register("content")
        def check_field_test_content(app_configs=None, **kwargs):
            return [checks.Error(message, id="fieldtest.E001") for message in content.content_errors()]
