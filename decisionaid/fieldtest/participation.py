"""Whether this family is invited, taking part or not: what the session holds about the field test.

The session keeps only the field test's id, whether the family answered the invitation, and
(after a Yes) its row's random id. The hooks into the rest of the app are here: `after_start`
(called by the start page) and `erase` (receives answers.answers_erased, sent by Start over).

The row's id stays in the session after the family finishes, on purpose: the issue promises that
Start over removes the family's row, and "Stop taking part" stays on the thank-you page. Nothing
else links the row to the family, and that link ends with the session (Start over, or
SESSION_COOKIE_AGE after the family last changed an answer; sooner on a shared device). While
the session lives, its own answers would point to the row anyway (the same "what matters most"
ratings, situation and leaning), so dropping the id at the end would hide nothing and break the
promise. The invitation and the thank-you page say so in plain words.

Before is asked before the first question, or not at all: once the family has answered a
question it has seen the tool, and its answers would no longer be "before". Until then, Start
and the invitation's address (the browser's Back) lead to Before, never past it.
"""

import uuid

from django.urls import reverse
from django.utils import timezone

from decisionaid.family import journey
from decisionaid.family.answers import Answers
from decisionaid.fieldtest.models import FieldTest, Participant
from decisionaid.saving import erasure

SESSION_KEY = "field_test"
YES, NO, LEFT = "yes", "no", "left"


def _state(session) -> dict:
    state = session.get(SESSION_KEY)
    return dict(state) if isinstance(state, dict) else {}


def _row_id(state) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(state.get("participant")))
    except ValueError:
        return None


def after_start(session, next_url: str) -> str:
    """Where Start leads: the invitation, once per field test, while one is running, to a family
    that has answered nothing yet; Before, to a family that said yes and has not answered it; else on."""
    test = FieldTest.running(timezone.localdate())
    if test is None:
        return next_url
    if _state(session).get("test") == test.pk:
        return reverse("fieldtest:before") if before_is_due(session) else next_url
    if Answers(session).data:  # it has seen the tool already: a Before would not be "before"
        return next_url
    session[SESSION_KEY] = {"test": test.pk}
    test.count("invited")
    return reverse("fieldtest:invitation")


def invitation(session):
    """The running field test this family was invited to and has not yet answered, or None."""
    state = _state(session)
    test = FieldTest.running(timezone.localdate())
    if test is None or state.get("test") != test.pk or state.get("answered"):
        return None
    return test


def answer_invitation(session, test, yes: bool) -> None:
    """Yes: a row with a random id, and only that id in the session. No: a count, nothing kept."""
    if not yes:
        session[SESSION_KEY] = {"test": test.pk, "answered": NO}
        test.count("declined")
        return
    row = Participant.objects.create(field_test=test, joined_on=timezone.localdate())
    session[SESSION_KEY] = {"test": test.pk, "answered": YES, "participant": str(row.id)}
    test.count("agreed")


def participant(session):
    """This family's row while its field test is open, or None."""
    state = _state(session)
    if state.get("answered") != YES or (row_id := _row_id(state)) is None:
        return None
    row = Participant.objects.select_related("field_test").filter(pk=row_id).first()
    return row if row is not None and row.field_test.is_open else None


def before_is_open(session) -> bool:
    """Before can be answered (or changed) only until the family answers its first question."""
    return not Answers(session).data


def before_is_due(session) -> bool:
    """This family takes part, has not answered Before, and still can."""
    row = participant(session)
    return row is not None and row.knowledge_before_score is None and before_is_open(session)


def leave(session) -> None:
    """The family stops taking part: its row is deleted, and it is not invited again."""
    state = _state(session)
    Participant.objects.filter(pk=_row_id(state)).delete()
    erasure.after_commit()  # and from SQLite's log (security re-check R7), as Start over does
    session[SESSION_KEY] = {"test": state.get("test"), "answered": LEFT}


def erase(sender, session, **kwargs) -> None:
    """answers.answers_erased (Start over, a shared device's time-out): the row goes too."""
    row_id = _row_id(_state(session))
    if row_id is not None:
        Participant.objects.filter(pk=row_id).delete()


def onward(answers: dict) -> str:
    """Where the family goes on to from the field test's first pages: the next question, or the
    summary when every question is answered."""
    unanswered = journey.first_unanswered(answers)
    return reverse("question", args=[unanswered.id]) if unanswered else reverse("summary")


def next_page(session) -> str:
    """From the invitation once it is answered (the browser's Back): Before while it is due, else on."""
    return reverse("fieldtest:before") if before_is_due(session) else onward(Answers(session).data)


def may_answer_after(answers: dict) -> bool:
    """After is for families who have seen their summary: every question answered."""
    return journey.is_complete(answers)
