"""The small condition language that content files use over the family's answers.

One language for "when is this question asked" (questions.yaml) and "when does this option
apply" (options/*.md), so both are data a clinician can read:

    {question: risk-group, any_of: [high]}              the answer is, or includes, one of these
    {question: risk-group, none_of: [low, intermediate]} the answer is given and is none of these
    {question: what-matters, item: comfort, any_of: [very]}   one item of a grid question
    {all: [condition, ...]}    {any: [condition, ...]}    {not: condition}

An unanswered question satisfies neither any_of nor none_of: nothing is assumed about it.
"""

from collections.abc import Iterator, Mapping

COMBINATORS = ("all", "any", "not")
TESTS = ("any_of", "none_of")


def holds(condition: Mapping | None, answers: Mapping) -> bool:
    if condition is None:
        return True
    if "all" in condition:
        return all(holds(c, answers) for c in condition["all"])
    if "any" in condition:
        return any(holds(c, answers) for c in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], answers)
    given = answered_values(answers.get(condition["question"]), condition.get("item"))
    if given is None:
        return False
    if "any_of" in condition:
        return bool(given & set(condition["any_of"]))
    return not (given & set(condition["none_of"]))


def holds_unless_unknown(condition: Mapping | None, answers: Mapping, unknown: frozenset) -> bool | None:
    """Like holds, but None where the result turns on an answer that says the family does not
    know yet (a value in `unknown`: "I'm not sure", "Tests have not been done yet"). The
    unknown values themselves are never matched: what they stand for might be anything."""
    if condition is None:
        return True
    if "not" in condition:
        inner = holds_unless_unknown(condition["not"], answers, unknown)
        return None if inner is None else not inner
    for key, decides in (("all", False), ("any", True)):  # one False decides "all"; one True, "any"
        if key in condition:
            parts = [holds_unless_unknown(c, answers, unknown) for c in condition[key]]
            if decides in parts:
                return decides
            return None if None in parts else not decides
    given = answered_values(answers.get(condition["question"]), condition.get("item"))
    if given is None:
        return False
    known, listed = given - unknown, set(condition.get("any_of") or condition.get("none_of")) - unknown
    if known & listed:
        return "any_of" in condition
    if given & unknown:
        return None
    return "none_of" in condition


def answered_values(answer, item=None) -> set | None:
    if isinstance(answer, Mapping):
        answer = answer.get(item) if item else None
    if answer is None or answer == "" or answer == []:
        return None
    return set(answer) if isinstance(answer, list) else {answer}


def tests_in(condition: Mapping | None) -> Iterator[Mapping]:
    """Every leaf test in a condition, so the catalogue can check what it names."""
    if condition is None:
        return
    for key in ("all", "any"):
        for part in condition.get(key, ()):
            yield from tests_in(part)
    if "not" in condition:
        yield from tests_in(condition["not"])
    if "question" in condition:
        yield condition


def shape_error(condition) -> str | None:
    """A plain description of what is wrong with a condition's shape, or None."""
    if not isinstance(condition, Mapping):
        return f"a condition must be a mapping, not {condition!r}"
    keys = set(condition)
    if keys & set(COMBINATORS):
        if len(keys) != 1:
            return f"{sorted(keys)}: use one of all/any/not on its own"
        (key,) = keys
        parts = [condition[key]] if key == "not" else condition[key]
        if key != "not" and not isinstance(parts, list):
            return f"'{key}' takes a list of conditions"
        return next((e for e in map(shape_error, parts) if e), None)
    if "question" not in keys:
        return f"{dict(condition)!r} names no question"
    tests = keys & set(TESTS)
    if len(tests) != 1 or keys - {"question", "item", *TESTS}:
        return f"{dict(condition)!r}: give a question, optionally an item, and one of any_of/none_of"
    (test,) = tests
    if not isinstance(condition[test], list) or not condition[test]:
        return f"{dict(condition)!r}: '{test}' takes a non-empty list of answer values"
    return None



def in_words(condition: Mapping, questions_by_id: Mapping) -> str:
    """A condition as a clinician reviewing the content reads it: each question by its words and
    each answer by its label, e.g. 'not ("Which treatments has your child had so far?" includes
    "High-dose chemotherapy with a stem cell transplant")'. A tick-box answer "includes" what a
    one-choice answer "is"."""
    if "not" in condition:
        inner = in_words(condition["not"], questions_by_id)
        return f"not {inner}" if inner.startswith("(") else f"not ({inner})"  # all/any bring their own
    for key, joiner in (("all", " and "), ("any", " or ")):
        if key in condition:
            return "(" + joiner.join(in_words(c, questions_by_id) for c in condition[key]) + ")"
    question = questions_by_id[condition["question"]]
    labels = {c.value: c.label for c in question.choices}
    asked = f'"{question.text}"'
    if condition.get("item"):
        items = {i.value: i.label for i in question.items}
        asked += f', "{items.get(condition["item"], condition["item"])}"'
    values = condition.get("any_of") or condition["none_of"]
    listed = ", ".join(f'"{labels.get(v, v)}"' for v in values)
    some = listed if len(values) == 1 else f"one of {listed}"
    ticks = question.kind == "checkbox"
    if "any_of" in condition:
        return f"{asked} {'includes' if ticks else 'is'} {some}"
    return f"{asked} is answered, and {'includes none of' if ticks else 'is none of'} {listed}"
