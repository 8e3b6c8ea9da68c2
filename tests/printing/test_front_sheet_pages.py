"""Page 1 ends cleanly (issue 21), in the real PDF: whatever the family wrote, its front sheet
names every option the family chose and its leaning, shows its hopes whole or marked "continues
on page 2" where page 2 goes on with them, shows no list marker without its words, and is laid
out at most twice. The review's heavy family: three options with long reasons and ALK answered
yes; its front sheet ran over page 1 even after its questions were moved, page 2 held nothing
but "This continues on the next page", and "(continues on page 2)" pointed at that page."""

import io
import re

import pytest
from pypdf import PdfReader

from decisionaid.family import tailoring
from decisionaid.family.answers import QUESTIONS_KEY, SESSION_KEY, WEIGH_UP_KEY
from decisionaid.hospital.models import Contact
from decisionaid.printing import front_sheet, handout, pdf_process
from tests.heavy_family import every_answer_given, weighed_up
from tests.helpers import URGENT
from tests.printing.test_front_sheet import MAYA_HOPES, THREE_OPTIONS, handout_for_session
from tests.printing.test_handout import WEIGH_UP, family

pytestmark = pytest.mark.django_db

REASON = ("Because she responded well to it last time and the doctors said it might help again, we think. "
          "Her grandmother agrees, and so does her aunt who is a nurse.")
WORRIES = ("That the treatment will hurt her and we will not have time at home with her brother and her "
           "grandmother here, and the long drives.")
REVIEWERS = ["chemoimmunotherapy", "alk-targeted-therapy", "comfort-care"]
WORDS = "She loves the sea and drawing with her brother, and we hope she can keep doing both. "
HEBREW = "אנחנו מקווים שהיא תהיה בבית איתנו ושלא יכאב לה. "
UNBROKEN = "Supercalifragilisticexpialidocious" * 4 + " https://example.org/" + "a" * 120 + " "
MARK = re.compile(r"[()]continues on page 2[()]")  # right to left, the PDF's text has its brackets turned
MARKER = re.compile(r"•|\d+\.")


