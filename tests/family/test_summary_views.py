"""The summary page, its questions to bring, and the About page."""

import re

import pytest
from django.test import Client
from django.utils.html import escape

from decisionaid.family import tailoring
from decisionaid.family.answers import QUESTIONS_KEY, SESSION_KEY
from decisionaid.library import conditions, loader
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def family(client, **answers):
    answers = complete_answers(**answers)
    session = client.session
    session[SESSION_KEY] = answers
    session.save()
    return tailoring.summarise(answers)


def saved(client):
    return client.session.get(QUESTIONS_KEY, {"chosen": [], "own": []})


def test_summary_names_the_decision_then_situation_options_care_weighing_and_questions(client):
    summary = family(client, risk_group="high", hopes="Home by spring")
    html = client.get("/summary/").content.decode()
    order = ["The decision is about your child", "Your child's situation", "High risk", 'href="/check-your-answers/"',
             "The options", "Palliative and supportive care", "How serious the illness is",
             "Hospice and end-of-life care", "Weigh up the options", 'href="/weigh-up/"', "Questions to bring",
             'href="/handout/"']
    places = [html.index(words) for words in order]
    assert places == sorted(places), [w for w, p in zip(order, places)]
    for option in summary.options_shown:
        assert f'data-option="{option.id}"' in html and f'href="/options/{option.id}/"' in html
    assert 'href="/options/compare/"' in html and 'href="/options/palliative-care/"' in html


def test_hard_news_waits_behind_closed_labelled_disclosures(client):
    family(client, risk_group="high", cancer_course="relapsed")
    html = client.get("/summary/").content.decode()
    serious = html.index("very poor prognosis")
    disclosure = html.rindex("<details", 0, serious)
    assert "open" not in html[disclosure:html.index(">", disclosure)]
    heads_up = "This part is about how serious the illness is. Open it when you feel ready."
    assert html.index(heads_up) < disclosure and "<details" not in html[html.index(heads_up):disclosure - 1]
    assert html.index("very poor prognosis") > html.index("The options")  # never the first thing
    hospice = html.index("Hospice and end-of-life care")
    assert "<details" in html[hospice - 200:hospice] and "expected to live" not in html


@pytest.mark.parametrize(("answers", "groups"), [
    (dict(risk_group="high"), {"leading": 6, "others": 6}),
    (dict(risk_group="low", cancer_course="relapsed", where_now=["same-place"]), {"leading": 2, "others": 10}),  # F2
    (dict(risk_group="low", cancer_course="relapsed", where_now=["elsewhere"]), {"leading": 3, "others": 9}),
    (dict(risk_group="intermediate", cancer_course="relapsed", where_now=["elsewhere"]), {"all": 12}),
    (dict(risk_group="not-sure"), {"all": 12}),
])
def test_each_option_is_marked_inside_its_group(client, answers, groups):
    family(client, **answers)
    html = client.get("/summary/").content.decode()
    found = {}
    for name, body in re.findall(r'data-group="(\w+)"(.*?)</section>', html, re.S):
        found[name] = found.get(name, 0) + len(re.findall(r'data-option="[\w-]+"', body))
    assert found == groups
    comfort = html.index('data-option="comfort-care"')  # an option, and open to every family
    assert html.rindex("Open to every family", 0, comfort) > html.rindex("data-group=", 0, comfort) - 200


def test_low_risk_where_it_started_has_no_high_risk_prognosis_words(client):
    family(client, risk_group="low", where_now=["same-place"])
    html = client.get("/summary/").content.decode()
    assert "very poor" not in html


def test_summary_before_the_journey_is_complete_goes_to_the_first_unanswered_question(client):
    session = client.session
    session[SESSION_KEY] = {"cancer-course": "relapsed"}
    session.save()
    assert client.get("/summary/")["Location"] == "/questions/risk-group/"
    assert client.post("/summary/questions/", {"chosen": ["x"]})["Location"] == "/questions/risk-group/"
    assert client.get("/weigh-up/")["Location"] == "/questions/risk-group/"


def test_suggested_questions_are_ticked_until_the_family_chooses(client):
    summary = family(client)
    html = client.get("/summary/").content.decode()
    for question_id in summary.suggested_by_default:
        assert re.search(rf'value="{question_id}" id="ask-0-[0-9]+" checked', html), question_id
    assert QUESTIONS_KEY not in client.session


