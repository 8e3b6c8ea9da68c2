"""Each tailoring rule, with the seed sentence it implements."""

import itertools

import pytest

from decisionaid import library, tailoring
from tests.helpers import complete_answers


def summary_for(**answers):
    return tailoring.summarise(complete_answers(**answers))


def leading_ids(summary):
    return [o.id for o in summary.leading]


def note_ids(summary):
    return [n.id for n in summary.notes]


def test_low_or_intermediate_risk_where_it_started_leads_with_surgery():
    """001: "For children with low or intermediate risk disease that has come back where it
    started. They might need surgery again, with or without chemotherapy." """
    for risk in ("low", "intermediate"):
        summary = summary_for(risk_group=risk, where_now=["same-place"])
        assert leading_ids(summary)[0] == "surgery-again"
        assert "chemotherapy" in leading_ids(summary)
        assert "high-risk-prognosis" not in note_ids(summary)
        assert "low-intermediate-where-it-started" in note_ids(summary)
        assert not summary.hospice_in_full


def test_low_or_intermediate_risk_elsewhere_says_to_ask_and_hides_nothing():
    """Brief F1.9: the seeds give nothing for a low- or intermediate-risk relapse elsewhere."""
    summary = summary_for(risk_group="low", where_now=["elsewhere"])
    assert "low-intermediate-elsewhere" in note_ids(summary)
    assert "high-risk-prognosis" not in note_ids(summary)
    assert len(summary.options_shown) == len(library.load().treatments)


def test_high_risk_shows_the_high_risk_options_and_the_honest_prognosis():
    """000: "Any recurrence in patients initially classified as high risk signifies a very poor
    prognosis." "Treatment options ... include ... Second autologous stem cell transplantation
    (SCT) after retrieval chemotherapy. Chemotherapy. Iodine 131-mIBG ..." "It is not known
    whether one therapeutic approach is superior to another." """
    summary = summary_for(risk_group="high", where_now=["elsewhere"])
    for option in ("chemotherapy", "mibg-therapy", "second-transplant"):
        assert option in leading_ids(summary)
    assert {"high-risk-prognosis", "no-approach-known-better"} <= set(note_ids(summary))
    assert summary.hospice_in_full


def test_topotecan_before_brings_the_note_on_regimens_after_topotecan():
    """000: "Topotecan alone and in combination with cyclophosphamide or etoposide has been used
    in patients with recurrent disease who did not receive topotecan initially." "High-dose
    carboplatin, irinotecan, and/or temozolomide has been used in patients resistant or
    refractory to regimens containing topotecan." """
    assert "after-topotecan" in note_ids(summary_for(treatments_had=["topotecan"], topotecan_response="yes"))
    assert "after-topotecan" not in note_ids(summary_for(treatments_had=["surgery"]))


def test_an_alk_change_brings_alk_targeted_therapy_and_trials():
    """002: "for a child whose tumor has a mutation in the ALK protein, a clinical trial with a
    specific inhibitor of this protein may be offered." """
    summary = summary_for(risk_group="high", alk="yes")
    assert {"alk-targeted-therapy", "clinical-trials"} <= set(leading_ids(summary))
    assert "alk-change" in note_ids(summary)
    assert "alk-targeted-therapy" not in leading_ids(summary_for(risk_group="high", alk="no"))


def test_mibg_scan_answers_never_decide_mibg_therapy():
    """004: MIBG "is readily absorbed by most neuroblastomas" - a description, not a rule."""
    groups = set()
    for scan in ("yes", "no", "not-sure"):
        summary = summary_for(risk_group="high", mibg_scan=scan)
        groups.add("mibg-therapy" in leading_ids(summary))
        assert "mibg-uptake" in note_ids(summary)
    assert groups == {True}


def test_not_sure_everywhere_leads_to_questions_never_guesses():
    summary = tailoring.summarise(complete_answers())  # "I'm not sure" wherever offered
    assert "risk-not-sure" in note_ids(summary)
    assert "alk-unknown" in note_ids(summary)
    assert "high-risk-prognosis" not in note_ids(summary)
    assert len(summary.options_shown) == len(library.load().treatments)
    asked = {q.id for q in summary.suggested_questions}
    assert {"course-not-sure", "risk-group", "time-since-treatment", "biopsy-gene-tests"} <= asked


def test_a_known_answer_brings_no_question_asking_for_it():
    asked = {q.id for q in summary_for(risk_group="high", cancer_course="relapsed",
                                       when_came_back="first-years").suggested_questions}
    assert not {"course-not-sure", "risk-group", "time-since-treatment"} & asked


@pytest.mark.parametrize(
    ("risk", "where", "alk", "course"),
    itertools.product(["low", "intermediate", "high", "not-sure"], [["same-place"], ["elsewhere"], ["not-sure"]],
                      ["yes", "no", "not-sure"], ["refractory", "relapsed"]),
)
def test_no_option_is_ever_hidden(risk, where, alk, course):
    summary = summary_for(risk_group=risk, where_now=where, alk=alk, cancer_course=course)
    assert sorted(o.id for o in summary.options_shown) == sorted(o.id for o in library.load().treatments)


def test_refractory_is_treated_like_relapsed():
    """004: "The treatment approach for children with refractory neuroblastoma is similar to
    that for children with relapsed neuroblastoma." """
    refractory = summary_for(risk_group="high", cancer_course="refractory")
    relapsed = summary_for(risk_group="high", cancer_course="relapsed")
    assert leading_ids(refractory) == leading_ids(relapsed)
    assert "refractory-similar" in note_ids(refractory)


def test_what_the_family_rated_very_important_becomes_a_prompt():
    summary = summary_for(what_matters={"home": "very", "comfort": "very", "control": "not-important",
                                        "everyday": "somewhat", "travel": "not-sure", "research": "somewhat"})
    assert len(summary.value_prompts) == 2
    assert any("time at home" in p for p in summary.value_prompts)
    assert summary.hospice_in_full  # comfort rated very important


def test_each_sure_no_becomes_the_help_that_exists():
    summary = summary_for(sure={"sure": "no", "understand": "yes", "risks": "yes", "encouragement": "no"})
    assert len(summary.sure_help) == 2
    assert any("second opinion" in h for h in summary.sure_help)
    assert summary_for(sure={k: "yes" for k in ("sure", "understand", "risks", "encouragement")}).sure_help == ()


def test_the_preferred_way_of_deciding_is_mirrored():
    assert "together" in summary_for(decision_style="together").decision_style_prompt


def test_suggested_questions_come_from_every_option_shown_then_general_ones():
    summary = summary_for(risk_group="high")
    ids = [q.id for q in summary.suggested_questions]
    assert len(ids) == len(set(ids))
    assert ids[0].startswith(summary.leading[0].id)
    assert any(not any(i.startswith(o.id) for o in summary.options_shown) for i in ids)
