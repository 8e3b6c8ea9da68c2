"""The downsides of the six established treatments (issue 22): chemotherapy, immunotherapy with
chemotherapy, MIBG therapy, a second transplant, radiation therapy and surgery.

Each page names harms a family can picture, each traced to a source the page cites; harm figures
are drawn like the benefit figures; the side-by-side table and the summary line carry a real
downside; and the downsides weigh as much as what is known."""

import re

import pytest

from decisionaid.library import catalogue, loader, readability
from tests.library.test_content import SEED_TEXT, normalise

DOWNSIDES = "Possible side effects and downsides"
INVOLVES = "What it involves for your child and family"
KNOWN = "What is known"
CANCER_NET = "003_37569a13876e516a.txt"
LATE_EFFECTS = "nci-pdq-late-effects-patient.txt"
FOR_CLINICIANS = "nci-pdq-neuroblastoma-hp.txt"

# Option by option: (words on its downsides section, the source that says it, that source's own
# words). Harms a family can picture, during treatment and later on, each from a cited source.
HARMS = {
    "chemotherapy": [
        ("hair loss", CANCER_NET, "hair loss"),
        ("a higher chance of infections", CANCER_NET, "risk of infection"),
        ("mouth sores", "nci-chemotherapy.txt", "Damage to healthy cells may cause side effects, such as mouth sores"),
        ('"severe myelosuppression"', "fda-topotecan.txt", "Topotecan can cause severe myelosuppression"),
        ('"can be life threatening"', "fda-irinotecan.txt", "Late diarrhea can be life threatening"),
        ("Hearing loss", LATE_EFFECTS, "certain types of chemotherapy, such as cisplatin or high-dose carboplatin"),
        ("Acute myeloid leukaemia", LATE_EFFECTS, "myelodysplastic syndrome and acute myeloid leukemia"),
        ("Bladder cancer may follow cyclophosphamide", LATE_EFFECTS,
         "Bladder cancer may occur after chemotherapy with cyclophosphamide"),
    ],
    "chemoimmunotherapy": [
        ("often cause severe pain", CANCER_NET, "Anti-GD2 antibodies commonly cause severe pain"),
        ("low blood pressure", CANCER_NET, "low blood pressure, called hypotension"),
        ("can be life-threatening", "fda-unituxin.txt", "Life-threatening infusion adverse reactions occur"),
        ("severe nerve pain", "fda-unituxin.txt", "Unituxin causes severe neuropathic pain"),
        ("the heart stopping", "fda-danyelza.txt", "including cardiac arrest, anaphylaxis, hypotension"),
        ("itching or a rash", "nci-immunotherapy-side-effects.txt", "itchiness"),
        ("more fever, pain and allergic reaction", FOR_CLINICIANS,
         "Patients treated with IL-2 had higher rates of fever, pain, allergic reaction"),
    ],
    "mibg-therapy": [
        ("time in a special room", "002_d35ba8b09c2971c0.txt", "will stay in a special room at the hospital"),
        ("Too little thyroid hormone", LATE_EFFECTS, "MIBG (radioactive iodine) therapy for neuroblastoma"),
        ("Thyroid cancer", LATE_EFFECTS, "Thyroid cancer may occur"),
        ("a higher risk of a second cancer", FOR_CLINICIANS, "131I-MIBG is associated with risk of second malignancy"),
        ("a liver problem called sinusoidal obstructive syndrome", FOR_CLINICIANS, "sinusoidal obstructive syndrome"),
    ],
    "second-transplant": [
        ("destroys the bone marrow and weakens the immune system", CANCER_NET,
         "destroys the patient's bone marrow tissue and suppresses the immune system"),
        ("could still contain cancer", CANCER_NET, "could still be cancerous"),
        ("bleeding, more infections", "nci-stem-cell-transplant.txt", "increased risk of infection"),
        ("mouth sores", "nci-stem-cell-transplant.txt", "mouth sores"),
        ("(infertility)", "nci-stem-cell-transplant.txt", "infertility"),
        ("clouding of the lens of the eye", "nci-stem-cell-transplant.txt", "clouding of the lens of the eye"),
        ("damage to the liver, kidneys, lungs or heart", "nci-stem-cell-transplant.txt", "liver, kidney, lung, or heart damage"),
        ('"otherwise lethal doses"', FOR_CLINICIANS, "otherwise lethal doses"),
    ],
    "radiation-therapy": [
        ("feeling tired (fatigue)", CANCER_NET, "fatigue, mild skin reactions, upset stomach"),
        ("problems with wee (urine) and the bladder", "nci-radiation-side-effects.txt", "Urinary and bladder problems"),
        ("brain, ovaries or testicles", CANCER_NET, "growth and development of a child's brain, ovaries, or testicles"),
        ('"potentially devastating"', FOR_CLINICIANS, "the potentially devastating late effects of radiation therapy"),
        ("shorter than normal", LATE_EFFECTS, "short stature (being shorter than normal)"),
        ("curved spine", LATE_EFFECTS, "curving of the spine (scoliosis)"),
        ("Radiation to the head and neck raises the risk of thyroid problems", LATE_EFFECTS,
         "Radiation therapy to the head and neck increases the risk of thyroid late effects"),
        ("hearing loss", LATE_EFFECTS, "radiation therapy to the brain"),
        ("kidney cancer after radiation to the middle of the back", LATE_EFFECTS,
         "radiation treatment to the middle of the back"),
    ],
    "surgery-again": [
        ("**Pain.**", "nci-surgery.txt", "most people will have pain in the part of the body that was operated on"),
        ("**Infection.**", "nci-surgery.txt", "Infection is another problem that can happen after surgery"),
        ("bleeding, damage to nearby tissues, and reactions to the anaesthetic", "nci-surgery.txt",
         "bleeding, damage to nearby tissues, and reactions to the anesthesia"),
        ("life-threatening complications", FOR_CLINICIANS, "low risk of nephrectomy or life-threatening complications"),
        ("a curved spine later", FOR_CLINICIANS, "Laminectomy may result in later kyphoscoliosis"),
        ("a blocked bowel", "nci-pdq-neuroblastoma-patient.txt", "intestinal blockage (obstruction)"),
    ],
}
ESTABLISHED = tuple(HARMS)

