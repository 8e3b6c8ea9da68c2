"""Shared helpers: build a family's answers the way the journey would."""

import contextlib

from decisionaid.family import journey
from decisionaid.library import catalogue
from decisionaid.printing import render_places


def default_answer(question):
    """'I'm not sure' where offered, else the first choice; free text left empty."""
    values = [c.value for c in question.choices]
    pick = "not-sure" if "not-sure" in values else values[0] if values else ""
    if question.kind == "grid":
        return {item.value: pick for item in question.items}
    if question.kind == "checkbox":
        return [pick]
    return pick


def complete_answers(**overrides):
    """Answer every question asked, in order, taking overrides (by question id) first."""
    overrides = {key.replace("_", "-"): value for key, value in overrides.items()}
    answers = {}
    while (question := journey.first_unanswered(answers)) is not None:
        answers[question.id] = overrides.get(question.id, default_answer(question))
    return answers


def question(question_id):
    found = catalogue.load().question(question_id)
    assert found is not None, question_id
    return found


# Answers that reach every question, conditional ones included.
EVERY_QUESTION = {
    "cancer-course": "relapsed",
    "where-now": ["elsewhere"],
    "treatments-had": ["topotecan", "transplant"],
    "side-effects": ["pain"],
}


def answers_before(question_id):
    """The answers a family has when it reaches this question on the way to every question."""
    answers = {}
    while (question := journey.first_unanswered(answers)).id != question_id:
        answers[question.id] = EVERY_QUESTION.get(question.id, default_answer(question))
    return answers


STAFF_PASSWORD = "a long staff password for tests"
URGENT = {"who": "Ward 7 (children's cancer ward)", "phone": "020 7946 0123", "when_to_call": "Any time, day or night"}


def staff_user(username="lead", superuser=True):
    """A staff account as `createsuperuser` makes it (or a plain staff account)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    make = users.create_superuser if superuser else users.create_user
    return make(username, f"{username}@example.org", STAFF_PASSWORD, is_staff=True)


def hospital_details():
    """An organisation's details as its staff would enter them: an urgent contact, another
    contact and a support service."""
    from decisionaid.hospital.models import Contact, Organisation, SupportService

    Organisation.objects.create(
        name="Riverside Children's Hospital", runs_and_funds="Riverside Children's Hospital pays for this service.",
        conflicts="The reviewers have no conflicts of interest.", published="January 2027",
        data_responsible="Our data protection officer, Sam Patel, on 020 7946 0000.",
        complaints="Call the Patient Advice and Liaison Service on 020 7946 0001.",
    )
    Contact.objects.create(**URGENT, urgent=True, note="Say your child is having treatment for neuroblastoma")
    Contact.objects.create(who="Clinical nurse specialists", phone="020 7946 0456",
                           when_to_call="Monday to Friday, 9am to 5pm", order=1)
    SupportService.objects.create(name="Hospital social work team", offers="Help with money, travel and time off work",
                                  reach="020 7946 0999")


def forget_code_cookies(client):
    """The device loses its copies of the return code (cleared cookies, another browser)."""
    from decisionaid.saving.offer import CODE_COOKIES

    for name in CODE_COOKIES:
        client.cookies.pop(name, None)


@contextlib.contextmanager
def every_place_taken():
    """Other processes hold every place to make a PDF, and as many requests wait, each of
    another family, each come before any request a test makes now."""
    held = [render_places.take_render_place() for _ in range(1)]
    waiting = [render_places.join(f"other-session-{n}", f"other-address-{n}") for n in range(2)]
    assert None not in held
    try:
        yield
    finally:
        for request in waiting:
            request.leave()
        for place in held:
            place.close()
