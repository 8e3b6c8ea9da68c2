"""The clinical fact-check of main (reviews-out/fact-check.md, rows R1-R24): each row stays fixed.

The MEDIUM rows are rendered for the families the fact-check used: (b) intermediate risk, come
back elsewhere; (d) low risk, back where it started; and a family whose child had a transplant."""

import html
import re

import pytest

from decisionaid.family import tailoring
from decisionaid.family.answers import SESSION_KEY
from decisionaid.library import catalogue, loader
from decisionaid.site.templatetags.decisionaid import publishers, source_name
from tests.helpers import complete_answers
from tests.library.test_content import SEED_TEXT, normalise

FAMILY_B = dict(risk_group="intermediate", cancer_course="relapsed", where_now=["elsewhere"], brain_or_spinal_cord="no")
FAMILY_D = dict(risk_group="low", cancer_course="relapsed", where_now=["same-place"])
LOW_ELSEWHERE = dict(risk_group="low", cancer_course="relapsed", where_now=["elsewhere"], brain_or_spinal_cord="no")
HIGH = dict(risk_group="high", cancer_course="relapsed", where_now=["elsewhere"], brain_or_spinal_cord="no")
OPTIONS = {o.id: o for o in loader.load().options}
DETAILS = re.compile(r"<details\b.*?</details>", re.S)


def page(client, url, **answers):
    session = client.session
    session[SESSION_KEY] = complete_answers(**answers)
    session.save()
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def note_ids(**answers):
    return [n.id for n in tailoring.summarise(complete_answers(**answers)).notes]


# --- R1: the transplant sentence is for families who told us of a transplant ---

@pytest.mark.django_db
def test_only_a_family_that_reported_a_transplant_is_told_its_child_had_one(client):
    for family in (FAMILY_B, FAMILY_D):
        text = page(client, "/options/second-transplant/", **family)
        assert "Your child has had a transplant before" not in text
        assert "You told us your child has had a transplant" not in text
        assert "If your child has had a transplant before, some of this may be familiar." in text
    told = page(client, "/options/second-transplant/", **HIGH, treatments_had=["transplant"], transplant_count="once")
    assert 'data-note="had-a-transplant"' in told and "You told us your child has had a transplant" in told


# --- R2: surgery's "What is known" gives NCI's lists, never "a new place" is not described ---

@pytest.mark.django_db
def test_surgery_says_what_nci_lists_for_cancer_in_other_places(client):
    text = page(client, "/options/surgery-again/", **LOW_ELSEWHERE)
    assert "That is what you told us" in text
    assert "comes back in a new place" not in text
    known = normalise(OPTIONS["surgery-again"].sections["What is known"])
    for listed in ("It lists watching closely, chemotherapy, and surgery then chemotherapy",
                   "It lists only treatment like the first treatment for high risk cancer",
                   "It lists surgery to take out the tumour there, then radiation therapy"):
        assert listed in known
    assert "brain or spinal cord" in OPTIONS["surgery-again"].comparison["what_is_known"]


# --- R3: the MYCN hint says what NCI links it to ---

def test_the_mycn_hint_names_what_nci_links_it_to_and_no_longer_says_nothing_does():
    mycn = catalogue.load().question("mycn")
    assert "do not link it to any option" not in mycn.hint
    assert "RIST" in mycn.hint and "does not change what this tool shows" in mycn.hint
    assert "nci-pdq-neuroblastoma-hp.txt" in mycn.sources
    assert "MYCN-amplified disease" in SEED_TEXT["nci-pdq-neuroblastoma-hp.txt"]


# --- R4: every figure from NCI's list for high risk at first says so ---

HP = "nci-pdq-neuroblastoma-hp.txt"
HIGH_RISK_PART = SEED_TEXT[HP].index("Recurrent or Refractory Neuroblastoma in Patients Initially Classified as High Risk")
EVERY_NUMBER = [(o.id, n) for o in (*loader.load().options, loader.load().palliative, loader.load().hospice)
                for n in o.numbers] + [(note.id, n) for note in loader.load().notes for n in note.numbers]


def listed_under_high_risk(number):
    return number.source == HP and SEED_TEXT[HP].index(normalise(number.seed_words)) > HIGH_RISK_PART


def test_every_figure_nci_lists_under_high_risk_at_first_is_marked_so_and_no_other():
    wrong = [(where, n.id) for where, n in EVERY_NUMBER if n.high_risk_list != listed_under_high_risk(n)]
    assert not wrong
    assert sum(n.high_risk_list for _, n in EVERY_NUMBER) >= 30