# The summary line carries one sourced downside and never grows: its words on main before issue 22.
SUMMARY = {
    "chemotherapy": ("tiredness, infections and hair loss", 14),
    "chemoimmunotherapy": ("severe pain", 25),
    "mibg-therapy": ("thyroid problems", 28),
    "second-transplant": ("destroys the bone marrow and weakens the immune system", 25),
    "radiation-therapy": ("growth", 21),
    "surgery-again": ("pain, infection and bleeding", 25),
}
# The side-by-side table: real downsides, never only "the sources do not list them".
COMPARISON = {
    "chemotherapy": ("mouth sores", "second cancer"),
    "chemoimmunotherapy": ("nerve pain", "life-threatening"),
    "mibg-therapy": ("special room", "thyroid", "second cancer", "transplant"),
    "second-transplant": ("bone marrow", "Infection, bleeding", "second cancer"),
    "radiation-therapy": ("growth", "thyroid", "second cancers"),
    "surgery-again": ("Pain, infection, bleeding", "anaesthetic"),
}
# A further source named on the page says whose text it is, in the same sentence.
WHOSE = (("NCI's general page", "written for adults"), ("prescribing information", "written for doctors"))


def option(option_id):
    return next(o for o in loader.load().options if o.id == option_id)


def flat(text):
    return normalise(text).lower()


def prose_words(text):
    return len(readability.plain(text).split())


@pytest.mark.parametrize(("option_id", "on_page", "source", "source_words"),
                         [(o, *harm) for o, harms in HARMS.items() for harm in harms],
                         ids=lambda value: value if isinstance(value, str) and len(value) < 30 else None)
def test_each_downsides_section_names_a_harm_from_a_source_it_cites(option_id, on_page, source, source_words):
    opt = option(option_id)
    assert flat(on_page) in flat(opt.sections[DOWNSIDES]), f"{option_id}: the downsides do not name {on_page!r}"
    assert source in opt.sources, f"{option_id}: {source} is not among the option's sources"
    assert flat(source_words) in flat(SEED_TEXT[source]), f"{source} does not say {source_words!r}"


@pytest.mark.parametrize("option_id", ESTABLISHED)
def test_the_downsides_come_in_short_parts_a_parent_can_take_in(option_id):
    """During treatment, later on, for the family: under subheadings, in short paragraphs and
    lists, never a wall of text."""
    text = option(option_id).sections[DOWNSIDES]
    headings = re.findall(r"^### (.+)$", text, re.M)
    assert headings[0].startswith("During") and headings[1:] == ["Later on", "For your family"], headings
    for block in re.split(r"\n\s*\n", text):
        items = [line for line in block.splitlines() if line.startswith("- ")]
        if items:
            assert all(len(item.split()) <= 50 for item in items), block
        else:
            assert len(block.split()) <= 70, block


