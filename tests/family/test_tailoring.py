"""Each tailoring rule, with the seed sentence it implements, and every situation walked."""

import itertools
import re

import pytest

from decisionaid.family import tailoring
from decisionaid.library import catalogue, conditions, loader, reasons
from decisionaid.library.reasons import Reason
from tests.helpers import complete_answers


def summary_for(**answers):
    return tailoring.summarise(complete_answers(**answers))


def leading_ids(summary):
    return [o.id for o in summary.leading]


def note_ids(summary):
    return [n.id for n in summary.notes]


def every_option_id():
    return sorted(o.id for o in loader.load().options)


# NCI's April 2025 summary for families ("nci-pdq-neuroblastoma-patient.txt"), "Treatment of
# Recurrent Neuroblastoma", and its summary for doctors ("nci-pdq-neuroblastoma-hp.txt") list what
# may be used for each situation; seed 000, an older edition, is superseded (sources README).


def test_low_or_intermediate_risk_back_where_it_started_puts_forward_surgery_and_chemotherapy():
    """001: "For children with low or intermediate risk disease that has come back where it
    started. They might need surgery again, with or without chemotherapy." NCI, low risk:
    "surgery followed by observation or chemotherapy"; intermediate: "surgery that may be
    followed by chemotherapy". Watching closely is listed there only after surgery, so it is
    named, never put forward on its own (review F2)."""
    for risk in ("low", "intermediate"):
        summary = summary_for(risk_group=risk, cancer_course="relapsed", where_now=["same-place"])
        assert leading_ids(summary) == ["chemotherapy", "surgery-again"]  # A to Z by title
        assert "high-risk-prognosis" not in note_ids(summary)
        assert "low-intermediate-where-it-started" in note_ids(summary)


def test_radiation_is_named_but_never_put_forward_for_intermediate_risk_back_where_it_started():
    """NCI, intermediate risk back where it started: "radiation therapy for children whose disease
    has gotten worse after chemotherapy and second-look surgery". This tool does not ask that,
    so the summary names radiation for the family, in part, and never puts it forward."""
    summary = summary_for(risk_group="intermediate", cancer_course="relapsed", where_now=["same-place"])
    assert "radiation-therapy" in [o.id for o in summary.others]
    (named,) = summary.reasons["radiation-therapy"]
    assert named.in_full.endswith(". It names it only if the cancer got worse after chemotherapy and a second operation")
    low = summary_for(risk_group="low", cancer_course="relapsed", where_now=["same-place"])
    assert "radiation-therapy" not in low.reasons  # the low risk list does not name it


def test_back_where_it_started_and_elsewhere_too_is_not_back_where_it_started():
    """Review row 11: "come back where it started" is that place only. For intermediate risk,
    NCI names nothing of ours for other parts of the body ("treatment as for newly diagnosed
    high-risk neuroblastoma"): no lead group, and a note says so."""
    summary = summary_for(risk_group="intermediate", cancer_course="relapsed", where_now=["same-place", "elsewhere"])
    assert summary.leading == ()
    assert "intermediate-elsewhere" in note_ids(summary)


def test_low_risk_elsewhere_or_not_responding_puts_forward_chemotherapy_and_surgery():
    """NCI, low risk: "Treatment for recurrent neuroblastoma that comes back in other parts of the
    body or that has not responded to treatment may include: - observation - chemotherapy -
    surgery followed by chemotherapy - ..." """
    for answers in (dict(cancer_course="relapsed", where_now=["elsewhere"]),
                    dict(cancer_course="relapsed", where_now=["same-place", "elsewhere"]),
                    dict(cancer_course="refractory", where_now=["same-place"]),
                    dict(cancer_course="during-treatment", where_now=["nearby"])):
        summary = summary_for(risk_group="low", **answers)
        assert leading_ids(summary) == ["chemotherapy", "surgery-again", "observation"], answers
        assert "low-elsewhere-or-not-responding" in note_ids(summary)


