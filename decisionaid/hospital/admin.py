"""Django's admin for the hospital's staff (README: "Offering it at your hospital").

Registered here: the organisation's details, its contacts and support services, content
sign-offs and the record of changes (both read only). Django registers users and groups,
django-axes its login attempts. Never registered: sessions, saved plans and return attempts,
which hold or point to families' answers (tests/hospital/test_hospital.py checks).
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect

from decisionaid.hospital import signoff
from decisionaid.hospital.models import ChangeRecord, Contact, Organisation, SignOff, SupportService

admin.site.site_header = "Preparing to decide: staff"
admin.site.site_title = "Preparing to decide: staff"
admin.site.index_title = "Your service"
admin.site.enable_nav_sidebar = False  # on a clinic tablet the lists need the width


# What About says where these are left blank: the environment's words (settings.py).
BLANK_SAYS = {"runs_and_funds": "DECISIONAID_FUNDING", "conflicts": "DECISIONAID_CONFLICTS",
              "published": "DECISIONAID_PUBLISHED"}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["name"]}),
        ("About this decision aid", {
            "fields": ["runs_and_funds", "conflicts", "published"],
            "description": "Shown on the page “About this decision aid”.",
        }),
        ("Privacy", {"fields": ["data_responsible", "complaints"], "description": "Shown on the page “Your privacy”."}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in BLANK_SAYS:
            field.help_text += f" Left blank, it says: “{getattr(settings, BLANK_SAYS[db_field.name])}”"
        return field

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Organisation.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """One record: the list opens it, or the form to enter it."""
        organisation = Organisation.objects.order_by("pk").first()
        if organisation is None:
            return redirect("admin:hospital_organisation_add")
        return redirect("admin:hospital_organisation_change", organisation.pk)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["who", "phone", "when_to_call", "urgent", "order"]
    list_editable = ["order"]
    fields = ["who", "phone", "when_to_call", "note", "urgent", "order"]


@admin.register(SupportService)
class SupportServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "reach", "order"]
    list_editable = ["order"]


class ReadOnly(admin.ModelAdmin):
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignOff)
class SignOffAdmin(ReadOnly):
    """Sign-offs are made on the review page (/admin/review/); here they are listed, each
    with whether the file has changed since."""

    list_display = ["file", "still_current", "signed_by_whom", "signed_on"]
    search_fields = ["file", "name"]

    @admin.display(description="signed off by")
    def signed_by_whom(self, signed):
        return f"{signed.name}, {signed.role}"

    @admin.display(description="now")
    def still_current(self, signed):
        path = signoff.path_of(signed.file)
        if path is None:
            return "This file no longer exists"
        current = signoff.version_of(path.read_bytes())
        if signed.version == current:
            return "Current version"
        if SignOff.objects.filter(file=signed.file, version=current).exists():
            return "An earlier version (the current one is signed off)"
        return "Changed since: needs review again"


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnly):
    """Every change made in the admin, and every sign-off: who, what and when."""

    list_display = ["action_time", "user", "what", "what_changed"]
    search_fields = ["object_repr", "change_message"]
    date_hierarchy = "action_time"

    @admin.display(description="what")
    def what(self, entry):
        kind = entry.content_type.name if entry.content_type else "something"
        return f"{kind.capitalize()}: {entry.object_repr}"

    @admin.display(description="what changed")
    def what_changed(self, entry):
        return entry.get_change_message()