def test_ticking_and_adding_questions_is_kept(client):
    summary = family(client)
    first, second = summary.suggested_by_default[:2]
    shown = summary.questions_in_order
    response = client.post("/summary/questions/", {"offered": shown, "chosen": [first, second, "not-offered"],
                                                   "own_question": "  Can we go home between treatments?  "})
    assert response["Location"] == "/summary/?saved=1#questions-saved"  # the page opens at the note
    assert saved(client) == {"chosen": [first, second], "own": ["Can we go home between treatments?"]}
    note = re.search(r'<p class="saved-note" id="questions-saved" role="status"[^>]*>([^<]*)</p>\s*</form>',
                     client.get(response["Location"]).content.decode())
    assert note and note[1] == "Your questions are saved."  # under the Save button, as it was used
    html = client.get("/summary/").content.decode()
    assert re.search(rf'value="{first}" id="ask-[0-9]+-[0-9]+" checked', html)
    assert "Can we go home between treatments?" in html

    client.post("/summary/questions/", {"offered": shown, "chosen": [second]})
    assert saved(client)["chosen"] == [second]
    assert saved(client)["own"] == ["Can we go home between treatments?"]

    removed = client.post("/summary/questions/", {"offered": shown, "chosen": [second], "remove": "0"})
    assert removed["Location"] == "/summary/?saved=removed#questions-saved"
    html = client.get(removed["Location"]).content.decode()
    note = re.search(r'<p class="saved-note" id="questions-saved" role="status"[^>]*>([^<]*)</p>', html)
    assert note and note[1] == "The question was removed. Your questions are saved."  # where the list was
    assert html.index('id="questions-saved"') < html.index('id="own-question"') < html.index("Save my questions")
    assert html.count("saved-note") == 1


def test_an_options_page_changes_only_its_own_questions(client):
    summary = family(client, risk_group="high")
    mine = [q.id for q in summary.suggested_questions if q.topic == "Chemotherapy"]
    response = client.post("/summary/questions/", {"offered": mine, "chosen": mine[:1], "next": "/options/chemotherapy/"})
    assert response["Location"] == "/options/chemotherapy/?saved=1#questions-saved"
    assert saved(client)["chosen"] == [*summary.suggested_by_default, mine[0]]  # the suggestions stay ticked
    page = client.get("/options/chemotherapy/").content.decode()
    assert re.search(rf'value="{mine[0]}" id="ask-0-1" checked', page)
    elsewhere = client.post("/summary/questions/", {"offered": mine, "next": "https://example.org/"})
    assert elsewhere["Location"].startswith("/summary/")  # never another site