@pytest.mark.parametrize(("risk", "course", "where"), [
    ("intermediate", "relapsed", ["elsewhere"]),
    ("intermediate", "refractory", ["same-place"]),
    ("low", "relapsed", ["nearby"]),
    ("intermediate", "relapsed", ["nearby"]),
    ("low", "relapsed", ["tests-pending"]),
    ("intermediate", "relapsed", ["not-sure"]),
])
def test_low_or_intermediate_risk_where_no_source_names_an_option_puts_nothing_forward(risk, course, where):
    """Brief F1.9 and review row 1: where no source names an option of ours for the situation,
    there is no lead group: one list, nothing hidden."""
    summary = summary_for(risk_group=risk, cancer_course=course, where_now=where)
    assert summary.leading == () and summary.groups[0][0] == "all"
    assert sorted(o.id for o in summary.options_shown) == every_option_id()


def test_near_where_it_started_is_said_to_be_described_by_no_source():
    summary = summary_for(risk_group="low", cancer_course="relapsed", where_now=["nearby"])
    assert "low-intermediate-nearby" in note_ids(summary)


def test_back_in_the_brain_or_spinal_cord_puts_forward_surgery_radiation_and_chemotherapy_whatever_the_risk():
    """NCI: "Treatment for neuroblastoma that recurs (comes back) in the central nervous system
    (CNS; brain and spinal cord) may include: surgery ... followed by radiation therapy;
    chemotherapy, surgery, and radiation therapy". It names no risk group."""
    for risk in ("low", "intermediate", "not-sure"):
        summary = summary_for(risk_group=risk, cancer_course="relapsed", where_now=["elsewhere"], brain_or_spinal_cord="yes")
        # NCI's list for the brain or spinal cord does not include observation (review F3).
        assert leading_ids(summary) == ["chemotherapy", "radiation-therapy", "surgery-again"], risk
    high = summary_for(risk_group="high", cancer_course="relapsed", where_now=["elsewhere"], brain_or_spinal_cord="yes")
    assert {"radiation-therapy", "surgery-again", "chemoimmunotherapy"} <= set(leading_ids(high))
    for answer in ("no", "not-sure"):
        summary = summary_for(risk_group="low", cancer_course="relapsed", where_now=["nearby"], brain_or_spinal_cord=answer)
        assert summary.leading == ()


def test_an_unsure_risk_group_puts_nothing_forward():
    """Review row 47: "a situation like your child's" cannot be claimed without a risk group."""
    summary = tailoring.summarise(complete_answers())  # "I'm not sure" wherever offered
    assert summary.leading == () and [name for name, _, _ in summary.groups] == ["all", "all"]
    assert [o.id for o in summary.groups[-1][2]] == ["comfort-care"]  # open to every family, on its own
    assert "risk-not-sure" in note_ids(summary)


def test_high_risk_puts_forward_what_the_current_edition_lists():
    """NCI (families): "Treatment may include: - Combination chemotherapy with monoclonal antibody
    therapy (dinutuximab). - Iodine 131-MIBG therapy ... - Chemotherapy. - A clinical trial of
    CAR T-cell therapy." NCI (doctors) also lists "3. Novel therapies ... Bevacizumab". A second
    transplant, listed by seed 000, is no longer listed, so it is put forward for no one."""
    summary = summary_for(risk_group="high", cancer_course="relapsed", where_now=["elsewhere"], alk="no",
                          treatments_had=["transplant"], transplant_count="once")
    assert leading_ids(summary) == ["bevacizumab-chemotherapy", "chemotherapy", "clinical-trials", "chemoimmunotherapy",
                                    "mibg-therapy", "newer-approaches"]
    assert "second-transplant" in [o.id for o in summary.others] and "second-transplant" not in summary.reasons
    assert {"high-risk-prognosis", "no-approach-known-better"} <= set(note_ids(summary))
    assert {n.id for n in summary.serious_notes} == {"high-risk-prognosis", "high-risk-one-selected-group"}  # F1


