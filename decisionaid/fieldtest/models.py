"""The field test staff open in the admin, and one row for each family that agreed to take part.

A row holds no name, no free text, no session key and no address: a random id, the day, the
family's answers to the field test's own questions with their scores, its "what matters most"
ratings, which way it leaned, and a coarse situation group. The family's session holds only the
row's random id. Invitations and refusals are counted on the field test, never kept as rows.
"""

import json
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

# Answers kept as JSON text, not a JSONField: nothing queries inside them, and a JSONField makes
# `manage.py check` open the database (as models.SavedPlan explains).
JSON_FIELDS = ("knowledge_before", "knowledge_after", "sure_before", "sure_after", "prepdm", "acceptability",
               "what_matters", "leaning_options")


class FieldTest(models.Model):
    name = models.CharField(max_length=200, help_text="Families see it in the invitation, for example “Riverside "
                            "Children's Hospital: does this tool help families prepare?”")
    reference = models.CharField("ethics or audit reference", max_length=200,
                                 help_text="The approval this field test runs under. Families see it.")
    contact = models.TextField("who to contact", help_text="Who families can ask about the field test, and how "
                               "(a name or role and a phone number or email address). Families see it.")
    starts_on = models.DateField("first day")
    ends_on = models.DateField("last day")
    is_open = models.BooleanField("open", default=False, help_text="While it is open, from its first day to its "
                                  "last, families are invited after they press Start. One field test can be "
                                  "open at a time.")
    keep_until = models.DateField("results kept until", help_text="The day after this, `manage.py "
                                  "clearfieldtestresults` deletes every family's results. Families are told it, so "
                                  "once a family has said yes it can be made sooner, never later.")
    summary = models.TextField("what it found, for About", blank=True, help_text="Once the field test is closed, "
                               "About shows this: for example how many families took part and what changed. "
                               "Left blank, About says the tool has not yet been field tested.")
    invited = models.PositiveIntegerField(default=0, editable=False)
    declined = models.PositiveIntegerField("said no", default=0, editable=False)
    agreed = models.PositiveIntegerField("said yes", default=0, editable=False)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_open"], condition=Q(is_open=True), name="one_open_field_test",
                violation_error_message="Another field test is open. Close it first: only one can be open at a time.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The last day cannot come before the first day."})
        if self.ends_on and self.keep_until and self.keep_until < self.ends_on:
            raise ValidationError({"keep_until": "Keep the results at least until the last day."})
        told = FieldTest.objects.filter(pk=self.pk, agreed__gt=0).values_list("keep_until", flat=True).first()
        if self.pk and told and self.keep_until and self.keep_until > told:
            raise ValidationError({"keep_until": f"Families who said yes were told their answers are deleted after "
                                                 f"{told:%-d %B %Y}. You can make it sooner, never later."})

    def is_running(self, today) -> bool:
        return self.is_open and self.starts_on <= today <= self.ends_on

    @classmethod
    def running(cls, today):
        """The field test inviting families today, or None."""
        return cls.objects.filter(is_open=True, starts_on__lte=today, ends_on__gte=today).first()

    def count(self, counter: str) -> None:
        """One more invitation, refusal or agreement, counted in the database (never a row)."""
        FieldTest.objects.filter(pk=self.pk).update(**{counter: F(counter) + 1})


class Participant(models.Model):
    """One family that agreed to take part: what it answered, and nothing that identifies it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    field_test = models.ForeignKey(FieldTest, on_delete=models.CASCADE, related_name="participants")
    joined_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)
    situation = models.CharField(max_length=40, blank=True)
    knowledge_before = models.TextField(blank=True)
    knowledge_before_score = models.SmallIntegerField(null=True)
    knowledge_after = models.TextField(blank=True)
    knowledge_after_score = models.SmallIntegerField(null=True)
    sure_before = models.TextField(blank=True)
    sure_before_score = models.SmallIntegerField(null=True)
    sure_after = models.TextField(blank=True)
    sure_after_score = models.SmallIntegerField(null=True)
    prepdm = models.TextField(blank=True)
    prepdm_score = models.FloatField(null=True)
    acceptability = models.TextField(blank=True)
    what_matters = models.TextField(blank=True)
    leaning = models.CharField(max_length=60, blank=True)
    leaning_options = models.TextField(blank=True)
    leaning_group = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = "family taking part"
        verbose_name_plural = "families taking part"

    def __str__(self):
        return f"Family {str(self.id)[:8]}"

    def read(self, field: str):
        """One of the JSON fields, as a dict (a list for leaning_options); empty when not answered."""
        try:
            value = json.loads(getattr(self, field) or "null")
        except ValueError:
            value = None
        empty = [] if field == "leaning_options" else {}
        return value if isinstance(value, type(empty)) else empty

    def write(self, field: str, value) -> None:
        setattr(self, field, json.dumps(value, sort_keys=True))

    def as_row(self) -> dict:
        """Everything kept, as plain values: what the report and the CSV read."""
        row = {f.name: getattr(self, f.attname) for f in self._meta.concrete_fields if f.name not in JSON_FIELDS}
        row.update({name: self.read(name) for name in JSON_FIELDS})
        row["id"] = str(self.id)
        return row
