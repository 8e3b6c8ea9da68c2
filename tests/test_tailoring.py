"""Each tailoring rule, with the seed sentence it implements, and every situation walked."""

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


def every_option_id():
    return sorted(o.id for o in library.load().options)


def test_low_or_intermediate_risk_back_where_it_started_puts_forward_surgery_and_chemotherapy():
    """001: "For children with low or intermediate risk disease that has come back where it
    started. They might need surgery again, with or without chemotherapy." """
    for risk in ("low", "intermediate"):
        summary = summary_for(risk_group=risk, cancer_course="relapsed", where_now=["same-place"])
        assert leading_ids(summary) == ["chemotherapy", "surgery-again"]
        assert "high-risk-prognosis" not in note_ids(summary)
        assert "low-intermediate-where-it-started" in note_ids(summary)


def test_back_where_it_started_and_elsewhere_too_is_not_back_where_it_started():
    """Review row 11: the seed speaks of cancer "come back where it started", nothing more."""
    summary = summary_for(risk_group="low", cancer_course="relapsed", where_now=["same-place", "elsewhere"])
    assert summary.leading == ()
    assert "low-intermediate-elsewhere" in note_ids(summary)


def test_a_cancer_that_never_went_away_has_not_come_back_where_it_started():
    summary = summary_for(risk_group="low", cancer_course="refractory", where_now=["same-place"])
    assert summary.leading == ()


@pytest.mark.parametrize("where", [["elsewhere"], ["nearby"], ["tests-pending"], ["not-sure"]])
def test_low_or_intermediate_risk_anywhere_else_puts_nothing_forward(where):
    """Brief F1.9 and review row 1: no seed names an option for a low or intermediate risk
    relapse in another place, so there is no lead group: one list, nothing hidden."""
    summary = summary_for(risk_group="intermediate", cancer_course="relapsed", where_now=where)
    assert summary.leading == () and summary.groups[0][0] == "all"
    assert sorted(o.id for o in summary.options_shown) == every_option_id()


def test_an_unsure_risk_group_puts_nothing_forward():
    """Review row 47: "a situation like your child's" cannot be claimed without a risk group."""
    summary = tailoring.summarise(complete_answers())  # "I'm not sure" wherever offered
    assert summary.leading == () and [name for name, _, _ in summary.groups] == ["all", "all"]
    assert [o.id for o in summary.groups[-1][2]] == ["comfort-care"]  # open to every family, on its own
    assert "risk-not-sure" in note_ids(summary)


def test_high_risk_puts_forward_what_the_guide_for_doctors_lists_and_trials():
    """000: "Treatment options for recurrent or refractory neuroblastoma in patients initially
    classified as high risk include ... Second autologous stem cell transplantation ...
    Chemotherapy. Iodine 131-mIBG ..."; 001, under high risk: "Some children might go on to
    have other treatments such as: an immunotherapy drug such as dinutuximab beta", "Your
    doctor might suggest your child has treatment as part of a clinical trial." """
    summary = summary_for(risk_group="high", cancer_course="relapsed", where_now=["elsewhere"], alk="no",
                          treatments_had=["transplant"], transplant_count="once")
    assert leading_ids(summary) == ["chemotherapy", "clinical-trials", "chemoimmunotherapy", "mibg-therapy",
                                    "second-transplant"]
    assert {"high-risk-prognosis", "no-approach-known-better"} <= set(note_ids(summary))
    assert {n.id for n in summary.serious_notes} == {"high-risk-prognosis"}


def test_refractory_high_risk_gets_the_words_about_cancer_that_has_not_gone_away():
    """Review row 31: 000 says "any recurrence"; for refractory cancer, 001's words fit."""
    summary = summary_for(risk_group="high", cancer_course="refractory")
    assert "high-risk-prognosis" not in note_ids(summary)
    assert "high-risk-refractory-prognosis" in note_ids(summary)
    assert leading_ids(summary) == leading_ids(summary_for(risk_group="high", cancer_course="relapsed"))


def test_a_second_transplant_is_put_forward_only_after_one_transplant():
    """000's figures are about children "relapsing after intensive chemotherapy with autologous
    SCT"; no seed describes a third transplant."""
    twice = summary_for(risk_group="high", treatments_had=["transplant"], transplant_count="twice")
    once = summary_for(risk_group="high", treatments_had=["transplant"], transplant_count="once")
    never = summary_for(risk_group="high", treatments_had=["surgery"])
    assert "second-transplant" in leading_ids(once)
    for not_after_one in (twice, never):
        assert "second-transplant" not in leading_ids(not_after_one)
        assert "second-transplant" in [o.id for o in not_after_one.others]