def test_refractory_high_risk_gets_the_words_about_cancer_that_has_not_gone_away():
    """Review row 31: NCI says "any recurrence"; for refractory cancer, 001's words fit. NCI's
    list for doctors is for "recurrent or refractory" cancer: the same options lead."""
    summary = summary_for(risk_group="high", cancer_course="refractory")
    assert "high-risk-prognosis" not in note_ids(summary)
    assert "high-risk-refractory-prognosis" in note_ids(summary)
    assert leading_ids(summary) == leading_ids(summary_for(risk_group="high", cancer_course="relapsed"))


def test_a_second_transplant_is_put_forward_for_no_one_and_says_what_changed():
    """Sources README: "A second transplant is no longer listed" in the April 2025 edition."""
    transplant = next(o for o in loader.load().options if o.id == "second-transplant")
    assert transplant.put_forward == () and transplant.also_described is None
    (former,) = transplant.no_longer_put_forward
    assert former.superseded_by == "nci-pdq-neuroblastoma-hp.txt"
    for count in ("once", "twice", "not-sure"):
        summary = summary_for(risk_group="high", treatments_had=["transplant"], transplant_count=count)
        assert "second-transplant" not in leading_ids(summary)


def test_an_alk_change_puts_forward_alk_medicines_beside_others_never_alone():
    """002: "for a child whose tumor has a mutation in the ALK protein, a clinical trial with a
    specific inhibitor of this protein may be offered." NCI (doctors), for high risk: "ALK
    inhibitors for patients with ALK variants." It joins a lead group, but never makes one of
    its own (review row 1)."""
    high = summary_for(risk_group="high", alk="yes", where_now=["elsewhere"])
    assert "alk-targeted-therapy" in leading_ids(high) and "alk-change" in note_ids(high)
    assert len(high.reasons["alk-targeted-therapy"]) == 2
    for risk in ("intermediate", "not-sure"):
        alone = summary_for(risk_group=risk, alk="yes", where_now=["elsewhere"])
        assert alone.leading == () and "alk-change" in note_ids(alone)
    assert "alk-targeted-therapy" not in leading_ids(summary_for(risk_group="high", alk="no"))


def test_each_option_put_forward_says_which_situation_and_why():
    summary = summary_for(risk_group="high", alk="yes")
    assert [r.situation for r in summary.reasons["clinical-trials"]] == ["for cancer that was high risk when it was first found"]
    assert [r.situation for r in summary.reasons["alk-targeted-therapy"]] == [
        "for a child whose tumour has an ALK change",
        "for cancer that was high risk when it was first found, in a child whose tumour has an ALK change"]
    assert set(summary.reasons) == set(leading_ids(summary))


def test_an_option_a_seed_ties_to_the_situation_says_so_even_in_the_one_list():
    """A lead group is never a single option, so an ALK medicine alone joins the one list,
    and says which part of the situation a source names it for."""
    alone = summary_for(risk_group="intermediate", alk="yes", where_now=["elsewhere"])
    assert alone.leading == ()
    assert [r.situation for r in alone.reasons["alk-targeted-therapy"]] == ["for a child whose tumour has an ALK change"]


def test_topotecan_before_brings_the_note_for_high_risk_only():
    """NCI's summary for doctors lists these regimens for patients "initially classified as high
    risk" (review row 33)."""
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
        assert ("mibg-scan-negative" if scan == "no" else "mibg-uptake") in note_ids(summary)


def test_a_scan_that_did_not_show_the_cancer_brings_how_the_sources_say_mibg_works_and_a_question():
    """Review N5. 001: "The cancer cells pick up the mIBG and die"; 002: "The MIBG carries the
    radioactive I-131 specifically to your child's tumors". No rule: a question to ask."""
    notes = {n.id: n for n in summary_for(risk_group="high", mibg_scan="no").notes}
    assert "mibg-uptake" not in notes
    text = notes["mibg-scan-negative"].text
    assert "working by the cancer cells taking up MIBG" in text and "could work" in text
    assert "do not say what it means" not in text


