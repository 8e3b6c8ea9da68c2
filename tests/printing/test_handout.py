"""The handout as HTML and as a PDF: contents, order, page budget and bad input."""

import io
import re

import pytest
from pypdf import PdfReader

from decisionaid.family import tailoring
from decisionaid.family.answers import QUESTIONS_KEY, SESSION_KEY, WEIGH_UP_KEY
from decisionaid.library import loader
from tests.helpers import complete_answers, forget_code_cookies

pytestmark = pytest.mark.django_db

TYPICAL = dict(
    cancer_course="relapsed",
    risk_group="high",
    where_now=["elsewhere"],
    treatments_had=["chemotherapy", "transplant", "anti-gd2"],
    what_matters={"control": "very", "home": "very", "comfort": "somewhat", "everyday": "very",
                  "travel": "not-sure", "research": "somewhat"},
    hopes="That Maya can go back to school with her friends.",
    decision_style="together",
    worries="That the treatment will hurt her and we will not have time at home.",
)
WEIGH_UP = {
    "options": ["mibg-therapy", "comfort-care"],
    "reasons": {"mibg-therapy": {"for": "It might shrink the cancer.", "against": "A week in a special room."},
                "comfort-care": {"for": "Time at home together.", "against": "We are not ready to stop trying."}},
    "leaning": "comfort-care",
    "sure": {"sure": "no", "understand": "yes", "risks": "no", "encouragement": "yes"},
    "next_steps": ["talk-family", "palliative-team"],
}
OWN_QUESTION = "Can Maya's grandmother stay with her in hospital?"


def family(client, chosen=None, weigh_up=WEIGH_UP, **answers):
    """A typical family: the suggested questions ticked and one of their own, two options weighed up."""
    answers = complete_answers(**{**TYPICAL, **answers})
    offered = tailoring.summarise(answers).questions_in_order
    session = client.session
    session[SESSION_KEY] = answers
    session[QUESTIONS_KEY] = {"chosen": None if chosen is None else offered[:chosen], "own": [OWN_QUESTION]}
    if weigh_up:
        session[WEIGH_UP_KEY] = weigh_up
    session.save()
    return answers


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def flat(text):
    return re.sub(r"\s+", " ", text)


