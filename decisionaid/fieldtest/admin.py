"""The field test in Django's admin: staff open and close it, and read its results on its page
(charts drawn on the server) or download them as CSV with a data dictionary.

Families' rows are never listed one by one here: only counted, summarised and exported.
"""

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils import timezone

from decisionaid.fieldtest import content, export, report
from decisionaid.fieldtest.models import FieldTest
from decisionaid.library import catalogue


def matters_items() -> list[tuple[str, str]]:
    question = catalogue.load().question("what-matters")
    return [(item.value, item.in_short or item.label) for item in question.items]


def rows_of(test) -> list[dict]:
    return [row.as_row() for row in test.participants.order_by("joined_on", "id")]


@admin.register(FieldTest)
class FieldTestAdmin(admin.ModelAdmin):
    change_form_template = "fieldtest/admin/change_form.html"
    list_display = ["name", "is_open", "starts_on", "ends_on", "invited", "agreed", "finished", "keep_until"]
    readonly_fields = ["invited", "agreed", "declined"]
    fieldsets = [
        (None, {"fields": ["name", "reference", "contact"]}),
        ("When", {"fields": ["starts_on", "ends_on", "is_open", "keep_until"]}),
        ("Once it is closed", {"fields": ["summary"]}),
        ("So far", {"fields": ["invited", "agreed", "declined"]}),
    ]

    @admin.display(description="finished")
    def finished(self, test):
        return test.participants.filter(finished_on__isnull=False).count()

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/results.csv", view(self.results_csv), name="fieldtest_fieldtest_results"),
            path("<int:pk>/data-dictionary.csv", view(self.dictionary_csv), name="fieldtest_fieldtest_dictionary"),
            *super().get_urls(),
        ]

    def _viewable(self, request, pk):
        test = FieldTest.objects.filter(pk=pk).first()
        if test is None or not self.has_view_permission(request, test):
            raise Http404("No such field test")
        return test

    def results_csv(self, request, pk):
        test = self._viewable(request, pk)
        columns = export.columns(content.load(), matters_items())
        return _csv(export.results_csv(rows_of(test), columns), f"field-test-{test.pk}-results")

    def dictionary_csv(self, request, pk):
        self._viewable(request, pk)
        columns = export.columns(content.load(), matters_items())
        return _csv(export.dictionary_csv(columns), f"field-test-{pk}-data-dictionary")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        test = FieldTest.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if test is not None and self.has_view_permission(request, test):
            counters = {"invited": test.invited, "agreed": test.agreed, "declined": test.declined,
                        "ended": test.keep_until < timezone.localdate()}
            extra_context = {**(extra_context or {}),
                             "report": report.report(rows_of(test), counters, content.load(), matters_items())}
        return super().change_view(request, object_id, form_url, extra_context)


def _csv(text, name) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.csv"'
    return response