def test_low_or_intermediate_risk_hears_these_children_are_usually_cured_and_that_the_source_names_no_place():
    """Review N3, family (b): 002 "these children are usually cured with standard techniques such
    as surgery or chemotherapy" names no place where it came back; 003 "the cancer may need to
    be staged again". Said behind the heads-up on how serious it is, for low and intermediate."""
    for risk, where in (("intermediate", ["elsewhere"]), ("low", ["same-place"]), ("low", ["nearby"])):
        serious = {n.id: n for n in summary_for(risk_group=risk, cancer_course="relapsed", where_now=where).serious_notes}
        text = serious["low-intermediate-prognosis"].text
        assert "usually cured" in text and "It does not say where the cancer came back" in text, (risk, where)
        assert "staged again" in text and "ask your child's care team whether this applies" in text
        assert "general-prognosis" not in serious
    assert "low-intermediate-prognosis" not in note_ids(summary_for(risk_group="high"))
    assert "general-prognosis" in note_ids(summary_for(risk_group="not-sure"))


def test_high_risk_prognosis_says_what_the_current_sources_say():
    """Review N8: 003 "Recurrent high-risk neuroblastoma remains difficult to treat successfully";
    NCI's April 2025 summary for doctors, as the older edition: "Any recurrence in patients
    initially classified as high risk signifies a very poor prognosis"."""
    note = next(n for n in summary_for(risk_group="high", cancer_course="relapsed").notes if n.id == "high-risk-prognosis")
    assert "still hard to treat successfully" in note.text
    assert "updated in April 2025" in note.text and note.sources[0] == "nci-pdq-neuroblastoma-hp.txt"


def test_no_note_rests_on_the_superseded_edition():
    """Sources README: where NCI's April 2025 summary says the same as seed 000, cite it; where it
    differs (which approach is better; the high-dose mix after topotecan), say what it says now."""
    content = loader.load()
    assert not [n.id for n in content.notes if "000_3122cb35ce792f13.txt" in n.sources]
    better = next(n for n in content.notes if n.id == "no-approach-known-better")
    assert "chemotherapy with immunotherapy gives the best results" in better.text
    assert "An older edition said it was not known" in better.text
    topotecan = next(n for n in content.notes if n.id == "after-topotecan")
    assert "not used when the cancer grows while treatment is still going on" in topotecan.text


def test_immunotherapy_with_chemotherapy_is_put_forward_on_words_that_name_the_chemotherapy():
    """Review N12: 001 names "an immunotherapy drug such as dinutuximab beta" beside isotretinoin,
    and no chemotherapy; NCI's April 2025 lists name "Combination chemotherapy with monoclonal
    antibody therapy (dinutuximab)" and "Chemotherapy combined with immunotherapy". The reason
    quotes those, not 001's list, and 001's list puts neither it nor isotretinoin forward."""
    (high,) = option_named("chemoimmunotherapy").put_forward
    quoted = " ".join(c["quote"] for c in high.seed_conditions)
    assert "Combination chemotherapy with monoclonal antibody therapy (dinutuximab)" in quoted
    assert "Chemotherapy combined with immunotherapy" in quoted
    assert "dinutuximab beta" not in quoted and "001_221f4719d7adc711.txt" not in high.sources
    for option in loader.load().options:
        for reason in option.put_forward:
            assert not any("isotretinoin" in c["quote"] or "an immunotherapy drug" in c["quote"]
                           for c in reason.seed_conditions), option.id


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
BRAIN = ["yes", "no", "not-sure"]
EARLIER = [
    {"treatments_had": ["surgery"]},
    {"treatments_had": ["transplant"], "transplant_count": "once"},
    {"treatments_had": ["topotecan"], "topotecan_response": "yes"},
    {"treatments_had": ["not-sure"]},
]
# The words of a source that name each situation an answer can put an option forward for.
NAMED_BY = {
    ("risk-group", "high"): r"high[- ]risk",
    ("risk-group", "low"): r"low[- ]risk|low or intermediate risk",
    ("risk-group", "intermediate"): r"intermediate[- ]risk|low or intermediate risk",
    ("where-now", "same-place"): r"where it started|where the original tumor started|where the cancer first formed",
    ("where-now", "elsewhere"): r"in other parts of the body",
    ("cancer-course", "relapsed"): r"come back|comes back|recurren|relaps",
    ("cancer-course", "refractory"): r"refractory|not responded",
    ("cancer-course", "during-treatment"): r"not responded|come back",
    ("alk", "yes"): r"\bALK\b",
    ("brain-or-spinal-cord", "yes"): r"brain and spinal cord",
}


