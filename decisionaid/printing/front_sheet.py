"""The handout's front sheet: what the care team reads in one minute, on exactly one page,
however much the family wrote (pure functions: handout.py gives them the family's words).

Page 1 names every option the family wants to talk about, its leaning, and its own words in
full or up to a sentence's or word's end, marked "continues on page 2"; the rest of what it
wrote follows on page 2 in full ("Continued from the front page"). The questions take the room
left, two columns of them; those that do not fit go on page 2, numbered on.

How much fits is worked out here from the length of each part, in lines: the browser's print
has nothing else to go by. The longer the rest, the less of the family's words page 1 shows
(BUDGETS), down to what fits with everything else at its longest. The PDF then checks: should
its front sheet still run over, pdf_render measures where the first layout put the questions
and refit() works out the second and last layout from what it measured: as many questions as
fit in the room they had, or, when what is above them ran over, the family's words shorter.
"""

import itertools
import math
import unicodedata

# How much of the family's words page 1 shows, in letters: the first budget whose front sheet
# fits, else the last (measured with WeasyPrint and Chromium: tests/printing/test_handout.py and
# browser/test_summary.py print the fullest front sheet).
# Reasons for and against are shown when a family chose up to three options (the letters for
# each, by how many: "reasons"); with more, page 1 names them all and their reasons are on page 2.
BUDGETS = ({"own_words": 300, "side_effects": 240, "reasons": {1: 200, 2: 130, 3: 90}},
           {"own_words": 220, "side_effects": 160, "reasons": {1: 140, 2: 100, 3: 70}},
           {"own_words": 150, "side_effects": 110, "reasons": {1: 100, 2: 70, 3: 50}})
MOST_QUESTIONS = 12
# The second layout's last resort (refit), for what is above the questions running over: the
# start of each of the family's words, and the options by name, their reasons on page 2 (with
# every answer at its longest, 1,000 "W" in every box, page 1 then holds with room to spare).
SHORTEST = {"own_words": 60, "side_effects": 60, "reasons": {}}
LEVELS = (*BUDGETS, SHORTEST)

# The front sheet's room for everything but its fixed parts, in lines across the page (9.5 pt
# type; a column holds about half a line's letters). Measured with Chromium printing on US Letter,
# the shorter paper (browser/test_summary.py prints the fullest front sheet on A4 and Letter);
# the PDF is on A4, which has room for A4_LINES more.
QUESTION_LINES = 45
A4_LINES = 4
LETTERS_ACROSS, LETTERS_IN_A_COLUMN = 96, 48
SPACE_BELOW_A_QUESTION = 0.3  # lines
HEADINGS_LEFT, HEADINGS_RIGHT = 4, 1  # the lines the columns' own headings take (3 and 1)
CONTINUES = " (continues on page 2)"  # as the template marks a cut, for counting its lines

# What the PDF's first layout measures is in CSS pixels (96 to the inch), on A4, in handout.css's
# print sizes: a line of the front sheet (9.5 pt, line-height 1.2), the space below a question
# (0.25rem), the line "This continues on the next page" at its longest (two lines and its
# space), and a little to spare for the rounding of each box.
LINE_PX = 9.5 * 1.2 * 96 / 72
QUESTION_GAP_PX = 4
CONTINUES_PX = 2 * LINE_PX + 3.2
SPARE_PX = 4

SENTENCE_ENDS = (". ", "! ", "? ", "\n", "。", "؟ ", "। ")


def shortened(text: str, most: int) -> tuple[str, bool]:
    """(what the front sheet shows of the text, whether it was cut). A cut comes at the end of
    a sentence when one ends in the second half of the room, else at the end of a word, marked
    "…", else (one long word) inside it, marked "…"; the template adds "continues on page 2".
    A text no longer than its room and that mark is never cut: the mark would take its place."""
    if width(text) <= most + width(CONTINUES):
        return text, False
    room = fitting(text, most)
    sentence = max(room.rfind(end) + len(end.rstrip(" ")) for end in SENTENCE_ENDS)
    if sentence > len(room) // 2:
        return room[:sentence].rstrip(), True
    words = room.rsplit(None, 1)[0] if " " in room.strip() else room[:-1]
    return words.rstrip(" ,;:-–") + " …", True


def fitting(text: str, most: int) -> str:
    """The start of the text that is at most `most` letters wide."""
    taken = 0.0
    for end, character in enumerate(text):
        taken += letter_width(character)
        if taken > most:
            return text[:end]
    return text


