"""The hospital's own details, entered by its staff in the admin (README: "Offering it at your
hospital"), and content sign-offs. Every field may be left blank: pages then say plainly to ask
the care team."""

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import models


class Organisation(models.Model):
    """Who offers the service: one record (the admin never offers a second)."""

    name = models.CharField(
        "name of your hospital or service", max_length=200, blank=True,
        help_text="As families know it, for example “Riverside Children’s Hospital”. "
        "Shown on About, the privacy page and the printed pages.",
    )
    runs_and_funds = models.TextField(
        "who runs and funds this service", blank=True,
        help_text="Shown on About.",
    )
    conflicts = models.TextField(
        "conflicts of interest", blank=True,
        help_text="Shown on About.",
    )
    published = models.CharField(
        "when this version was published", max_length=100, blank=True,
        help_text="Shown on About, for example “January 2027”.",
    )
    data_responsible = models.TextField(
        "who is responsible for families’ data", blank=True,
        help_text="Shown on the privacy page: for example your data protection officer and how to reach them.",
    )
    complaints = models.TextField(
        "how to raise a concern or complain", blank=True, help_text="Shown on the privacy page.",
    )

    class Meta:
        db_table = "decisionaid_organisation"  # its table from before the split into apps
        verbose_name = verbose_name_plural = "organisation’s details"

    def __str__(self):
        return self.name or "Your organisation’s details"


class Contact(models.Model):
    """Someone a family can call: shown on the summary, the handout and the blank handout; the
    urgent one also on the start page."""

    who = models.CharField(
        max_length=200,
        help_text="For example “Children’s cancer nurse specialists” or “Ward 7 (out of hours)”.",
    )
    phone = models.CharField(max_length=50)
    when_to_call = models.CharField(
        "when to call", max_length=200, blank=True,
        help_text="For example “Monday to Friday, 9am to 5pm” or “Any time, day or night”.",
    )
    note = models.TextField(blank=True, max_length=500)
    urgent = models.BooleanField(
        "call if the child is unwell now", default=False,
        help_text="The start page, the summary and the printed pages then say “If your child is unwell "
        "now, call …” with this contact. Only one contact can be this one.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        db_table = "decisionaid_contact"  # its table from before the split into apps
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["urgent"], condition=models.Q(urgent=True), name="one_urgent_contact",
                violation_error_message="Only one contact can be the one to call if the child is unwell now. "
                "Untick it on the other contact first.",
            )
        ]

    def __str__(self):
        return self.who


class SupportService(models.Model):
    """Support the hospital wants families to know about, shown on the summary."""

    name = models.CharField(max_length=200)
    offers = models.TextField("what it offers", max_length=500)
    reach = models.CharField(
        "phone or web address", max_length=200, blank=True,
        help_text="Shown as text, for example “0800 123 4567” or “example.org.uk/support”.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        db_table = "decisionaid_supportservice"  # its table from before the split into apps
        ordering = ["order", "pk"]
        verbose_name = "support service"

    def __str__(self):
        return self.name


class SignOff(models.Model):
    """A clinician's sign-off of one version of one content file (see signoff.py).

    Rows are only ever added, through the review page; the admin shows them read-only, and
    every one is also in the admin's record of changes."""

    file = models.CharField(max_length=255, help_text="Its path inside decisionaid/content/.")
    version = models.CharField(max_length=64, help_text="The SHA-256 of the file's text when it was signed off.")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    signed_on = models.DateField("signed off on")
    # Kept when the account is deleted: the name and role above say who it was.
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        db_table = "decisionaid_signoff"  # its table from before the split into apps
        ordering = ["-signed_on", "-pk"]
        default_permissions = ("view",)
        permissions = [("sign_off_content", "Can sign off content as reviewed")]
        indexes = [models.Index(fields=["file", "version"])]
        verbose_name = "content sign-off"

    def __str__(self):
        return f"{self.file} signed off by {self.name} on {self.signed_on.day} {self.signed_on:%B %Y}"


class ChangeRecord(LogEntry):
    """The admin's own history of changes (every sign-off included), as the admin lists it."""

    class Meta:
        proxy = True
        verbose_name = "record of changes"
        verbose_name_plural = "record of changes"