def situation_named(reason, answers):
    """Every answer this reason relies on is named in the source sentences it quotes."""
    quoted = " ".join(c["quote"] for c in reason.seed_conditions).replace("initially classified as high risk", "high risk")
    relied_on = [(test["question"], value) for test in _tests_that_hold(reason.when, answers)
                 for value in test["any_of"] if value in _values(answers.get(test["question"]))]
    return relied_on and all(re.search(NAMED_BY[key], quoted, re.I) for key in relied_on)


def _values(answer):
    return answer if isinstance(answer, list) else [answer]


def _tests_that_hold(condition, answers):
    """The any_of tests the condition relies on for these answers (in an "any", the parts that hold)."""
    for key in ("all", "any"):
        for part in condition.get(key, ()):
            if conditions.holds(part, answers):
                yield from _tests_that_hold(part, answers)
    if "any_of" in condition:
        yield condition


@pytest.mark.parametrize("risk", RISKS)
def test_every_situation_no_lead_group_of_one_none_unnamed_nothing_hidden(risk):
    for place, alk, course, brain, earlier in itertools.product(PLACES, ALK, COURSES, BRAIN, EARLIER):
        answers = complete_answers(risk_group=risk, where_now=place, alk=alk, cancer_course=course,
                                   brain_or_spinal_cord=brain, **earlier)
        summary = tailoring.summarise(answers)
        said = (place, alk, course, answers.get("brain-or-spinal-cord"), earlier)
        assert sorted(o.id for o in summary.options_shown) == every_option_id()  # nothing hidden
        assert len(summary.leading) != 1, said  # a lead group is never a single option
        for option in summary.leading:  # nothing put forward that no source ties to this situation
            assert any(not r.only_if for r in summary.reasons[option.id]), (option.id, said)
            assert all(situation_named(r, answers) for r in summary.reasons[option.id]), (option.id, said)
        if answers.get("brain-or-spinal-cord") != "yes":
            if risk == "not-sure" or (risk == "intermediate" and place != ["same-place"]):
                assert summary.leading == (), said


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


# --- For whom each option is named, on its own page (review N1, N2, earlier row 46) ---------

def option_named(option_id):
    return next(o for o in loader.load().options if o.id == option_id)


def test_a_family_unsure_of_the_risk_group_is_told_so_never_that_an_option_is_for_someone_else():
    """Review N1, family (c): refractory, risk group not sure. 002: "for about 10 percent of
    children with high-risk neuroblastoma the disease will not respond to chemotherapy"."""
    answers = complete_answers(cancer_course="refractory")
    chemotherapy = option_named("chemotherapy")
    named = tailoring.named_for(chemotherapy, answers)
    high = next(n for n in named if "high risk" in n.reason.situation)
    assert high.fits == tailoring.UNSURE and high.unsure_of == "of the risk group"
    assert tailoring.closing(chemotherapy, named, answered=True) == tailoring.ASK
    told_high = complete_answers(cancer_course="refractory", risk_group="high")
    assert tailoring.closing(chemotherapy, tailoring.named_for(chemotherapy, told_high), answered=True) == ""


def test_a_situation_turning_on_several_unsure_answers_names_them_all():
    answers = complete_answers(cancer_course="relapsed", where_now=["not-sure"])
    named = tailoring.named_for(option_named("surgery-again"), answers)
    same_place = next(n for n in named if "where it started" in n.reason.situation)
    assert same_place.fits == tailoring.UNSURE
    assert same_place.unsure_of == "of the risk group and where the cancer is now"


