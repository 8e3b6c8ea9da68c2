"""Medical words are explained on the page where they appear ("Words used here, explained"),
whichever way the page writes them: a trial's phase ("phase 1", "phase I/II"), "grade 3"."""

import html as html_lib
import re

import pytest

from decisionaid.family.answers import SESSION_KEY
from decisionaid.library import loader
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db

CONTENT = loader.load()
PAGES = [f"/options/{o.id}/" for o in (*CONTENT.options, CONTENT.palliative, CONTENT.hospice)]


def words(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def explained_and_read(client, url):
    """(the terms the page's "Words used here" box explains, the rest of the page's words, but
    for the names of the sources)."""
    main = client.get(url).content.decode().split('<main id="main"')[1].split("</main>")[0]
    main = re.sub(r'<p class="sources">.*?</p>', "", main, flags=re.S)
    box = re.search(r'<details class="terms">.*?</details>', main, re.S)
    explained = {words(t).lower() for t in re.findall(r"<dt>(.*?)</dt>", box.group(0))} if box else set()
    return explained, words(main.replace(box.group(0), "") if box else main).lower()


def forms(term):
    return [f.lower() for f in (term.term, *term.found_as)]


def written(form, text):
    return re.search(rf"\b{re.escape(form)}(?:s|es)?\b", text) is not None


def family_of(client, **answers):
    session = client.session
    session[SESSION_KEY] = complete_answers(**answers)
    session.save()
    return client


@pytest.fixture
def family(client):
    return family_of(client, risk_group="high", alk="yes", age="under-18", treatments_had=["topotecan"])


@pytest.mark.parametrize("answers", [dict(risk_group="high", alk="yes", age="under-18", treatments_had=["topotecan"]),
                                     dict(risk_group="low", cancer_course="refractory")], ids=["high", "low"])
@pytest.mark.parametrize("url", PAGES)
def test_every_glossary_word_an_option_page_uses_is_explained_on_it(client, url, answers):
    explained, read = explained_and_read(family_of(client, **answers), url)
    missing = [t.term for t in CONTENT.glossary
               if any(written(f, read) for f in forms(t)) and t.term.lower() not in explained]
    assert not missing, f"{url} uses but does not explain: {missing}"


@pytest.mark.parametrize(("url", "written_as", "term"), [
    ("/options/chemotherapy/", "phase i/ii", "phase 1"),  # NCI's "Chemotherapy (phase I/II studies)"
    ("/options/chemotherapy/", "phase i/ii", "phase 2"),
    ("/options/chemotherapy/", "grade 3", "grade 3"),
    ("/options/chemoimmunotherapy/", "phase 2", "phase 2"),  # in a figure's words only
    ("/options/alk-targeted-therapy/", "phase 1", "phase 1"),
    ("/options/newer-approaches/", "phase 1/2", "phase 2"),
    ("/options/clinical-trials/", "phase 2", "phase 2"),
])
def test_a_trials_phase_and_a_side_effects_grade_are_explained_where_they_appear(family, url, written_as, term):
    explained, read = explained_and_read(family, url)
    assert written_as in read and term in explained


def test_phase_1_is_explained_from_the_sources_and_phase_2_in_words_marked_as_our_own(client):
    terms = {t.term: t for t in CONTENT.glossary}
    assert not terms["phase 1"].own_wording and "nci-choices-for-care-advanced-cancer.txt" in terms["phase 1"].sources
    assert terms["phase 2"].own_wording and terms["grade 3"].own_wording
    about = words(client.get("/about/").content.decode())
    for own in ("phase 2", "grade 3"):  # listed on About for a clinician to review
        assert re.search(rf"\b{own}\b", about, re.I), own
    a_to_z = words(client.get("/words/").content.decode())
    assert "Phase 1 An early trial of a new treatment." in a_to_z
    assert "Phase 2 Trials of a new treatment go in steps" in a_to_z
