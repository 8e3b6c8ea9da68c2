"""A parent answering the questions, by the words on the screen."""

import re

from playwright.sync_api import Page, expect

# What this family answers, keyed by the question as the page shows it. Anything not listed is
# answered "I'm not sure" (or the first choice where there is no such answer).
HIGH_RISK_FAMILY = {
    "Which of these best describes your child's cancer now?": "It went away, then came back",
    "When your child was first diagnosed, which risk group were they in?": "High risk",
    "Where is the cancer now?": ["In other parts of the body, such as the bones, bone marrow or liver"],
    "Has the cancer come back in the brain or spinal cord?": "No",
    "When did the cancer come back?": "In the first few years after treatment ended",
    "Did tests find a change in the tumour's ALK gene?": "No ALK change was found",
    "Is your child under 18?": "Yes, under 18",
    "How is your child doing right now?": "Some problems or pain",
    "Which treatments has your child had so far?": [
        "Chemotherapy",
        "Topotecan (Hycamtin), a chemotherapy medicine",
        "High-dose chemotherapy with a stem cell transplant",
    ],
    "Did the cancer keep growing while your child was having topotecan?": "No",
    "How many times has your child had high-dose chemotherapy with a stem cell transplant?": "Twice",
    "Did earlier treatment cause any serious side effects?": ["Severe pain"],
    "Is there anything you want the care team to know about these side effects?": "Bad pain with the antibody drip.",
    "How far along are you with deciding what happens next?": "We are thinking it over",
    "How important is each of these to your family right now?": {
        "Time at home and fewer hospital stays, even if that meant saying no to some treatments": "Very important",
        "Comfort and freedom from pain coming first, even if that meant saying no to some treatments": "Very important",
    },
    "What are your hopes for your child right now?": "That she can be at home for her birthday.",
    "How would you like to make decisions with your child's care team?": "We want to decide together with the team",
}


def heading(page: Page) -> str:
    return page.locator("main h1").inner_text().strip()


def answer_current_question(page: Page, plan: dict) -> str:
    """Answer the question on screen as the plan says, press Continue, wait for the next page."""
    question = heading(page)
    answer = plan.get(question)
    form = page.locator("main form.question-form")
    textarea = form.locator("textarea")
    if textarea.count():
        textarea.fill(answer or "")
    elif form.locator("fieldset").count() > 1:  # several short items sharing one scale
        for group in form.locator("fieldset").all():
            legend = group.locator("legend").inner_text().strip()
            group.get_by_label((answer or {}).get(legend, _default_label(group)), exact=True).check()
    else:
        labels = answer if isinstance(answer, list) else [answer or _default_label(form)]
        for label in labels:
            form.get_by_label(label, exact=True).check()
    form.get_by_role("button", name=re.compile(r"^Continue")).click()
    expect(page.locator("main h1")).not_to_have_text(question)
    settled(page)
    return question


def settled(page: Page) -> None:
    """Wait until htmx has finished with the new page (its settle step runs on a timer, which a
    test that moves the page's clock on would otherwise run late, as if the page were just used)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def _default_label(scope) -> str:
    labels = [t.strip() for t in scope.locator("label").all_inner_texts()]
    return next((t for t in labels if t.startswith(("I'm not sure", "Not sure"))), labels[0])


def answer_all_questions(page: Page, plan: dict) -> list[str]:
    """From the first question to check your answers; returns the questions seen, in order."""
    seen = []
    while heading(page) != "Check your answers":
        seen.append(answer_current_question(page, plan))
        assert len(seen) < 40, "the journey does not end"
    return seen
