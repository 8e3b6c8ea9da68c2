"""The second fact-check (reviews-out/fact-check-2.md, rows G1-G6): each row stays fixed.

Families as the fact-check rendered them: high risk, relapsed; high risk, grew during treatment;
low risk, in other parts of the body, with the brain or spinal cord answered yes."""

import re

import pytest

from decisionaid.library import loader
from tests.library.test_content import SEED_TEXT, normalise
from tests.library.test_factcheck_rows import DETAILS, HIGH, LOW_ELSEWHERE, figures_in, page

HP = "nci-pdq-neuroblastoma-hp.txt"
CONTENT = loader.load()
OPTIONS = {o.id: o for o in CONTENT.options}
NOTES = {n.id: n for n in CONTENT.notes}
PROGRESSION = ("early-trials-no-growth-one-year", "early-trials-no-growth-four-years")
GREW = {**HIGH, "cancer_course": "during-treatment"}


def said(text):
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


# --- G1: the note says the same patients' progression figures are on the clinical trials page ---

POINTER = ("The page on clinical trials also shows how many of them were alive without the cancer "
           "growing again.")


@pytest.mark.django_db
@pytest.mark.parametrize("family", [HIGH, GREW], ids=["relapsed", "grew-during-treatment"])
def test_G1_how_serious_points_to_the_same_patients_progression_figures_on_the_trials_page(client, family):
    summary = page(client, "/summary/", **family)
    assert POINTER in said(" ".join(DETAILS.findall(summary)))  # inside the closed disclosure
    assert POINTER not in said(DETAILS.sub("", summary))
    assert not any(f'data-number="{number_id}"' in summary for number_id in PROGRESSION)
    # The pointer holds: the trials page shows them, to this family, behind its own heads-up.
    trials = page(client, "/options/clinical-trials/", **family)
    figures = figures_in(trials)
    assert "21 out of 100 patients in these trials were alive without the cancer growing again 1 year later; " \
           "79 out of 100 were not." in said(figures[PROGRESSION[0]])
    assert "6 out of 100 patients in these trials were alive without the cancer growing again 4 years later; " \
           "94 out of 100 were not." in said(figures[PROGRESSION[1]])
    assert all(f'data-number="{n}"' in " ".join(DETAILS.findall(trials)) for n in PROGRESSION)
    assert "The 1-year progression-free survival (PFS) rate was 21%, and the 4-year PFS rate was 6%." in SEED_TEXT[HP]


# --- G2: NCI names no risk group for the 383 patients, and the figures say so ---

NO_RISK_GROUP = "does not say which risk group they were in at first"


@pytest.mark.django_db
def test_G2_the_383_patients_figures_say_the_source_names_no_risk_group(client):
    assert "383 patients with neuroblastoma whose tumor recurred or progressed in COG modern-era, early-phase " \
           "trials" in SEED_TEXT[HP]
    first = next(n for n in NOTES["high-risk-prognosis"].numbers if n.id == "came-back-or-grew-alive-one-year")
    assert f"The source {NO_RISK_GROUP}." in normalise(first.study)
    assert NO_RISK_GROUP in said(figures_in(page(client, "/summary/", **HIGH))["came-back-or-grew-alive-one-year"])


# --- G3: where the brain or spinal cord answer rules watching closely out, the page says so ---

WHY_NOT = ("You told us it is in the brain or spinal cord. NCI's list for that does not include watching "
           "closely. Ask your child's care team whether it could fit your child.")
STANDARD = "That is not the situation you described."


@pytest.mark.django_db
@pytest.mark.parametrize(("family", "why_not"), [
    ({**LOW_ELSEWHERE, "brain_or_spinal_cord": "yes"}, True),
    ({**LOW_ELSEWHERE, "risk_group": "not-sure", "brain_or_spinal_cord": "yes"}, True),
    ({**HIGH, "brain_or_spinal_cord": "yes"}, False),  # not low risk: the usual words hold
    ({**LOW_ELSEWHERE, "brain_or_spinal_cord": "not-sure"}, False),
], ids=["low-yes", "risk-unsure-yes", "high-yes", "low-unsure"])
def test_G3_the_observation_page_says_the_brain_or_spinal_cord_answer_is_why_it_is_not_theirs(client, family, why_not):
    text = said(page(client, "/options/observation/", **family))
    assert (WHY_NOT in text) == why_not
    if why_not:
        assert STANDARD not in text
    elif family["risk_group"] == "high":
        assert STANDARD in text
    (reason,) = OPTIONS["observation"].not_yours
    quoted = normalise(reason.seed_conditions[0]["quote"])
    assert quoted in SEED_TEXT[reason.seed_conditions[0]["source"]] and "observation" not in quoted


# --- G4: phase 1 says only what Cancer.Net does: phase 1 studies beside early-phase studies ---

@pytest.mark.django_db
def test_G4_phase_1_does_not_say_cancer_net_counts_it_as_early_phase(client):
    meaning = normalise(next(t for t in CONTENT.glossary if t.term == "phase 1").meaning)
    assert "counts phase 1" not in meaning
    assert "Cancer.Net writes about phase 1 studies among early-phase studies." in meaning
    cancer_net = SEED_TEXT["003_37569a13876e516a.txt"]
    assert "Early-phase studies testing immune checkpoint inhibitors" in cancer_net
    assert "Additional phase 1 studies are testing T cells" in cancer_net
    assert "Cancer.Net writes about phase 1 studies among early-phase studies." in said(
        client.get("/words/").content.decode())


# --- G5: the transplant's "In short" downsides say they are from a page written for adults ---

@pytest.mark.django_db
def test_G5_the_transplant_in_short_downsides_say_nci_wrote_them_for_adults_as_the_others_do(client):
    line = OPTIONS["second-transplant"].comparison["main_downsides"]
    assert line.endswith("or a second cancer (NCI's general page, written for adults).")
    assert "It destroys the bone marrow and weakens the immune system." in line  # Cancer.Net's, for children
    assert "destroys the patient's bone marrow tissue and suppresses the immune system" in SEED_TEXT[
        "003_37569a13876e516a.txt"]
    for words in ("mouth sores", "infertility", "cataracts", "new secondary cancers"):
        assert words in SEED_TEXT["nci-stem-cell-transplant.txt"]
    for option_id in ("surgery-again", "clinical-trials"):  # the way the others say it
        assert "written for adults)" in OPTIONS[option_id].comparison["main_downsides"]
    shown = page(client, "/options/second-transplant/", **HIGH)
    in_short = re.search(r'<section class="in-short".*?</section>', shown, re.S).group()
    assert "(NCI's general page, written for adults)" in said(in_short)


# --- G6: a family whose cancer grew during treatment is told the figures include it ---

@pytest.mark.django_db
def test_G6_the_high_risk_note_says_comes_back_or_grows(client):
    heading = "What the sources say about high risk neuroblastoma that comes back or grows"
    assert NOTES["high-risk-prognosis"].heading == heading
    assert "whose tumor recurred or progressed" in SEED_TEXT[HP]
    for family in (HIGH, GREW):
        assert heading in page(client, "/summary/", **family)
