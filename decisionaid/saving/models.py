"""Saved plans and the wrong return codes tried against them (README: "Save and continue later").

A family's answers in progress live in Django's session table (family/answers.py). Neither they
nor saved plans are ever registered in the admin.
"""

import json

from django.db import models


class SavedPlan(models.Model):
    """A family's answers, chosen questions and own questions, kept for them to continue later.

    Only a keyed hash of the return code is kept (see plans.code_hashes), never the code."""

    code_hash = models.CharField(max_length=64, unique=True)
    # Which secret key code_hash was made with (plans.key_fingerprint): blank for plans saved
    # before it was kept. Tells the operator when an old key can go (`manage.py savedplankeys`).
    key_fingerprint = models.CharField(max_length=16, blank=True, default="")
    # JSON text: {"format", "answers", "questions_to_bring", "weigh_up"}. A TextField, not a JSONField,
    # because nothing queries inside it, and a JSONField makes `manage.py check` open the database.
    data = models.TextField()
    saved_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"Saved plan {self.pk}"

    @property
    def contents(self) -> dict:
        try:
            contents = json.loads(self.data)
        except (TypeError, ValueError):
            return {}
        return contents if isinstance(contents, dict) else {}

    @staticmethod
    def pack(answers: dict, questions_to_bring: dict, format_version: int, weigh_up: dict | None = None) -> str:
        return json.dumps({"format": format_version, "answers": answers, "questions_to_bring": questions_to_bring,
                           "weigh_up": weigh_up or {}})

    class Meta:
        db_table = "decisionaid_savedplan"  # its table from before the split into apps


class ReturnAttempt(models.Model):
    """A wrong (or not yet checked) return code, counted to limit guessing.

    Kept in the database, not in a process's memory, so the limit holds across every worker
    process and every app server that shares the database. `client` is a keyed hash of the
    internet address, never the address itself."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "decisionaid_returnattempt"  # its table from before the split into apps
        indexes = [models.Index(fields=["client", "at"])]


class ReturnTurn(models.Model):
    """A client's turn to have a return code checked, once it has tried many wrong codes: at
    most one per `slot` (RETURN_SLOW_CHECK_SECONDS long) per client, which the unique
    constraint holds for every worker and app server sharing the database (see throttle.py)."""

    client = models.CharField(max_length=64)
    slot = models.BigIntegerField(db_index=True)  # seconds since 1970 // RETURN_SLOW_CHECK_SECONDS

    class Meta:
        db_table = "decisionaid_returnturn"  # its table from before the split into apps
        constraints = [models.UniqueConstraint(fields=["client", "slot"], name="one_turn_per_slot")]