def test_an_alk_change_puts_forward_alk_medicines_beside_others_never_alone():
    """002: "for a child whose tumor has a mutation in the ALK protein, a clinical trial with a
    specific inhibitor of this protein may be offered." One hospital's sentence, about one
    kind of medicine: it joins a lead group, but never makes one of its own (review row 1)."""
    high = summary_for(risk_group="high", alk="yes", where_now=["elsewhere"])
    assert "alk-targeted-therapy" in leading_ids(high) and "alk-change" in note_ids(high)
    for risk in ("low", "not-sure"):
        alone = summary_for(risk_group=risk, alk="yes", where_now=["elsewhere"])
        assert alone.leading == () and "alk-change" in note_ids(alone)
    assert "alk-targeted-therapy" not in leading_ids(summary_for(risk_group="high", alk="no"))


def test_each_option_put_forward_says_which_situation_and_why():
    summary = summary_for(risk_group="high", alk="yes")
    assert [r.situation for r in summary.reasons["clinical-trials"]] == ["for cancer that was high risk when it was first found"]
    assert [r.situation for r in summary.reasons["alk-targeted-therapy"]] == ["for a child whose tumour has an ALK change"]
    assert set(summary.reasons) == set(leading_ids(summary))


def test_an_option_a_seed_ties_to_the_situation_says_so_even_in_the_one_list():
    """A lead group is never a single option, so an ALK medicine alone joins the one list,
    and says which part of the situation a source names it for."""
    alone = summary_for(risk_group="low", alk="yes", where_now=["elsewhere"])
    assert alone.leading == ()
    assert [r.situation for r in alone.reasons["alk-targeted-therapy"]] == ["for a child whose tumour has an ALK change"]


def test_topotecan_before_brings_the_note_for_high_risk_only():
    """000 lists these regimens for patients "initially classified as high risk" (review row 33)."""
    assert "after-topotecan" in note_ids(summary_for(risk_group="high", treatments_had=["topotecan"]))
    assert "after-topotecan" not in note_ids(summary_for(risk_group="low", treatments_had=["topotecan"]))
    assert "after-topotecan" not in note_ids(summary_for(risk_group="high", treatments_had=["surgery"]))


def test_the_topotecan_question_is_offered_only_when_topotecan_was_had():
    def asked(**answers):
        return {q.id for q in summary_for(**answers).suggested_questions}

    assert "topotecan-before" in asked(treatments_had=["topotecan"])
    assert "topotecan-before" not in asked(treatments_had=["chemotherapy"])
    on_chemotherapy = [q for q in summary_for(treatments_had=["topotecan"]).suggested_questions if q.id == "topotecan-before"]
    assert on_chemotherapy[0].topic == "Chemotherapy"


def test_mibg_scan_answers_never_decide_mibg_therapy():
    """004: MIBG "is readily absorbed by most neuroblastomas": a description, not a rule."""
    for scan in ("yes", "no", "not-sure"):
        summary = summary_for(risk_group="high", mibg_scan=scan)
        assert "mibg-therapy" in leading_ids(summary)
        assert "mibg-uptake" in note_ids(summary)


def test_health_now_is_used():
    assert "problems-now" in note_ids(summary_for(health_now="quite-unwell"))
    assert "well-now" in note_ids(summary_for(health_now="mostly-well"))


def test_not_sure_everywhere_leads_to_questions_never_guesses():
    summary = tailoring.summarise(complete_answers())
    assert "alk-unknown" in note_ids(summary)
    assert "high-risk-prognosis" not in note_ids(summary)
    asked = {q.id for q in summary.suggested_questions}
    assert {"course-not-sure", "risk-group", "time-since-treatment", "biopsy-gene-tests"} <= asked


def test_a_known_answer_brings_no_question_asking_for_it():
    asked = {q.id for q in summary_for(risk_group="high", cancer_course="relapsed",
                                       when_came_back="first-years").suggested_questions}
    assert not {"course-not-sure", "risk-group", "time-since-treatment"} & asked