def test_removing_an_own_question(client):
    family(client)
    client.post("/summary/questions/", {"own_question": "One"})
    client.post("/summary/questions/", {"own_question": "Two"})
    client.post("/summary/questions/", {"remove": "0"})
    assert saved(client)["own"] == ["Two"]
    client.post("/summary/questions/", {"remove": "7"})
    client.post("/summary/questions/", {"remove": "-1"})
    assert saved(client)["own"] == ["Two"]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_over_long_own_question_is_refused_kindly_and_kept_in_its_box(client, headers):
    summary = family(client)
    first = summary.suggested_by_default[0]
    draft = "Can we " + "x" * 300
    response = client.post("/summary/questions/", {"own_question": draft, "offered": summary.questions_in_order,
                                                   "chosen": [first]}, **headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="own-question-error"' in html and "must be 300 characters or fewer. It has 307 now." in html
    assert 'aria-describedby="own-question-hint own-question-error"' in html
    assert f">{draft}</textarea>" in html
    assert 'id="questions-to-bring"' in html
    assert saved(client) == {"chosen": [first], "own": []}
    if not headers:
        assert "<title>Error: Your summary" in html


def test_htmx_question_save_returns_the_summary_partial(client):
    family(client)
    response = client.post("/summary/questions/", {"own_question": "Hello"}, **HTMX)
    partial = client.get(response["Location"].split("#")[0], **HTMX)
    assert 'id="questions-to-bring"' in partial.content.decode()
    assert "<html" not in partial.content.decode()


@pytest.mark.parametrize("option", [*loader.load().options, loader.load().palliative, loader.load().hospice],
                         ids=lambda o: o.id)
def test_every_option_has_its_own_page_with_every_section(client, option):
    family(client, risk_group="high")
    html = client.get(f"/options/{option.id}/").content.decode()
    assert f"<h1 tabindex=\"-1\">{escape(option.title)}</h1>" in html
    for heading in ("What it is", "What it involves for your child and family", "What is known",
                    "Possible side effects and downsides", "Questions you could ask"):
        assert f"<h2>{heading}</h2>" in html, heading
    assert f'data-option="{option.id}"' in html


def test_an_option_page_says_why_it_is_put_forward_and_works_without_answers(client):
    family(client, risk_group="high")
    html = client.get("/options/mibg-therapy/").content.decode()
    assert "A source names this:" in html
    assert ("<li>For cancer that was high risk when it was first found. <strong>That is what you told us.</strong> NCI&#x27;s "
            "summary for families lists it to relieve symptoms and improve quality of life.</li>") in html
    assert "Add these questions to your list" in html
    fresh = Client().get("/options/mibg-therapy/")
    assert fresh.status_code == 200 and "Add these questions" not in fresh.content.decode()
    assert client.get("/options/no-such-option/").status_code == 404


def test_an_option_page_says_for_whom_the_sources_name_it_whatever_the_family_said(client):
    """The one list says "Each option's page says which" options are for some children only:
    that must hold for a family whose situation no source ties to the option."""
    family(client, risk_group="intermediate", cancer_course="relapsed", where_now=["elsewhere"], brain_or_spinal_cord="no")
    mibg = client.get("/options/mibg-therapy/").content.decode()
    assert "<li>For cancer that was high risk when it was first found. NCI" in mibg
    assert "That is what you told us" not in mibg
    chemotherapy = client.get("/options/chemotherapy/").content.decode()
    assert "<li>For low or intermediate risk cancer that has come back where it started.</li>" in chemotherapy
    assert "A source names this" not in client.get("/options/comfort-care/").content.decode()


@pytest.mark.parametrize(("answers", "page"), [
    (dict(risk_group="high"), "/summary/"),
    (dict(risk_group="not-sure"), "/summary/"),
    (dict(risk_group="high"), "/options/compare/"),
    (dict(risk_group="high"), "/handout/"),
])
def test_options_are_said_to_be_combined_not_either_or(client, answers, page):
    family(client, **answers)
    html = client.get(page).content.decode()
    assert "not either-or choices" in html and "combined, or given one after" in html


def test_the_one_list_says_the_team_decides_which_fit_and_the_cancer_may_be_staged_again(client):
    family(client, risk_group="intermediate", cancer_course="relapsed", where_now=["elsewhere"])
    html = client.get("/summary/").content.decode()
    group = html[html.index('data-group="all"'):]
    assert "Your child&#x27;s team will say which fit your child" in group[:3000]
    assert "may need to be staged again" in group[:3000]


def test_evidence_level_codes_are_never_shown_to_families(client):
    family(client, risk_group="high", age="18-or-older")
    content = loader.load()
    codes = {n.evidence_level for o in content.options for n in o.numbers if n.evidence_level}
    assert codes, "the content keeps the seeds' evidence levels as data"
    pages = ["/summary/", "/options/compare/", "/handout/", *(f"/options/{o.id}/" for o in content.options)]
    for page in pages:
        text = re.sub(r"<[^>]+>", " ", client.get(page).content.decode())
        for code in codes:
            assert not re.search(rf"\b{re.escape(code)}\b", text), (page, code)
        assert "Level of evidence" not in text and "level of evidence" not in text


def test_the_selected_second_transplant_group_is_introduced_as_selected_and_not_compared(client):
    family(client, risk_group="high", treatments_had=["transplant"])
    html = client.get("/options/second-transplant/").content.decode()
    assert "selected group" in html
    assert "cannot be compared" in html


def test_our_own_explanations_say_so_wherever_a_family_reads_them(client):
    family(client, risk_group="high")
    own = "These are our own words. None of the sources explains this."
    words = client.get("/words/").content.decode()
    prognosis = words[words.index("<dt>Prognosis</dt>"):]
    assert own in prognosis[:prognosis.index("</dd>")]
    refractory = words[words.index("<dt>Refractory</dt>"):]
    assert own not in refractory[:refractory.index("</dd>")]
    assert "except where an explanation says it is in our own words" in words


def test_the_comparison_is_a_real_table_including_focusing_on_comfort(client):
    html = client.get("/options/compare/").content.decode()
    assert "<table" in html and '<th scope="col">Main downsides</th>' in html
    for option in loader.load().options:
        assert f'<tr data-option="{option.id}">' in html
    assert "Focusing on comfort" in html


def test_about_page_meets_the_ipdas_certification_items(client):
    html = client.get("/about/").content.decode()
    for words in ["Where the information comes from", "Cancer Research UK", "How the content was chosen",
                  "Published:", "last reviewed", "reviewed at least once a year", "Funding and conflicts of interest",
                  "Flesch-Kincaid grade"]:
        assert words in html, words
    # IPDASi: how the sources were found and chosen, and what was not searched.
    assert "So we added texts from US government bodies on the same subject" in html
    assert "We did not search the research studies in medical journals, and no study report is used directly." in html
    assert "US prescribing information for five of the medicines named. The makers write it, and the FDA approves it." in html


def test_about_credits_sure_dates_each_source_and_lists_our_own_words(client):
    html = client.get("/about/").content.decode()
    assert "Annette O'Connor and France Légaré" in html and "Ottawa Hospital Research Institute" in html
    assert "Its own next review was due on 31 August 2025: that date has passed" in html
    for term in ("Prognosis", "Cycle", "Still alive", "T cells"):
        assert f"<strong>{term}</strong>" in html, term
    assert "<strong>Refractory</strong>" not in html  # its meaning comes from the sources


def test_about_page_funding_can_be_overridden(client, settings):
    settings.DECISIONAID_FUNDING = "Funded by the Example Children's Hospital."
    assert "Funded by the Example Children&#x27;s Hospital." in client.get("/about/").content.decode()


def test_medical_words_are_explained_where_they_appear(client):
    family(client, risk_group="high", cancer_course="refractory")
    summary = client.get("/summary/").content.decode()
    assert "Words used here, explained" in summary and "<dt>Chemotherapy</dt>" in summary
    option = client.get("/options/mibg-therapy/").content.decode()
    assert "<dt>MIBG</dt>" in option
    table = client.get("/options/compare/").content.decode()
    assert "Words used here, explained" in table and "<dt>Chemotherapy</dt>" in table


def test_the_summary_offers_general_questions_and_each_option_its_own_on_its_page(client):
    """The summary is not a wall of tick boxes: beyond the ten suggested, only general questions;
    each option's questions are on its own page (parent walk-through: 96 boxes, IPDAS gap 9)."""
    summary = family(client, risk_group="high")
    html = client.get("/summary/").content.decode()
    mine = [q for q in summary.suggested_questions if q.topic == "Chemotherapy" and not q.serious
            and q.id not in summary.suggested_by_default]
    assert mine and not any(f'value="{q.id}"' in html for q in mine)
    assert "Each option has more questions on its own page." in html
    page = client.get("/options/chemotherapy/").content.decode()
    assert all(f'value="{q.id}"' in page for q in mine)
    assert html.count('name="chosen"') < 60


# Families unsure of the risk group, as review N1 walked them: (c) refractory; and others.
UNSURE_OF_THE_RISK_GROUP = [
    dict(risk_group="not-sure", cancer_course="refractory"),
    dict(risk_group="not-sure", cancer_course="relapsed", where_now=["same-place"]),
    dict(risk_group="not-sure", cancer_course="relapsed", where_now=["elsewhere"], alk="yes", brain_or_spinal_cord="yes",
         treatments_had=["transplant"], transplant_count="once"),
    dict(risk_group="not-sure", cancer_course="relapsed", where_now=["elsewhere"], alk="no", brain_or_spinal_cord="no"),
    dict(risk_group="not-sure"),  # "I'm not sure" to everything
]
FOR_SOMEONE_ELSE = re.compile(r"not the situation you described|do not name these for the situation", re.I)


@pytest.mark.parametrize("answers", UNSURE_OF_THE_RISK_GROUP)
def test_no_family_unsure_of_its_risk_group_is_told_an_option_is_for_someone_else(client, answers):
    """Review N1 (HIGH): a family that answered "I'm not sure" to the risk group is never told
    that an option named for high risk is "not the situation you described": it is told that
    it is not sure of the risk group, and to ask. Every option page, and the summary."""
    family(client, **answers)
    said = complete_answers(**answers)
    if_high = {**said, "risk-group": "high"}
    told_unsure = 0
    for option in loader.load().options:
        html = client.get(f"/options/{option.id}/").content.decode().replace("&#x27;", "'")
        fits_if_high = any(conditions.holds(r.when, if_high) and not conditions.holds(r.when, said)
                           for r in option.put_forward)
        could_fit = any(conditions.holds_unless_unknown(r.when, {**said, "risk-group": risk}, tailoring.NOT_KNOWN) is not False
                        for r in option.put_forward for risk in ("low", "intermediate", "high"))
        if could_fit or option.also_described:  # only "That is not the situation" where it is so whatever the risk group
            assert not FOR_SOMEONE_ELSE.search(html), option.id
        if fits_if_high:
            assert "You are not sure of the risk group, so this could be your child's situation." in html, option.id
            told_unsure += 1
    assert told_unsure >= 6
    assert not FOR_SOMEONE_ELSE.search(client.get("/summary/").content.decode())


def test_an_option_described_for_any_relapse_says_so_and_asks_rather_than_ruling_it_out(client):
    """Review N2 and earlier row 46, families (b) intermediate, back elsewhere, and (e) low, back
    where it started: MIBG therapy is named for high risk, and 004 describes it for "relapsed
    neuroblastoma" with no risk group."""
    for answers in (dict(risk_group="intermediate", cancer_course="relapsed", where_now=["elsewhere"]),
                    dict(risk_group="low", cancer_course="relapsed", where_now=["same-place"])):
        family(client, **answers)
        mibg = client.get("/options/mibg-therapy/").content.decode().replace("&#x27;", "'")
        assert "not the situation you described" not in mibg
        assert "A source also describes it for neuroblastoma that has come back, naming no risk group." in mibg
        assert "Ask your child's care team whether it could fit your child." in mibg


def test_an_option_for_a_situation_the_family_is_surely_not_in_still_says_so(client):
    family(client, risk_group="high", alk="no")
    alk = client.get("/options/alk-targeted-therapy/").content.decode()
    assert "That is not the situation you described." in alk


def test_the_second_transplant_page_says_the_current_edition_no_longer_lists_it(client):
    family(client, risk_group="high", treatments_had=["transplant"], transplant_count="once")
    html = client.get("/options/second-transplant/").content.decode()
    assert ("An older edition of NCI's summary for doctors listed this for cancer that was high risk when it was first "
            "found. Its April 2025 edition no longer lists it.") in html.replace("&#x27;", "'")
    assert "That is what you told us" not in html


def test_the_brain_or_spinal_cord_answer_is_in_the_situation_on_the_summary_and_the_handout(client):
    family(client, risk_group="low", cancer_course="relapsed", where_now=["elsewhere"], brain_or_spinal_cord="yes")
    for page in ("/summary/", "/handout/"):
        assert "<strong>Brain or spinal cord:</strong> Yes." in client.get(page).content.decode(), page
    family(client, risk_group="low", cancer_course="relapsed", where_now=["elsewhere"], brain_or_spinal_cord="not-sure")
    assert re.search(r"Not sure yet:</strong> [^<]*brain or spinal cord", client.get("/summary/").content.decode(), re.I)
    check = client.get("/check-your-answers/").content.decode()
    assert "Has the cancer come back in the brain or spinal cord?" in check


def test_the_meaning_of_hospice_care_names_whose_words_it_gives(client):
    """Review N15: the glossary's hospice meaning was the tool's own paraphrase, unmarked. It now
    names its sources (NCI's page for young people: "Hospice care is end-of-life care that is given
    at your home, in the hospital, or at a respite or hospice center"; 003: "designed to provide the
    best possible quality of life"), and keeps 003's "less than 6 months" on the hospice page,
    behind its heads-up, since a meaning may show wherever the word does."""
    hospice = next(t for t in loader.load().glossary if t.term == "hospice care")
    assert hospice.meaning.startswith("NCI, writing for young people with cancer, says hospice care is end-of-life care")
    assert "Cancer.Net says it is designed to give the best possible quality of life" in hospice.meaning
    assert set(hospice.sources) == {"nci-aya-end-of-life.txt", "003_37569a13876e516a.txt"}
    assert "6 months" not in hospice.meaning and not hospice.own_wording
    assert "NCI, writing for young people with cancer, says hospice care" in client.get("/words/").content.decode()