def figures_in(text):
    return dict(re.findall(r'<figure class="number" data-number="([\w-]+)">(.*?)</figure>', text, re.S))


LABEL = "NCI's summary for doctors lists this under cancer that was high risk at first."
NOT_YOURS = "This is not a figure for your child's risk group."


@pytest.mark.django_db
@pytest.mark.parametrize("option_id", ["clinical-trials", "mibg-therapy", "chemotherapy"])
@pytest.mark.parametrize(("family", "told"), [(FAMILY_B, True), (FAMILY_D, True), (HIGH, False)],
                         ids=["intermediate", "low", "high"])
def test_a_low_or_intermediate_family_is_told_these_are_not_figures_for_its_risk_group(client, option_id, family, told):
    figures = figures_in(page(client, f"/options/{option_id}/", **family))
    marked = {n.id for n in OPTIONS[option_id].numbers if n.high_risk_list}
    assert marked and marked <= set(figures)
    for number_id, figure in figures.items():
        assert (LABEL in figure) == (number_id in marked), number_id
        assert (NOT_YOURS in figure) == (told and number_id in marked), number_id


# --- R5: what "treatment as for newly diagnosed high risk" is, from Cancer.Net; nothing put forward ---

@pytest.mark.parametrize(("family", "note_id"), [(FAMILY_B, "intermediate-elsewhere"),
                                                  (LOW_ELSEWHERE, "low-elsewhere-or-not-responding")])
def test_a_family_told_of_treatment_as_for_high_risk_is_told_what_that_treatment_is(family, note_id):
    note = next(n for n in loader.load().notes if n.id == note_id)
    assert note_id in note_ids(**family)
    for quoted in ("Patients with high-risk neuroblastoma are treated with 3 phases of therapy.",
                   "immunotherapy and isotretinoin"):
        assert f'"{quoted}"' in normalise(note.text) and quoted in SEED_TEXT["003_37569a13876e516a.txt"]
    assert "003_37569a13876e516a.txt" in note.sources and "This tool's pages describe these treatments after" in normalise(note.text)  # F7
    assert tailoring.summarise(complete_answers(**FAMILY_B)).leading == ()  # nothing put forward for it


# --- R6: watching closely (observation), put forward only where NCI lists it ---

@pytest.mark.parametrize(("family", "leads"), [(FAMILY_D, False), (LOW_ELSEWHERE, True),  # F2: after surgery only
                                                (dict(risk_group="low", cancer_course="refractory"), True),
                                                (FAMILY_B, False), (HIGH, False),
                                                (dict(risk_group="intermediate", **{k: v for k, v in FAMILY_D.items()
                                                                                    if k != "risk_group"}), False),
                                                ({}, False)])
def test_watching_closely_is_put_forward_only_for_the_low_risk_situations_nci_lists_it_for(family, leads):
    summary = tailoring.summarise(complete_answers(**family))
    assert ("observation" in [o.id for o in summary.leading]) == leads
    assert "observation" in [o.id for o in summary.options_shown]  # never hidden


@pytest.mark.django_db
def test_watching_closely_is_named_in_the_decision_line_and_the_comparison(client):
    summary = page(client, "/summary/", **FAMILY_D)
    assert "for some low risk cancer, watching closely" in summary
    compare = page(client, "/options/compare/", **FAMILY_D)
    assert 'data-option="observation"' in compare and "Watching closely (observation)" in compare
    observation = OPTIONS["observation"]
    for reason in observation.put_forward:
        assert any("observation" in c["quote"] for c in reason.seed_conditions), reason.situation


# --- LOW rows ---

def test_the_notes_for_the_brain_or_spinal_cord_and_for_low_or_intermediate_risk_elsewhere():
    """R8 and R9."""
    for answer, shown in (("yes", True), ("not-sure", True), ("no", False)):
        ids = note_ids(**{**HIGH, "brain_or_spinal_cord": answer})
        assert ("brain-or-spinal-cord" in ids) == shown, answer
    assert "low-intermediate-elsewhere-prognosis" in note_ids(**FAMILY_B)
    assert "low-intermediate-elsewhere-prognosis" not in note_ids(**FAMILY_D)


