"""The only tables of this app's own: saved plans, the attempts to open them, and PDFs made.

The family's answers in progress live in Django's session table (see answers.py).
"""

import json

from django.db import models


class SavedPlan(models.Model):
    """A family's answers, chosen questions and own questions, kept for them to continue later.

    Only a keyed hash of the return code is kept (see plans.code_hashes), never the code."""

    code_hash = models.CharField(max_length=64, unique=True)
    # JSON text: {"format", "answers", "questions_to_bring"}. A TextField, not a JSONField,
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
    def pack(answers: dict, questions_to_bring: dict, format_version: int) -> str:
        return json.dumps({"format": format_version, "answers": answers, "questions_to_bring": questions_to_bring})


class ReturnAttempt(models.Model):
    """A wrong (or not yet checked) return code, counted to limit guessing.

    Kept in the database, not in a process's memory, so the limit holds across every worker
    process and every app server that shares the database. `client` is a keyed hash of the
    internet address, never the address itself."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client", "at"])]


class PdfRender(models.Model):
    """A handout PDF made for a session, counted to limit how many one session makes.

    `client` is a keyed hash of the session key, never the key itself (see throttle.py)."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client", "at"])]