def test_an_option_described_for_any_relapse_is_never_said_to_be_for_someone_else():
    """Review N2 and earlier row 46, families (b) and (e): 004 "Treatment options for relapsed
    neuroblastoma include MIBG therapy ..." names no risk group."""
    for answers in (dict(risk_group="intermediate", cancer_course="relapsed", where_now=["elsewhere"]),
                    dict(risk_group="low", cancer_course="relapsed", where_now=["same-place"])):
        family = complete_answers(**answers)
        for option_id in ("mibg-therapy", "clinical-trials", "chemoimmunotherapy"):
            option = option_named(option_id)
            named = tailoring.named_for(option, family)
            assert not any(n.fits for n in named) and option.also_described
            assert tailoring.closing(option, named, answered=True) == tailoring.ASK
    alk = option_named("alk-targeted-therapy")  # described only for an ALK change
    said_no = complete_answers(risk_group="high", alk="no")
    assert tailoring.closing(alk, tailoring.named_for(alk, said_no), answered=True) == tailoring.NOT_YOURS


def test_an_option_named_for_a_situation_this_tool_asks_only_in_part_says_so():
    answers = complete_answers(risk_group="intermediate", cancer_course="relapsed", where_now=["same-place"])
    named = tailoring.named_for(option_named("radiation-therapy"), answers)
    assert [n.fits for n in named] == [tailoring.PARTLY, ""]


@pytest.mark.parametrize("course", COURSES)
def test_no_family_unsure_of_its_risk_group_is_told_an_option_is_for_someone_else(course):
    """Every family unsure of its risk group, every option: a situation the option is named for
    is marked as not theirs only where no risk group would make it theirs, and the page says
    "That is not the situation you described" only where that holds of every situation."""
    risks = ("low", "intermediate", "high")
    for place, alk, brain, earlier in itertools.product(PLACES, ALK, BRAIN, EARLIER):
        answers = complete_answers(risk_group="not-sure", cancer_course=course, where_now=place, alk=alk,
                                   brain_or_spinal_cord=brain, **earlier)
        for option in loader.load().options:
            named = tailoring.named_for(option, answers)
            could_be = [n for n in named if any(conditions.holds(n.reason.when, {**answers, "risk-group": risk})
                                                 for risk in risks)]
            assert all(n.fits for n in could_be), (option.id, answers)
            if could_be:
                assert tailoring.closing(option, named, answered=True) != tailoring.NOT_YOURS


def test_every_question_a_situation_turns_on_has_words_for_not_being_sure_of_it():
    words = loader.load().groups["not_sure_of"]
    for option in loader.load().options:
        for reason in option.put_forward:
            for test in conditions.tests_in(reason.when):
                assert test["question"] in words, (option.id, test["question"])


def test_every_situation_rests_on_a_current_source_that_the_options_page_names():
    """Sources README: seed 000 is superseded by NCI's April 2025 summary; an option put forward
    because of seed 000 alone is put forward no longer. Every situation quotes a current source,
    and the option lists it among its sources, so its page names it."""
    sources = {s.id: s for s in catalogue.load().sources}
    assert sources["000_3122cb35ce792f13.txt"].superseded_by == "nci-pdq-neuroblastoma-hp.txt"
    for option in loader.load().options:
        for reason in (*option.put_forward, *filter(None, [option.also_described])):
            assert any(not sources[s].superseded_by for s in reason.sources), (option.id, reason.situation)
            assert reason.sources <= set(option.sources), (option.id, reason.sources - set(option.sources))
        for former in option.no_longer_put_forward:
            assert {sources[s].superseded_by for s in former.sources} == {former.superseded_by}


def test_the_content_check_refuses_a_situation_resting_only_on_a_superseded_source():
    questions = {q.id: q for q in catalogue.load().questions}
    stale = Reason("for cancer that was high risk when it was first found",
                   ({"quote": "Chemotherapy.", "source": "000_3122cb35ce792f13.txt"},),
                   when={"question": "risk-group", "any_of": ["high"]})
    found = list(reasons.problems(reasons.Situations(put_forward=(stale,)), questions, "options/x.md"))
    assert any("newer edition replaces" in problem for problem in found)
    current = Reason(stale.situation, ({"quote": "Chemotherapy.", "source": "nci-pdq-neuroblastoma-patient.txt"},),
                     when=stale.when)
    assert list(reasons.problems(reasons.Situations(put_forward=(current,)), questions, "options/x.md")) == []