RISKS = ["low", "intermediate", "high", "not-sure"]
PLACES = [["same-place"], ["nearby"], ["elsewhere"], ["same-place", "elsewhere"], ["tests-pending"], ["not-sure"]]
ALK = ["yes", "no", "not-tested", "not-sure"]
COURSES = ["relapsed", "refractory", "during-treatment", "not-sure"]
EARLIER = [
    {"treatments_had": ["surgery"]},
    {"treatments_had": ["transplant"], "transplant_count": "once"},
    {"treatments_had": ["transplant"], "transplant_count": "twice"},
    {"treatments_had": ["topotecan"], "topotecan_response": "yes"},
    {"treatments_had": ["not-sure"]},
]
# The words of a seed that name each situation an answer can put an option forward for.
NAMED_BY = {
    ("risk-group", "high"): "high risk",
    ("risk-group", "low"): "low or intermediate risk",
    ("risk-group", "intermediate"): "low or intermediate risk",
    ("where-now", "same-place"): "where it started",
    ("cancer-course", "relapsed"): "come back",
    ("cancer-course", "during-treatment"): "come back",
    ("alk", "yes"): "ALK",
    ("treatments-had", "transplant"): "autologous SCT",
}


def situation_named(reason, answers):
    """Every answer this reason relies on is named in the seed sentences it quotes."""
    quoted = " ".join(c["quote"] for c in reason.seed_conditions)
    relied_on = [
        (test["question"], value)
        for test in _positive_tests(reason.when)
        for value in test["any_of"]
        if value in (answers.get(test["question"]) if isinstance(answers.get(test["question"]), list)
                     else [answers.get(test["question"])])
    ]
    return relied_on and all(NAMED_BY[key] in quoted.replace("initially classified as high risk", "high risk")
                             for key in relied_on)


def _positive_tests(condition):
    if "all" in condition:
        for part in condition["all"]:
            yield from _positive_tests(part)
    elif "any_of" in condition:
        yield condition


@pytest.mark.parametrize(("risk", "place", "alk", "course", "earlier"),
                         itertools.product(RISKS, PLACES, ALK, COURSES, range(len(EARLIER))))
def test_every_situation_no_lead_group_of_one_none_unnamed_nothing_hidden(risk, place, alk, course, earlier):
    answers = complete_answers(risk_group=risk, where_now=place, alk=alk, cancer_course=course, **EARLIER[earlier])
    summary = tailoring.summarise(answers)
    assert sorted(o.id for o in summary.options_shown) == every_option_id()  # nothing hidden
    assert len(summary.leading) != 1  # a lead group is never a single option
    for option in summary.leading:  # nothing put forward that no seed ties to this situation
        assert summary.reasons[option.id]
        assert all(situation_named(r, answers) for r in summary.reasons[option.id]), option.id
    if risk in ("low", "intermediate") and place != ["same-place"]:
        assert summary.leading == ()
    if risk == "not-sure":
        assert summary.leading == ()


def test_the_child_and_who_decides_shape_prompts():
    summary = summary_for(child_involvement="fully", who_decides="both-parents")
    assert "talk with your child" in summary.child_prompt and "Each of" in summary.who_decides_prompt


def test_at_most_ten_questions_are_suggested_from_the_answers_with_goals_and_prognosis_among_them():
    unsure = tailoring.summarise(complete_answers())
    assert 0 < len(unsure.suggested_by_default) <= 10
    assert {"risk-group", "course-not-sure", "chances", "gives-and-costs", "not-more-treatment"} <= set(unsure.suggested_by_default)
    caring = summary_for(risk_group="high", what_matters={"home": "very", "research": "very", "travel": "very",
                                                        "everyday": "very", "comfort": "very", "control": "very"})
    assert len(caring.suggested_by_default) == 10 and "time-at-home" in caring.suggested_by_default
    offered = {q.id for q in caring.suggested_questions}
    assert set(caring.suggested_by_default) <= offered and len(offered) > 10  # the rest are one tap away
    assert len(caring.questions_in_order) == len(offered)


def test_suggested_questions_come_from_every_option_shown_then_general_ones():
    summary = summary_for(risk_group="high")
    ids = [q.id for q in summary.suggested_questions]
    assert len(ids) == len(set(ids))
    assert ids[0].startswith(summary.options_shown[0].id)
    assert any(not any(i.startswith(o.id) for o in summary.options_shown) for i in ids)
