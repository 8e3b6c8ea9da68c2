"""The field test's small hooks into other pages' templates, so those pages' views need not
know it exists: `{% after_offer %}` (the summary and the weigh-up's end),
`{% field_test_record %}` and `{% field_test_credit %}` (About) and `{% field_test_privacy %}`
(Your privacy)."""

import logging

from django import template
from django.db import DatabaseError
from django.utils import timezone

from decisionaid.family.answers import Answers
from decisionaid.fieldtest import content, participation
from decisionaid.fieldtest.models import FieldTest

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("fieldtest/_after_offer.html", takes_context=True)
def after_offer(context):
    """A family taking part that has seen its summary and not yet answered After: offer it."""
    request = context.get("request")
    if request is None or participation.SESSION_KEY not in request.session:
        return {}
    row = participation.participant(request.session)
    store = Answers(request.session)
    if row is None or row.finished_on or not participation.may_answer_after(store.data):
        return {}
    return {"test": row.field_test, "words": content.load(), "leaning_said": bool(store.weigh_up.get("leaning"))}


@register.inclusion_tag("fieldtest/_about_record.html")
def field_test_record():
    """The newest closed field test with a summary of what it found, or None: not yet tested."""
    try:
        test = FieldTest.objects.filter(is_open=False).exclude(summary="").order_by("-ends_on", "-pk").first()
    except DatabaseError:
        logger.warning("Whether the tool has been field tested could not be read", exc_info=True)
        return {"unknown": True, "words": content.load()}
    return {"test": test, "words": content.load()}


@register.inclusion_tag("fieldtest/_about_credit.html")
def field_test_credit():
    """The Preparation for Decision Making scale, credited as About credits the SURE test."""
    return {"words": content.load()}


@register.inclusion_tag("fieldtest/_privacy.html", takes_context=True)
def field_test_privacy(context):
    """Your privacy, while a field test invites families or this family takes part in one: what
    it keeps, for how long, and how to take it out."""
    request = context.get("request")
    try:
        row = participation.participant(request.session) if request is not None else None
        test = row.field_test if row is not None else FieldTest.running(timezone.localdate())
    except DatabaseError:
        logger.warning("Whether a field test is running could not be read", exc_info=True)
        return {}
    return {"test": test, "taking_part": row is not None}
