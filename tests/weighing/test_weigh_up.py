"""Weighing up the options after the summary: optional steps, kept with the answers."""

import re

import pytest

from decisionaid.family.answers import SESSION_KEY, WEIGH_UP_KEY
from decisionaid.saving import plans
from decisionaid.saving.models import SavedPlan
from decisionaid.weighing import rules
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db


def family(client, **answers):
    session = client.session
    session[SESSION_KEY] = complete_answers(**answers)
    session.save()


def kept(client):
    return client.session.get(WEIGH_UP_KEY, {})


def test_every_step_can_be_skipped(client):
    family(client)
    assert client.post("/weigh-up/", {})["Location"] == "/weigh-up/leaning/"
    assert client.get("/weigh-up/reasons/")["Location"] == "/weigh-up/"  # nothing to give reasons for
    assert client.post("/weigh-up/leaning/", {})["Location"] == "/weigh-up/summary/"
    page = client.get("/weigh-up/summary/").content.decode()
    assert page.count("Not answered") >= 2 and "Print or save your summary" in page


def test_not_knowing_yet_is_an_answer_but_not_beside_an_option(client):
    family(client)
    response = client.post("/weigh-up/", {"options": ["chemotherapy", "dont-know"]})
    assert response.status_code == 200 and "not both" in response.content.decode()
    first_box = re.search(r'<input[^>]* id="(field-options-[\w-]+)"', response.content.decode()).group(1)
    assert f'href="#{first_box}"' in response.content.decode()
    client.post("/weigh-up/", {"options": ["dont-know"]})
    assert kept(client)["options"] == ["dont-know"]
    assert "We don't know yet" in client.get("/weigh-up/summary/").content.decode()


def test_reasons_are_prompted_by_what_the_family_rated_very_important(client):
    family(client, what_matters={"home": "very", "comfort": "very", "control": "somewhat", "everyday": "not-sure",
                                 "travel": "not-important", "research": "somewhat"})
    client.post("/weigh-up/", {"options": ["chemotherapy", "comfort-care"]})
    page = client.get("/weigh-up/reasons/").content.decode()
    # Shown once, above every option's boxes, not again under each option.
    assert page.count("Time at home matters very much to you. How does this option fit with that?") == 1
    assert page.index("How does this option fit with that?") < page.index('for="field-chemotherapy-for"')
    assert "Comfort and freedom from pain matter very much to you" in page
    assert "Taking part in research matters" not in page
    assert 'for="field-chemotherapy-for"' in page and 'for="field-comfort-care-against"' in page
    client.post("/weigh-up/reasons/", {"chemotherapy-for": "  It may shrink it.  ", "comfort-care-against": "Not yet."})
    assert kept(client)["reasons"] == {"chemotherapy": {"for": "It may shrink it.", "against": ""},
                                       "comfort-care": {"for": "", "against": "Not yet."}}


def test_an_over_long_reason_is_kept_in_its_box_with_the_error(client):
    family(client)
    client.post("/weigh-up/", {"options": ["chemotherapy"]})
    response = client.post("/weigh-up/reasons/", {"chemotherapy-for": "x" * 1001})
    html = response.content.decode()
    assert response.status_code == 200 and 'href="#field-chemotherapy-for"' in html
    assert "x" * 1001 + "</textarea>" in html and "<title>Error:" in html


def test_the_leaning_offers_the_chosen_options_a_mix_or_not_sure_and_never_judges(client):
    family(client)
    client.post("/weigh-up/", {"options": ["chemotherapy", "comfort-care"]})
    page = client.get("/weigh-up/leaning/").content.decode()
    labels = re.findall(r'name="leaning" value="([\w-]+)"', page)
    assert labels == ["chemotherapy", "comfort-care", "mix", "not-sure"]
    assert "This tool does not judge it" in page
    client.post("/weigh-up/leaning/", {"leaning": "mix", "next_steps": ["talk-child", "more-time"]})
    assert kept(client)["leaning"] == "mix" and kept(client)["next_steps"] == ["talk-child", "more-time"]
    overview = client.get("/weigh-up/summary/").content.decode()
    assert "More than one option: chemotherapy and focusing on comfort" in overview
    assert "together with" not in overview and "A mix of" not in overview
    assert client.post("/weigh-up/leaning/", {"leaning": "surgery-again"}).status_code == 200  # not one chosen


def test_sure_is_asked_here_with_help_for_each_no(client):
    family(client, decision_stage="thinking")
    client.post("/weigh-up/leaning/", {"sure-sure": "no", "sure-understand": "yes", "sure-risks": "yes",
                                       "sure-encouragement": "no"})
    page = client.get("/weigh-up/summary/").content.decode()
    assert "Do you feel SURE about the best choice for you? No" in page
    assert "second opinion" in page and "You do not feel sure yet" in page
    assert "You said yes to all four questions" not in page


def test_all_yes_while_not_having_thought_about_it_yet_brings_a_gentle_note(client):
    family(client, decision_stage="not-yet")
    client.post("/weigh-up/leaning/", {f"sure-{i['value']}": "yes" for i in rules.sure_items()})
    assert "You said yes to all four questions" in client.get("/weigh-up/summary/").content.decode()


def test_changing_the_options_keeps_only_the_reasons_still_wanted(client):
    family(client)
    client.post("/weigh-up/", {"options": ["chemotherapy", "comfort-care"]})
    client.post("/weigh-up/reasons/", {"chemotherapy-for": "A", "comfort-care-for": "B"})
    client.post("/weigh-up/leaning/", {"leaning": "chemotherapy"})
    client.post("/weigh-up/", {"options": ["comfort-care"]})
    assert set(kept(client)["reasons"]) == {"comfort-care"} and kept(client)["leaning"] == ""