@pytest.mark.parametrize("option_id", ESTABLISHED)
def test_the_downsides_weigh_at_least_two_thirds_of_what_is_known(option_id):
    opt = option(option_id)
    downsides, known = prose_words(opt.sections[DOWNSIDES]), prose_words(opt.sections[KNOWN])
    assert downsides * 3 >= known * 2, f"{option_id}: {downsides} words of downsides against {known} known"


@pytest.mark.parametrize("option_id", ESTABLISHED)
def test_a_further_source_named_in_the_harms_says_whose_text_it_is(option_id):
    opt = option(option_id)
    for section in (INVOLVES, DOWNSIDES):
        sentences = re.split(r"(?<=[.:])\s", readability.plain(opt.sections[section]))
        for name, caution in WHOSE:
            naming = [s for s in sentences if name in s]
            if name == "NCI's general page":  # named in full once in a section, then "it says"
                naming = naming[:1]
            for sentence in naming:
                assert caution in sentence, f"{option_id}: {section}: {sentence!r}"
    if {"fda-topotecan.txt", "fda-irinotecan.txt"} & set(opt.sources):
        assert "adults with other cancers" in opt.sections[DOWNSIDES]


def test_every_harm_figure_is_drawn_like_a_benefit_figure():
    """A harm figure names its group, its complement, its source and what it rests on, like every
    figure (its words are checked against the source by test_content)."""
    harms = [(o, n) for o in loader.load().options for n in o.numbers if n.section == DOWNSIDES]
    assert {o.id for o, _ in harms} >= {"mibg-therapy", "chemoimmunotherapy"}
    for opt, number in harms:
        assert number.group and number.happened and number.did_not, number.id
        assert number.rests_on and number.source in opt.sources, number.id


def test_the_review_rows_on_these_options_stay_fixed():
    chemo, immuno, mibg = option("chemotherapy"), option("chemoimmunotherapy"), option("mibg-therapy")
    # N6: the 37 who had stem cell rescue are counted out of the 74, as a figure, never in the prose.
    rescue = next(n for n in chemo.numbers if n.id == "ice-stem-cell-rescue")
    assert (rescue.count, rescue.total) == (37, 74) and "more patients than that" in rescue.rests_on
    assert "37" not in " ".join([*chemo.sections.values(), *chemo.comparison.values()])
    # N9: said as Cancer.Net says it, word for word.
    assert ('"Different types of immunotherapy can cause different side effects. Common side effects include'
            in immuno.sections[DOWNSIDES])
    # N17: "MIBG therapy", not "131I-MIBG", wherever a family reads it.
    assert not any("131I" in text for text in (*mibg.sections.values(), *(n.study for n in mibg.numbers)))
    # Earlier row 6: the table names MIBG's side effects, stem cell rescue among them.
    assert "do not list" not in mibg.comparison["main_downsides"]


@pytest.mark.parametrize("option_id", ESTABLISHED)
def test_the_comparison_row_names_real_downsides(option_id):
    row = option(option_id).comparison["main_downsides"]
    assert not re.search(r"sources do not (list|say)", row), row
    for words in COMPARISON[option_id]:
        assert words in row, f"{option_id}: {row!r} does not name {words!r}"


def test_time_in_hospital_comes_from_a_source_where_one_says_it():
    for option_id in ("chemotherapy", "second-transplant", "surgery-again", "mibg-therapy"):
        assert option(option_id).says_time_in_hospital, option_id


@pytest.mark.parametrize("option_id", ESTABLISHED)
def test_the_summary_line_carries_a_downside_without_growing(option_id):
    summary = option(option_id).summary
    downside, most_words = SUMMARY[option_id]
    assert downside in summary, summary
    assert len(summary.split()) <= most_words, f"{option_id}: {len(summary.split())} words"


def test_own_words_for_the_harm_terms_are_marked_as_ours():
    """"grade 3", myelosuppression and the rest are explained where they appear, marked as our own
    words because no source explains them."""
    terms = {t.term: t for t in loader.load().glossary}
    known = {s.id for s in catalogue.load().sources}
    for term in ("grade 3", "myelosuppression", "sinusoidal obstructive syndrome", "nephrectomy"):
        assert terms[term].own_wording and set(terms[term].sources) <= known, term