def test_handout_page_has_the_sections_in_order(client):
    family(client)
    html = client.get("/handout/").content.decode()
    headings = ["For the care team", "Child's name", "Hospital number", "Key worker", "Next appointment",
                "Our child's situation", "What matters most to us", "Our hopes", "Our worries", "How we want to decide",
                "Options we want to talk about", "Which way we are leaning", "How we feel about the decision",
                "Our questions", "About the options we want to talk about", "Palliative and supportive care",
                "Medical words used here", "Where this information comes from"]
    positions = [html.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "does not replace our child's care team" in html
    assert 'class="site-header' not in html  # no site navigation on paper
    assert "Download PDF" in html and "js-print" in html


def test_pdf_carries_the_familys_own_words_and_questions(client):
    family(client)
    response = client.get("/handout.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(r'attachment; filename="neuroblastoma-conversation-summary-\d{4}-\d{2}-\d{2}\.pdf"',
                        response["Content-Disposition"])
    pages, text = pdf_text(response)
    text = flat(text)
    for words in ["That Maya can go back to school with her friends.", "High risk",
                  "Time at home and fewer hospital stays", OWN_QUESTION, f"Page 1 of {pages}"]:
        assert words in text, words


def test_the_front_sheet_is_exactly_page_one_with_what_a_doctor_needs(client):
    family(client)
    reader = PdfReader(io.BytesIO(client.get("/handout.pdf").content))
    first, second = flat(reader.pages[0].extract_text()), flat(reader.pages[1].extract_text())
    for words in ["Child's name", "Hospital number", "Key worker", "Next appointment", "High risk",
                  "Time at home and fewer hospital stays", "That Maya can go back to school",
                  "MIBG therapy", "Focusing on comfort", "It might shrink the cancer.", "We are not ready to stop trying.",
                  "Which way we are leaning: Focusing on comfort", "Do you feel SURE about the best choice for you? No",
                  "We want to decide together with the team", OWN_QUESTION]:
        assert words in first, words
    assert "1. " in first and "About the options we want to talk about" in second
    assert "Comfort and freedom from pain" not in first  # only what was rated very important


@pytest.mark.parametrize("chosen", [11, 3], ids=["every-option", "three-options"])
def test_the_front_sheet_stays_one_page_however_much_a_family_writes(client, chosen):
    """Every part of the front sheet at its longest: what does not fit goes on the next page,
    in full, and the front sheet says so (three options show their reasons there, more are
    named)."""
    from tests.helpers import hospital_details

    hospital_details()
    long = "We want her home with her brother and her dog, and to sleep in her own bed at night. " * 12
    every = [o.id for o in loader.load().options][:chosen]
    reasons = {o: {"for": long[:1000], "against": long[:1000]} for o in every}
    weigh_up = {**WEIGH_UP, "options": every, "reasons": reasons,
                "next_steps": ["talk-child", "talk-family", "palliative-team", "ask-treatment", "ask-trials",
                               "second-opinion", "more-time"]}
    family(client, weigh_up=weigh_up, hopes=long[:1000], worries=long[:1000], side_effects_details=long[:1000],
           side_effects=["infections", "pain", "eating", "blood-pressure-allergy", "growth", "other"],
           who_decides="both-parents", child_involvement="fully", risk_group="not-sure",
           where_now=["same-place", "nearby", "elsewhere"], alk="yes",
           what_matters={item: "very" for item in ("control", "home", "comfort", "everyday", "travel", "research")})
    session = client.session
    session[QUESTIONS_KEY] = {"chosen": None, "own": [f"Ours {n}: {long[:280]}" for n in range(1, 31)]}
    session.save()
    pdf = client.get("/handout.pdf").content
    reader = PdfReader(io.BytesIO(pdf))
    first, second = flat(reader.pages[0].extract_text()), flat(reader.pages[1].extract_text())
    assert "For the care team" in first and "Our questions (40) are on page 2, with what we wrote, in full." in first
    assert first.count("Our questions") == 1  # no heading with no questions under it (parent walk 2)
    assert second.startswith("Continued from the front page") or " Continued from the front page" in second[:80]
    everything = flat("\n".join(page.extract_text() for page in reader.pages))
    assert long[:1000].strip() in everything.replace(" …", "")  # the family's words, in full, once
    assert f"{len(tailoring.summarise(client.session[SESSION_KEY]).suggested_by_default) + 30}. Ours 30:" in everything
    chosen_options = [o for o in loader.load().options if o.id in every]
    assert all(o.title in first and f"Our reasons: {o.title}" in everything for o in chosen_options)


def test_the_child_and_who_decides_shape_what_the_handout_asks_of_the_team(client):
    family(client, who_decides="both-parents", child_involvement="fully")
    html = client.get("/handout/").content.decode()
    assert "Deciding together, and our child" in html
    assert "Please give each of us time to ask our own questions." in html
    assert "Please talk with our child too, in words that fit their age." in html
    family(client, who_decides="one-parent", child_involvement="too-young")
    html = client.get("/handout/").content.decode()
    assert "Who else could support me" in html and "Please help us explain what is happening to them" in html


def test_typical_handout_fits_three_pages_and_describes_only_the_options_chosen(client):
    family(client)
    pages, text = pdf_text(client.get("/handout.pdf"))
    assert pages <= 3
    assert "Bevacizumab with chemotherapy" not in flat(text)


def test_a_family_that_weighs_up_every_option_fits_six_pages(client):
    every = {**WEIGH_UP, "options": [o.id for o in loader.load().options], "reasons": {}}
    family(client, chosen=12, weigh_up=every, risk_group="not-sure", where_now=["not-sure"])
    pages, text = pdf_text(client.get("/handout.pdf"))
    assert pages <= 6 and "Bevacizumab with chemotherapy" in flat(text)


def test_handout_before_the_journey_is_complete_explains_and_links(client):
    session = client.session
    session[SESSION_KEY] = {"cancer-course": "relapsed"}
    session.save()
    for url in ("/handout/", "/handout.pdf"):
        page = client.get(url)
        assert page.status_code == 409
        assert b"Your summary is not ready yet" in page.content
        assert b'href="/questions/risk-group/"' in page.content


def test_a_pdf_failure_shows_a_clear_page_and_is_logged(client, monkeypatch, caplog):
    family(client)

    def broken(html):
        raise OSError("cannot load library 'pango'")

    monkeypatch.setattr("decisionaid.printing.pdf_process.render", broken)
    page = client.get("/handout.pdf")
    assert page.status_code == 503
    assert b"We could not make the PDF" in page.content and b"Traceback" not in page.content
    assert "The handout PDF could not be made" in caplog.text
    assert "Maya" not in caplog.text  # nothing the family typed reaches the logs


def test_a_saved_plan_puts_the_code_and_qr_code_on_the_handout_within_the_budget(client):
    family(client)
    client.post("/save/")
    words = re.findall(r"<li>([a-z]+)</li>", client.get("/saved/").content.decode().split("return-code__words")[1])[:6]
    html = client.get("/handout/").content.decode()
    assert " ".join(words) in html and '<svg role="img"' in html and "testserver/return/" in html
    assert "Keep this page: do not hand it over" in html
    reader = PdfReader(io.BytesIO(client.get("/handout.pdf").content))
    last = flat(reader.pages[-1].extract_text())
    assert " ".join(words) in last and "Keep this page" in last  # a page of its own, kept by the family
    assert not any(" ".join(words) in flat(page.extract_text()) for page in reader.pages[:-1])
    assert len(reader.pages) <= 4


def test_the_handout_says_a_plan_is_saved_even_where_the_code_is_not_known(client):
    family(client)
    client.post("/save/")
    forget_code_cookies(client)
    html = client.get("/handout/").content.decode()
    assert "Our answers are saved until" in html and "<svg" not in html.split("saved-code")[1]


def test_a_link_followed_by_htmx_loads_the_handout_as_its_own_page(client):
    family(client)
    for url in ("/handout/", "/handout.pdf"):
        response = client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and response["HX-Redirect"] == url
        assert not response.content


def test_a_family_unsure_of_everything_gets_one_not_sure_line_each_asking_the_team(client):
    """The front sheet is for the care team: what the family is unsure of is gathered, and asked
    of the team in the family's voice, never a row of "I'm not sure" (parent walk-through)."""
    session = client.session
    session[SESSION_KEY] = complete_answers()  # "I'm not sure" wherever it is offered
    session.save()
    text = " ".join(re.sub(r"<[^>]+>", " ", client.get("/handout/").content.decode()).split())
    assert "I'm not sure" not in text.replace("&#x27;", "'")
    assert "MYCN amplification, under 18. We would like to ask you about these." in text
    assert ("Not sure yet: Where the family is with the decision, who takes part in deciding, how the family "
            "wants to decide, how the child wants to be involved") in text
    assert "can tell you" not in text


def test_leaning_towards_more_than_one_option_reads_the_same_and_honestly_everywhere(client):
    """Parent walk 2: "A mix of these" with surgery again and comfort printed "Surgery again,
    together with focusing on comfort", which contradicts itself (comfort means no more
    treatment aimed at the cancer), and a family torn between two options could not say so.
    The choice and every place that shows it now say "more than one", naming the options; the
    kept value is still "mix"."""
    weigh_up = {**WEIGH_UP, "options": ["surgery-again", "comfort-care"], "reasons": {}, "leaning": "mix"}
    family(client, weigh_up=weigh_up, risk_group="low")
    step = client.get("/weigh-up/leaning/").content.decode()
    assert re.search(r'value="mix"[^>]*>\s*<label[^>]*>\s*More than one of these \(a mix, or we are torn between them\)',
                     step), step
    words = "More than one option: surgery again and focusing on comfort"
    pages = {url: flat(re.sub(r"<[^>]+>", " ", client.get(url).content.decode()))
             for url in ("/weigh-up/summary/", "/check-your-answers/", "/summary/", "/handout/")}
    for url in ("/weigh-up/summary/", "/check-your-answers/", "/handout/"):
        assert words in pages[url], url
    assert "You are leaning towards more than one option: surgery again and focusing on comfort." in pages["/summary/"]
    first = flat(PdfReader(io.BytesIO(client.get("/handout.pdf").content)).pages[0].extract_text())
    assert f"Which way we are leaning: {words}" in first, first
    for text in [*pages.values(), first]:
        assert "together with" not in text.replace("decide together with the team", "") and "A mix of" not in text
    assert client.session[WEIGH_UP_KEY]["leaning"] == "mix"


def test_the_handout_asks_for_help_in_the_familys_voice_and_never_says_bring_this_summary(client):
    """Parent walk 2: the care-team sheet is "we/our", but "Help we may ask for" said "You do
    not feel sure yet… You can ask the team", "Bring your printed summary" sat on the printed
    summary itself, and palliative care "supports your whole family"."""
    every_no = {"sure": "no", "understand": "no", "risks": "no", "encouragement": "no"}
    family(client, weigh_up={**WEIGH_UP, "sure": every_no})
    html = flat(client.get("/handout/").content.decode())
    text = flat(pdf_text(client.get("/handout.pdf"))[1])
    for page in (html, text):
        assert "We do not feel sure yet. We may ask you for more time" in page
        # Fact-check H, M2: the screen's optional second opinion stays optional in the family's name.
        assert "We may also want to ask about a second opinion." in page
        assert "Please go through them with us." in page
        assert "supports our whole family" in page and "does not replace our child's care team" in page
        for parent_voice in ("You do not feel", "You are not yet", "Bring your printed summary", "your whole family",
                             "You can ask the team", "help you talk"):
            assert parent_voice not in page, parent_voice
    on_screen = client.get("/weigh-up/summary/").content.decode()  # the weigh-up itself still speaks to the parent
    assert "You do not feel sure yet" in on_screen