def test_a_refractory_family_unsure_of_risk_and_place_is_told_only_what_decides():
    """R23: for cancer "that has not responded to treatment", the place does not decide."""
    named = tailoring.named_for(OPTIONS["chemotherapy"], complete_answers(cancer_course="refractory", where_now=["not-sure"]))
    low = next(n for n in named if "did not respond" in n.reason.situation)
    assert low.fits == tailoring.UNSURE and low.unsure_of == "of the risk group"
    relapsed = tailoring.named_for(OPTIONS["surgery-again"], complete_answers(cancer_course="relapsed", where_now=["not-sure"]))
    assert next(n for n in relapsed if "where it started" in n.reason.situation).unsure_of == \
        "of the risk group and where the cancer is now"


@pytest.mark.django_db
def test_the_better_outcome_in_one_study_sits_behind_the_disclosure_as_a_figure(client):
    """R24: NCI's "generally extremely poor", and the one group in one study at one hospital."""
    text = page(client, "/summary/", **HIGH)
    hidden = " ".join(DETAILS.findall(text))
    assert "generally extremely poor" in hidden and 'data-number="single-soft-tissue-relapse"' in hidden
    assert "generally extremely poor" not in DETAILS.sub("", text)
    figure = figures_in(text)["single-soft-tissue-relapse"]
    assert "one study at one hospital" in figure and "the source does not say how many children" in figure


def test_a_figure_a_note_gives_is_checked_like_every_figure():
    """Its words are the source's, word for word, its figure is in them, and it says what it rests on."""
    from tests.library.test_content import in_words
    from tests.library.test_evidence import rests_on_problems

    numbers = [n for note in loader.load().notes for n in note.numbers]
    assert numbers
    for number in numbers:
        assert normalise(number.seed_words) in SEED_TEXT[number.source], number.id
        assert in_words(number.out_of_100 if number.count is None else number.count, normalise(number.seed_words))
        assert not rests_on_problems(number), number.id


@pytest.mark.django_db
def test_the_handout_names_each_publisher_once_and_says_pages_and_texts(client):
    """R20."""
    names = publishers(catalogue.load().sources)
    assert len(names) == len(set(names)) and "National Cancer Institute (NCI)" in names
    for url in ("/handout/", "/blank-handout/"):
        text = page(client, url, **FAMILY_D)
        assert "Five public web pages" not in text and "These public pages and texts, from:" in text
        assert text.count("National Cancer Institute (NCI)") == 1, url


@pytest.mark.parametrize(("option_id", "gone", "now"), [
    ("bevacizumab-chemotherapy", '"starve" the tumour so the cancer cells die', "The sources differ on what happens next."),  # R10
    ("alk-targeted-therapy", "The trials were for children whose", "The trials were for children, and some adults,"),  # R11
    ("alk-targeted-therapy", "", "all the patients who responded had the same kind of ALK change"),  # R12
    ("chemoimmunotherapy", "Its approved use is with GM-CSF", '"accelerated approval"'),  # R13
    ("chemoimmunotherapy", "two other problems it calls", "transverse myelitis, a swelling of the spinal cord"),  # R14
    ("mibg-therapy", "MIBG therapy raises the risk", "MIBG therapy may raise the risk of thyroid problems"),  # R15
    ("chemotherapy", "chemotherapy raise the risk", "Some kinds of chemotherapy may raise the risk."),  # R15
    ("mibg-therapy", "one of only a few centres", "An undated page from one US children's hospital"),  # R16
    ("clinical-trials", "Trials open and close over time.", '"an evolving series of new clinical trials"'),  # R19
    ("mibg-therapy", "dates from April 2025", "NCI's PDQ summary on neuroblastoma treatment for families lists"),  # R21
])
def test_the_low_rows_wording_stays_fixed(option_id, gone, now):
    text = normalise(" ".join(OPTIONS[option_id].sections.values()))
    assert now in text and (not gone or gone not in text)


def test_the_glossary_the_field_test_and_the_families_summary_say_it_as_the_sources_do():
    """R14, R17, R18, R21."""
    terms = {t.term: t for t in loader.load().glossary}
    assert terms["transverse myelitis"].own_wording and terms["RPLS"].own_wording
    assert "how long a response lasts" not in terms["response"].meaning
    from decisionaid.fieldtest import content

    same_for_all = next(s for s in content.load().statements if s.id == "same-for-all")
    assert same_for_all.source == "001_221f4719d7adc711.txt" and "treated before" not in same_for_all.explanation
    assert "undated copy" in source_name("nci-pdq-neuroblastoma-patient.txt")
