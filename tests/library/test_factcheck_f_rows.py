"""The fact-check of the last content round (reviews-out/clinical-rows.md, Job 2 rows F1-F8, and
the leftovers of rows N5 and 43 in Job 1): each row stays fixed.

Families as the fact-check named them: (a) high risk, come back in other parts of the body; (m)
high risk, grew during treatment; (e) low risk, back where it started; (l) low risk, in other
parts of the body, in the brain or spinal cord."""

import re

import pytest

from decisionaid.family import tailoring
from decisionaid.fieldtest import content as fieldtest_content
from decisionaid.library import loader
from tests.helpers import complete_answers
from tests.library.test_content import SEED_TEXT, normalise
from tests.library.test_factcheck_rows import DETAILS, FAMILY_D, HIGH, LOW_ELSEWHERE, figures_in, note_ids, page

PATIENT = "nci-pdq-neuroblastoma-patient.txt"
CONTENT = loader.load()
OPTIONS = {o.id: o for o in CONTENT.options}
NOTES = {n.id: n for n in CONTENT.notes}
BROAD = ("came-back-or-grew-alive-one-year", "came-back-or-grew-alive-four-years")


def said(text):
    return " ".join(text.split())


# --- F1: the broad figure first; the one study's selected group after it, or not at all ---

@pytest.mark.django_db
def test_F1_the_figures_for_all_383_patients_come_first_and_the_selected_group_is_said_not_comparable(client):
    text = page(client, "/summary/", **HIGH)  # family (a)
    hidden = " ".join(DETAILS.findall(text))
    outside = DETAILS.sub("", text)
    places = [hidden.index(f'data-number="{number_id}"') for number_id in (*BROAD, "single-soft-tissue-relapse")]
    assert places == sorted(places), "the 383 patients' figures come before the one study's selected group"
    assert not any(f'data-number="{number_id}"' in outside for number_id in (*BROAD, "single-soft-tissue-relapse"))
    figures = figures_in(text)
    assert "57 out of 100 patients in these trials were still alive 1 year later; 43 out of 100 were not." in said(
        figures[BROAD[0]])
    assert "20 out of 100 patients in these trials were still alive 4 years later; 80 out of 100 were not." in said(
        figures[BROAD[1]])
    selected = said(figures["single-soft-tissue-relapse"])
    assert "These children were a selected group" in selected
    assert "It cannot be compared with the figures for the 383 patients above" in selected
    assert "A figure for one selected group of children" in hidden


def test_F1_the_broad_figures_are_told_as_the_clinical_trials_page_tells_them():
    trials = {n.id: n for n in OPTIONS["clinical-trials"].numbers}
    for number_id, same in zip(BROAD, ("early-trials-alive-one-year", "early-trials-alive-four-years"), strict=True):
        number = next(n for n in NOTES["high-risk-prognosis"].numbers if n.id == number_id)
        for part in ("out_of_100", "time_frame", "group", "happened", "did_not", "seed_words", "rests_on", "source"):
            assert getattr(number, part) == getattr(trials[same], part), (number_id, part)
        assert number.survival and number.high_risk_list
    assert "383 patients" in NOTES["high-risk-prognosis"].text and not NOTES["high-risk-prognosis"].text.count("35")


@pytest.mark.django_db
def test_F1_a_child_whose_cancer_grew_during_treatment_is_not_shown_the_first_relapse_figure(client):
    """NCI's 35% is for children "at first relapse after complete remission or MRD"."""
    assert "at first relapse after complete remission" in SEED_TEXT["nci-pdq-neuroblastoma-hp.txt"]
    text = page(client, "/summary/", **{**HIGH, "cancer_course": "during-treatment"})  # family (m)
    assert 'data-number="single-soft-tissue-relapse"' not in text
    assert all(f'data-number="{number_id}"' in text for number_id in BROAD)
    assert "high-risk-one-selected-group" in note_ids(**HIGH)
    assert "high-risk-one-selected-group" not in note_ids(**{**HIGH, "cancer_course": "during-treatment"})


# --- F2, F3: watching closely leads only where NCI lists it on its own, and never in the CNS ---

@pytest.mark.django_db
def test_F2_back_where_it_started_watching_closely_is_named_after_surgery_and_not_put_forward(client):
    """NCI: "- surgery followed by observation or chemotherapy"; not observation on its own."""
    summary = page(client, "/summary/", **FAMILY_D)  # family (e)
    leading = re.search(r'data-group="leading".*?</section>', summary, re.S).group()
    assert 'data-option="observation"' not in leading
    others = re.search(r'data-group="others".*?</section>', summary, re.S).group()
    item = re.search(r'data-option="observation".*?</li>', others, re.S).group()
    assert ("A source names it for low risk cancer that has come back where it started. NCI lists it only after "
            "surgery for the cancer that came back.") in said(
        re.sub(r"<[^>]+>", " ", item))
    option = said(re.sub(r"<[^>]+>", " ", page(client, "/options/observation/", **FAMILY_D)))
    # Walk 2: surgery now, for the cancer that came back, to a parent whose child had surgery at first.
    assert "NCI lists it only after surgery for the cancer that came back. This tool does not ask about that." in option
    assert "It does not list watching closely on its own." in option