def letter_width(character: str) -> float:
    """How wide a letter prints next to an average one: "W" and Chinese or emoji near twice."""
    if character in "WMm@" or unicodedata.east_asian_width(character) in ("W", "F"):
        return 1.9
    if unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0.0
    if character.isupper() or character in "w%":
        return 1.4
    return 1.2 if character.isdigit() else 1.0


_ASCII_WIDTHS = [letter_width(chr(code)) for code in range(128)]


def width(text: str) -> float:
    if text.isascii():  # most text, read from a table without a call a letter
        return sum(map(_ASCII_WIDTHS.__getitem__, text.encode("ascii")))
    return sum(map(letter_width, text))


def lines(text: str, across: int = LETTERS_ACROSS) -> int:
    return -(-int(width(text)) // across) if text else 0


def marked(text: str, cut: bool) -> str:
    """The text as the front sheet prints it, for counting its lines."""
    return text + CONTINUES if cut else text


def options_shown(weighed: list[dict], budget: dict) -> list[dict]:
    """Every option the family wants to talk about, by name; with up to three, each with its
    reasons, cut to what fits (`cut` says which sides go on on page 2)."""
    most = budget["reasons"].get(len(weighed), 0)
    rows = []
    for row in weighed:
        reasons = {side: row["reasons"].get(side, "") for side in ("for", "against")}
        shown = {side: shortened(text, most) for side, text in reasons.items()} if most else {}
        rows.append({"title": row["option"].title, **{side: text for side, (text, _) in shown.items()}, "full": reasons,
                     "cut": {side for side, (_, cut) in shown.items() if cut},
                     "on_page_2": any(reasons.values()) and (not most or any(cut for _, cut in shown.values()))})
    return rows


def lines_besides_questions(parts: dict, budget: dict) -> int:
    """About how many lines the front sheet's other parts take: the contacts, the situation,
    and the taller of its two columns. `parts`: the handout's situation, very_important,
    deciding, weighed, leaning, sure_answers, next_steps, contacts, and the family's answers."""
    column, answers = LETTERS_IN_A_COLUMN, parts["answers"]
    own_words = (shortened(answers.get(key, ""), budget["own_words"]) for key in ("hopes", "worries"))
    left = (HEADINGS_LEFT + sum(lines(item, column) for item in parts["very_important"])
            + sum(lines(marked(*text), column) for text in own_words)
            + sum(lines(f"{what}: {answer}", column) for what, answer in parts["deciding"]))
    options = options_shown(parts["weighed"], budget)
    if budget["reasons"].get(len(options)):
        right = sum(1 + sum(lines(marked(f"{side}: {o[side.lower()]}", side.lower() in o["cut"]), column)
                            for side in ("For", "Against")) for o in options)
    else:
        right = sum(lines(o["title"], column) for o in options) + 1
    right += HEADINGS_RIGHT + lines(f"Which way we are leaning: {parts['leaning']}", column)
    right += 9 if parts["sure_answers"] else 1
    side_effects = shortened(answers.get("side-effects-details", ""), budget["side_effects"])
    situation = sum(lines(" ".join(f"{w}: {a}" for w, a in line)) for line in parts["situation"])
    return (2 * len(parts["contacts"]) + situation + lines(marked(*side_effects))
            + max(left, right) + lines("Next steps we want: " + "; ".join(parts["next_steps"])))


def front_sheet(parts: dict, questions: list[str], extra_lines: int = 0) -> tuple[dict, dict]:
    """What the front sheet shows, and what it leaves for the page after it ("Continued from
    the front page"): the family's words as the first budget that fits allows, then the
    questions in the room left, two columns of them. `extra_lines`: A4_LINES for the PDF."""
    room = QUESTION_LINES + extra_lines
    level = next((n for n, b in enumerate(BUDGETS) if lines_besides_questions(parts, b) <= room), len(BUDGETS) - 1)
    kept = questions_in(room - lines_besides_questions(parts, BUDGETS[level]), questions[:MOST_QUESTIONS])
    return with_questions(*words_shown(parts, level), questions, kept)


def words_shown(parts: dict, level: int) -> tuple[dict, dict]:
    """The family's words on the front sheet as LEVELS[level] allows, and those it leaves for
    page 2 in full."""
    budget = LEVELS[level]
    answers = parts["answers"]
    limits = {"hopes": budget["own_words"], "worries": budget["own_words"],
              "side_effects_details": budget["side_effects"]}
    texts = {key: answers.get(key.replace("_", "-"), "") for key in limits}
    shown = {key: shortened(text, limits[key]) for key, text in texts.items()}
    options = options_shown(parts["weighed"], budget)
    front = {
        **{key: text for key, (text, _) in shown.items()},
        "cut": {key for key, (_, cut) in shown.items() if cut},
        "options": options,
        "with_reasons": bool(budget["reasons"].get(len(options))),
        "reasons_on_page_2": any(o["on_page_2"] for o in options),
        "level": level,
    }
    rest = {
        **{key: texts[key] for key in front["cut"]},
        "reasons": [row for row, shown in zip(parts["weighed"], options, strict=True) if shown["on_page_2"]],
    }
    rest["in_full"] = bool(front["cut"] or rest["reasons"])  # what the family wrote, past the front sheet
    return front, rest


def questions_in(room: float, questions: list[str]) -> int:
    """How many of the questions fit in two columns `room` lines high."""
    heights = [lines(question, LETTERS_IN_A_COLUMN) for question in questions]
    return next((k - 1 for k in range(1, len(heights) + 1) if columns_height(heights[:k]) > room), len(heights))


def columns_height(heights: list[int]) -> float:
    """About how many lines two columns of questions this many lines each take: each keeps its
    lines together and a little space below it, so the columns come out uneven by up to half
    the tallest."""
    return (sum(heights) + SPACE_BELOW_A_QUESTION * len(heights) + max(heights, default=0)) / 2


def with_questions(front: dict, rest: dict, questions: list[str], on_front: int) -> tuple[dict, dict]:
    """The first `on_front` questions on the front sheet, the rest on page 2, numbered on."""
    front = {**front, "questions": questions[:on_front]}
    rest = {**rest, "questions": questions[on_front:], "questions_from": on_front + 1}
    front["continues"] = bool(rest["in_full"] or rest["questions"])
    # On a screen the front sheet's words are in full: page 2 shows only what it does not have.
    front["rest_on_screen"] = bool(rest["questions"] or (rest["reasons"] and not front["with_reasons"]))
    return front, rest


def refit(parts: dict, front: dict, rest: dict, questions: list[str], measured: dict) -> tuple[dict, dict]:
    """The second and last layout of a PDF whose front sheet ran over, from what the first
    measured (pdf_render.measured): `room`, the height from the top of the front sheet's
    questions to the foot of page 1 (below 0: how far past it they began, None: no questions);
    `heights`, each front question's; `over`, how far the front sheet ran past page 1.

    When the questions began on page 1 with room for the line "This continues on the next
    page", all above them stays as it was and they keep as many as fit in that room. Else
    what is above them is too long: the family's words go down to the level that frees the
    lines it ran over by (at the last, the options by name), and the questions go to page 2."""
    room, heights = measured["room"], measured["heights"][:len(front["questions"])]
    if room is not None and room >= CONTINUES_PX + SPARE_PX:
        keep = questions_fitting(heights, room - CONTINUES_PX - SPARE_PX)
        if keep < len(heights):
            return with_questions(front, rest, questions, keep)
    too_long = (CONTINUES_PX - room if room is not None
                else measured["over"] + (0 if front["continues"] else CONTINUES_PX)) + SPARE_PX
    now = lines_besides_questions(parts, LEVELS[front["level"]]) - math.ceil(too_long / LINE_PX)
    level = next((n for n in range(front["level"] + 1, len(LEVELS))
                  if lines_besides_questions(parts, LEVELS[n]) <= now), len(LEVELS) - 1)
    return with_questions(*words_shown(parts, level), questions, 0)


def questions_fitting(heights: list[float], room: float) -> int:
    """How many of the questions, each `heights` high, fit in two columns `room` high."""
    return next((k - 1 for k in range(1, len(heights) + 1) if columns_px(heights[:k]) > room), len(heights))


def columns_px(heights: list[float]) -> float:
    """How high two columns of questions this high each are, balanced as WeasyPrint balances
    them: the second starts where the taller of the two is lowest (a question never splits)."""
    spaced = [height + QUESTION_GAP_PX for height in heights]
    return min((max(before, sum(spaced) - before) for before in itertools.accumulate(spaced, initial=0)))
