"""The only tables of this app's own: saved plans and the attempts to open them.

The family's answers in progress live in Django's session table (see answers.py).
"""

from django.db import models


class SavedPlan(models.Model):
    """A family's answers, chosen questions and own questions, kept for them to continue later.

    Only a keyed hash of the return code is kept (see plans.code_hashes), never the code."""

    code_hash = models.CharField(max_length=64, unique=True)
    data = models.JSONField()
    saved_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"Saved plan {self.pk}"


class ReturnAttempt(models.Model):
    """A wrong (or not yet checked) return code, counted to limit guessing.

    Kept in the database, not in a process's memory, so the limit holds across every worker
    process and every app server that shares the database. `client` is a keyed hash of the
    internet address, never the address itself."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client", "at"])]