@pytest.mark.django_db
@pytest.mark.parametrize(("answer", "leads", "note"), [("yes", False, True), ("not-sure", True, True), ("no", True, False)])
def test_F3_watching_closely_is_not_put_forward_for_the_brain_or_spinal_cord_and_the_unsure_are_told(
        client, answer, leads, note):
    """NCI's list for the CNS: "- surgery to remove the tumor in the CNS followed by radiation
    therapy - chemotherapy, surgery, and radiation therapy". No observation."""
    family = {**LOW_ELSEWHERE, "brain_or_spinal_cord": answer}  # family (l) when "yes"
    summary = page(client, "/summary/", **family)
    leading = re.search(r'data-group="leading".*?</section>', summary, re.S)
    assert (leading is not None and 'data-option="observation"' in leading.group()) == leads
    option = page(client, "/options/observation/", **family)
    assert ('data-note="brain-or-spinal-cord"' in option) == note
    assert "For cancer in the brain or spinal cord, it lists other treatments." in said(option)
    if note:
        assert "It does not list watching closely." in said(option)
        assert "It does not list watching closely (observation)." in said(NOTES["brain-or-spinal-cord"].text)
    elsewhere = next(named for named in tailoring.named_for(OPTIONS["observation"], complete_answers(**family))
                     if "other parts of the body" in named.reason.situation)
    assert elsewhere.fits == {"yes": "", "not-sure": tailoring.UNSURE, "no": tailoring.YOURS}[answer]


def test_F4_the_observation_line_names_its_downside_in_nci_words():
    line = OPTIONS["observation"].summary
    assert "The cancer is not treated until signs or symptoms appear or change." in line
    assert "without giving any treatment until signs or symptoms appear or change" in SEED_TEXT[PATIENT]


def test_F5_surgery_says_nci_names_no_risk_group_for_the_brain_or_spinal_cord():
    known = normalise(OPTIONS["surgery-again"].sections["What is known"])
    assert "for any risk group" not in known
    assert "**Cancer in the brain or spinal cord.** It names no risk group for this." in known


def test_F6_low_risk_cancer_not_responding_is_told_in_nci_words_with_a_question():
    note = normalise(NOTES["low-elsewhere-or-not-responding"].text)
    assert '"that has not responded to treatment"' in note and "not gone away with treatment" not in note
    assert "that has not responded to treatment" in SEED_TEXT[PATIENT]
    assert "If the cancer shrank with treatment but did not go away, ask your child's care team" in note
    for option_id in ("observation", "surgery-again"):
        text = normalise(" ".join(OPTIONS[option_id].sections.values()))
        assert "or not going away" not in text and "or not responding to treatment" in text, option_id
    assert "Perhaps the cancer shrank with treatment but did not go away." in OPTIONS["observation"].sections["What it is"]


def test_F7_the_pages_on_the_first_treatments_parts_say_they_describe_them_after_a_relapse():
    for note_id in ("low-elsewhere-or-not-responding", "intermediate-elsewhere"):
        text = normalise(NOTES[note_id].text)
        assert "a page on each kind of treatment" not in text
        assert "This tool's pages describe these treatments after a relapse, not as a first treatment." in text
        assert "how it would be given" in text


def test_F8_the_field_test_says_how_serious_any_side_effects_are_as_the_source_does():
    same_for_all = next(s for s in fieldtest_content.load().statements if s.id == "same-for-all")
    explanation = normalise(same_for_all.explanation)
    assert "any serious side effects" not in explanation
    assert "how serious any side effects are now or have been before" in explanation
    assert "the seriousness of any side effects they have or have had before" in normalise(same_for_all.quote)


# --- N5 leftover: the MIBG page says what the summary says to a family whose scan did not show it ---

@pytest.mark.django_db
def test_N5_the_mibg_page_tells_a_family_whose_scan_did_not_show_the_cancer_what_its_summary_does(client):
    generic = "The sources do not say what it means if a tumour does not show up on an MIBG scan."
    summary_line = normalise(NOTES["mibg-scan-negative"].text)
    line = summary_line[summary_line.index("So the sources describe"):]
    negative = said(page(client, "/options/mibg-therapy/", mibg_scan="no"))
    assert line in negative and generic not in negative
    for answer in ("yes", "not-sure"):
        shown = said(page(client, "/options/mibg-therapy/", mibg_scan=answer))
        assert generic in shown and line not in shown, answer


# --- Row 43 leftover: the about page ---

@pytest.mark.django_db
def test_row_43_about_no_longer_says_five_web_pages_and_lists_every_term_in_our_own_words(client):
    text = client.get("/about/").content.decode()
    assert "five public web pages" not in text.lower()
    assert "Every medical fact in this tool comes from the public pages and texts listed here." in text
    own = [t.term for t in CONTENT.glossary if t.own_wording]
    assert {"transverse myelitis", "RPLS", "prognosis"} <= set(own)
    for term in own:
        assert f"<strong>{term[:1].upper()}{term[1:]}</strong>" in text, term