def test_the_weigh_up_is_on_check_your_answers_and_the_summary(client):
    family(client)
    client.post("/weigh-up/", {"options": ["comfort-care"]})
    client.post("/weigh-up/leaning/", {"leaning": "comfort-care"})
    check = client.get("/check-your-answers/").content.decode()
    assert "Weighing up the options" in check and 'href="/weigh-up/leaning/"' in check
    summary = client.get("/summary/").content.decode()
    assert "You are leaning towards focusing on comfort." in summary and "See or change your weigh-up" in summary


@pytest.mark.parametrize(("options", "leaning", "sentence"), [
    (["chemotherapy", "comfort-care"], "mix",
     "You are leaning towards more than one option: chemotherapy and focusing on comfort."),
    (["chemotherapy", "mibg-therapy", "comfort-care"], "mix",
     "You are leaning towards more than one option: chemotherapy, MIBG therapy (targeted radiotherapy) and focusing on "
     "comfort."),
    (["chemotherapy", "mibg-therapy"], "mix", "You are leaning towards more than one option: chemotherapy and MIBG therapy "
                                              "(targeted radiotherapy)."),
    (["chemotherapy", "comfort-care"], "chemotherapy", "You are leaning towards chemotherapy."),
    (["chemotherapy", "comfort-care"], "not-sure", "You are not sure yet which way you are leaning."),
])
def test_the_summary_says_which_way_the_family_leans_in_a_natural_sentence(client, options, leaning, sentence):
    """Review: "a mix of Chemotherapy and Focusing on comfort" read oddly; so did "leaning
    towards: Not sure yet"."""
    family(client, risk_group="high")
    client.post("/weigh-up/", {"options": options})
    client.post("/weigh-up/leaning/", {"leaning": leaning})
    summary = " ".join(re.sub(r"<[^>]+>", " ", client.get("/summary/").content.decode()).split())
    assert sentence.replace("'", "&#x27;") in summary
    assert "leaning towards:" not in summary and "A mix of" not in summary
    # The weigh-up and the handout say it the same way, as the family's answer.
    said = sentence.removeprefix("You are leaning towards ").removesuffix(".")
    said = said[0].upper() + said[1:] if leaning != "not-sure" else "Not sure yet"
    for url in ("/weigh-up/summary/", "/handout/"):
        assert said in client.get(url).content.decode(), url


def test_the_weigh_up_survives_save_and_restore(client):
    family(client)
    client.post("/weigh-up/", {"options": ["mibg-therapy", "comfort-care"]})
    client.post("/weigh-up/reasons/", {"mibg-therapy-against": "A week alone."})
    client.post("/weigh-up/leaning/", {"leaning": "not-sure", "sure-risks": "no", "next_steps": ["palliative-team"]})
    before = kept(client)
    client.post("/save/")
    words = re.findall(r"<li>([a-z]+)</li>", client.get("/saved/").content.decode().split("return-code__words")[1])[:6]
    client.post("/start-over/")
    assert WEIGH_UP_KEY not in client.session
    client.post("/return/", {"code": " ".join(words)})
    assert kept(client) == before


def test_a_restored_weigh_up_keeps_only_what_still_fits(db):
    restored = plans.restorable_weigh_up({
        "options": ["chemotherapy", "gone-option", 7], "reasons": {"chemotherapy": {"for": "x" * 5000, "evil": "y"}},
        "leaning": "gone-option", "sure": {"sure": "maybe", "risks": "no", "other": "yes"}, "next_steps": ["fly"],
    })
    assert restored == {"options": ["chemotherapy"], "reasons": {"chemotherapy": {"for": "x" * 1000}},
                        "leaning": "", "sure": {"risks": "no"}, "next_steps": []}
    assert plans.restorable_weigh_up("nonsense") == {}


def saved_weigh_up():
    return SavedPlan.objects.get().contents["weigh_up"]


@pytest.mark.parametrize("step", ["/weigh-up/", "/weigh-up/reasons/", "/weigh-up/leaning/"])
def test_every_step_offers_save_and_continue_later_in_its_own_form(client, step):
    family(client)
    client.post("/weigh-up/", {"options": ["chemotherapy"]})
    page = client.get(step).content.decode()
    form = page.split('class="question-form"')[1].split("</form>")[0]
    assert '<button type="submit" name="save_later" value="1"' in form


def test_save_and_continue_later_on_each_step_keeps_what_is_on_screen(client):
    family(client)
    assert client.post("/weigh-up/", {"options": ["chemotherapy"], "save_later": "1"})["Location"] == "/saved/"
    assert saved_weigh_up()["options"] == ["chemotherapy"]
    response = client.post("/weigh-up/reasons/", {"chemotherapy-for": "It may shrink it.", "save_later": "1"})
    assert response["Location"] == "/saved/"
    assert saved_weigh_up()["reasons"] == {"chemotherapy": {"for": "It may shrink it.", "against": ""}}
    response = client.post("/weigh-up/leaning/", {"leaning": "chemotherapy", "save_later": "1"})
    assert response["Location"] == "/saved/"
    assert saved_weigh_up()["leaning"] == "chemotherapy"


def test_saving_a_step_not_filled_in_saves_what_was_kept_but_never_drops_a_reason(client):
    family(client)
    client.post("/weigh-up/", {"options": ["chemotherapy"]})
    contradiction = client.post("/weigh-up/", {"options": ["chemotherapy", "dont-know"], "save_later": "1"})
    assert contradiction["Location"] == "/saved/" and saved_weigh_up()["options"] == ["chemotherapy"]
    too_long = client.post("/weigh-up/reasons/", {"chemotherapy-for": "x" * 1001, "save_later": "1"})
    assert too_long.status_code == 200 and "x" * 1001 + "</textarea>" in too_long.content.decode()