def at_most(text: str, letters: int = 1000) -> str:
    """`text` over and over, as long as a box takes."""
    return (text * (letters // len(text) + 1))[:letters].strip()


def heaviest(client, text: str, options: int | None = None, own: int = 30) -> str:
    """Every answer given, `text` at its longest in every box (reasons too), the first
    `options` options the family is offered (all of them: None), `own` questions of its own at
    their longest, and a hospital's two contacts. Its hopes."""
    answers = every_answer_given(at_most(text))
    offered = [o.id for o in tailoring.summarise(answers).options_shown][:options]
    session = client.session
    session[SESSION_KEY] = answers
    session[QUESTIONS_KEY] = {"chosen": None, "own": [at_most(f"{n:02d} {text}", 300) for n in range(own)]}
    session[WEIGH_UP_KEY] = weighed_up(offered, at_most(text))
    session.save()
    Contact.objects.create(**URGENT, urgent=True)
    Contact.objects.create(who="Our key worker", phone="020 7946 0456", when_to_call="Weekdays, 9am to 5pm")
    return answers["hopes"]


def made_pdf(context: dict) -> tuple[pdf_process.Made, list[str], PdfReader]:
    made = pdf_process.render(handout.pdf_html(context), refit=lambda measured: handout.refit(context, measured))
    reader = PdfReader(io.BytesIO(made.pdf))
    return made, [re.sub(r"\s+", " ", page.extract_text().replace("\u200b", "")) for page in reader.pages], reader


def squashed(text: str) -> str:
    """The text without spaces, line ends or places to break, its marks' brackets put right."""
    return re.sub(r"[\s\u200b]", "", MARK.sub("(continues on page 2)", text))


def markers_alone(page) -> list[tuple[str, float, float]]:
    """The list markers ("•", "1.") on a page with no words beside them on their line."""
    runs = []

    def seen(text, cm, tm, font, size):
        if text.strip():
            runs.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=seen)
    words = [(x, y) for text, x, y in runs if not MARKER.fullmatch(text)]
    return [(text, x, y) for text, x, y in runs if MARKER.fullmatch(text)
            and not any(abs(y - their_y) < 1 and 0 < their_x - x < 30 for their_x, their_y in words)]


def assert_page_one_ends_cleanly(context: dict, hopes: str, left_to_right: bool = True) -> tuple[pdf_process.Made, list[str]]:
    made, pages, reader = made_pdf(context)
    first, after = pages[0], " ".join(pages[1:])
    assert made.layouts <= 2
    titles = [row["option"].title for row in context["weighed"]]
    assert titles and all(title in first for title in titles), first
    assert f"Which way we are leaning: {context['leaning']}" in first
    marked, goes_on = bool(MARK.search(first)), re.search(r"This continues on the next page|Our questions? (\(\d+\) are|is) on page 2", first)
    assert goes_on or not marked, "page 1 says (continues on page 2), but its foot ran over onto page 2"
    assert pages[1].startswith("Continued from the front page" if goes_on else "About the options"), pages[1][:300]
    shown = [front_sheet.shortened(hopes, level["own_words"]) for level in front_sheet.LEVELS]
    assert any(squashed(words + (front_sheet.CONTINUES if cut else "")) in squashed(first) for words, cut in shown)
    assert squashed(hopes) in squashed(first if squashed(hopes) in squashed(first) else after)
    if left_to_right:  # a marker of right-to-left words stands on their right
        assert markers_alone(reader.pages[0]) == []
    return made, pages


def reviewers_family(client) -> None:
    weigh_up = {**WEIGH_UP, "options": REVIEWERS, "reasons": {o: {"for": REASON, "against": REASON} for o in REVIEWERS},
                "leaning": "alk-targeted-therapy"}
    family(client, weigh_up=weigh_up, hopes=MAYA_HOPES, worries=WORRIES, alk="yes")


def test_the_reviewers_heavy_family_gets_a_front_sheet_that_ends_on_page_one(client):
    reviewers_family(client)
    made, _ = assert_page_one_ends_cleanly(handout_for_session(client), MAYA_HOPES)
    assert made.layouts == 2  # its first layout ran over: the second is what this tests


@pytest.mark.parametrize(("text", "options", "own"), [
    pytest.param(WORDS, None, 30, id="every-box-at-its-longest-every-option"),
    pytest.param(WORDS, 3, 1, id="every-box-at-its-longest-three-options"),
    pytest.param("W", 3, 30, id="one-long-word-three-options"),
    pytest.param("W", None, 0, id="one-long-word-every-option-no-questions"),
    pytest.param(UNBROKEN, 1, 1, id="long-unbroken-words-one-option"),
])
def test_the_heaviest_families_get_a_front_sheet_that_ends_on_page_one(client, text, options, own):
    hopes = heaviest(client, text, options, own)
    assert_page_one_ends_cleanly(handout_for_session(client), hopes)


def test_right_to_left_words_at_their_longest_end_on_page_one_too(client):
    hopes = heaviest(client, HEBREW, 3, 1)
    assert_page_one_ends_cleanly(handout_for_session(client), hopes, left_to_right=False)


def test_a_second_layout_keeps_all_above_the_questions_and_as_many_of_them_as_fit(client):
    """The first layout planned for a page far longer: every question on page 1. The second
    moves only questions, as many as did not fit in the room they had."""
    hopes = at_most(WORDS, 290)
    family(client, weigh_up=THREE_OPTIONS, hopes=hopes, worries=hopes, alk="yes")
    context = handout_for_session(client)
    questions = context["our_questions"]
    front, rest = front_sheet.front_sheet(context["front_sheet_parts"], questions, extra_lines=40)
    assert front["questions"] == questions
    made, pages = assert_page_one_ends_cleanly({**context, "pdf_sheet": {"front": front, "rest": rest}}, hopes)
    assert made.layouts == 2 and made.fits
    kept = sum(question in pages[0] for question in questions)
    assert 2 <= kept < len(questions) and questions[kept - 1] in pages[0]
    assert f"This continues on the next page: our questions {kept + 1} to {len(questions)}." in pages[0]
    assert f"More of our questions {kept + 1}. {questions[kept]}" in pages[1]


def test_when_what_is_above_the_questions_ran_over_the_second_layout_shortens_the_familys_words(client):
    """The first layout planned with the longest of the family's words and 12 questions: what
    is above the questions runs far over. The second keeps every option by name."""
    hopes = heaviest(client, WORDS, 3, 30)
    context = handout_for_session(client)
    parts, questions = context["front_sheet_parts"], context["our_questions"]
    front, rest = front_sheet.with_questions(*front_sheet.words_shown(parts, 0), questions, 12)
    made, _ = assert_page_one_ends_cleanly({**context, "pdf_sheet": {"front": front, "rest": rest}}, hopes)
    assert made.layouts == 2 and made.fits


def test_a_text_a_little_over_its_room_is_shown_whole_not_cut_and_marked():
    """The review's reasons were 93 letters against 90: page 1 cut "we think" and gave each
    reason a line of its own to say "(continues on page 2)"."""
    reason = "Because she responded well to it last time and the doctors said it might help again, we think"
    assert front_sheet.shortened(reason, 90) == (reason, False)
    assert front_sheet.shortened(reason + ". Her grandmother agrees with us.", 90)[1]


def test_two_columns_of_questions_are_as_high_as_weasyprint_balances_them():
    assert front_sheet.columns_px([]) == 0
    assert front_sheet.columns_px([30]) == 34
    assert front_sheet.columns_px([30, 30]) == 34  # one each side
    assert front_sheet.columns_px([30, 10, 10, 10]) == 42  # the long one alone
    assert front_sheet.questions_fitting([30, 30, 30, 30], 40) == 2
    assert front_sheet.questions_fitting([30, 30, 30, 30], 33) == 0
