"""Pure: the staff report of one field test, from its rows (Participant.as_row) and its counts.

What a clinician reads at a glance: how many were invited, said yes and finished; knowledge
before and after (paired: only families who answered both); SURE and PrepDM; what families
thought of the tool; and, for each thing families rated very important, which way they leaned.
"""

from statistics import mean, stdev

from decisionaid.fieldtest import charts, rules

FEW = 10  # below this many finished families, the report says to read it as a description only
# Student's t at 97.5% (two-sided 95%), by degrees of freedom; between rows, the smaller df's
# value (a little wider: never claims more certainty than there is).
T_975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
         11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
         20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048,
         29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}


def _families(n) -> str:
    return "1 family" if n == 1 else f"{n} families"


def _of(count, total) -> str:
    return f"{count} of {total}" if total else "none yet"


def _fraction(count, total) -> float:
    return count / total if total else 0.0


def interval(values) -> tuple[float, float, float] | None:
    """The mean, and its 95% confidence interval (t), of two or more values; else None."""
    if len(values) < 2:
        return None
    df = len(values) - 1
    t = T_975[max(k for k in T_975 if k <= df)]
    half = t * stdev(values) / len(values) ** 0.5
    middle = float(mean(values))
    return round(middle, 1), round(middle - half, 1), round(middle + half, 1)


def counts(counters: dict, rows) -> list[dict]:
    """The flow, out of the families invited. Rows taken out (Start over, Stop taking part) are
    gone, so they are "said yes" less the rows kept, until the keeping period ends (`ended`)."""
    invited, agreed, declined = counters["invited"], counters["agreed"], counters["declined"]
    lines = [("Invited", invited), ("Said no, thank you", declined),
             ("Did not answer the invitation", max(0, invited - agreed - declined)), ("Said yes", agreed),
             ("Answered Before", sum(r["knowledge_before_score"] is not None for r in rows)),
             ("Finished (answered After)", sum(1 for r in rows if r["finished_on"]))]
    if not counters.get("ended"):
        lines.append(("Took their answers out (Start over or Stop taking part)", max(0, agreed - len(rows))))
    return [{"label": label, "n": n, "chart": charts.bar(_fraction(n, invited))} for label, n in lines]


def knowledge(rows, statements) -> dict:
    """Paired throughout: each statement, like the score, counts only the families who answered
    both, so its before and after are the same families."""
    both = [r for r in rows if r["knowledge_before_score"] is not None and r["knowledge_after_score"] is not None]
    lines = []
    for s in statements:
        right_before = sum(r["knowledge_before"].get(s.id) == s.answer for r in both)
        right_after = sum(r["knowledge_after"].get(s.id) == s.answer for r in both)
        lines.append({
            "statement": s.statement, "answer": s.answer,
            "text": f"Before: {_of(right_before, len(both))} right. After: {_of(right_after, len(both))} right.",
            "chart": charts.pair(_fraction(right_before, len(both)), _fraction(right_after, len(both))),
        })
    changes = [r["knowledge_after_score"] - r["knowledge_before_score"] for r in both]
    paired = {"n": len(both), "of": len(statements)}
    if both:
        paired.update(before=round(float(mean(r["knowledge_before_score"] for r in both)), 1),
                      after=round(float(mean(r["knowledge_after_score"] for r in both)), 1),
                      change=round(float(mean(changes)), 1), interval=interval(changes),
                      better=sum(c > 0 for c in changes), same=sum(c == 0 for c in changes),
                      worse=sum(c < 0 for c in changes))
    return {"rows": lines, "paired": paired}


def sure(rows, items) -> dict:
    both = [r for r in rows if r["sure_before_score"] is not None and r["sure_after_score"] is not None]
    top = len(items)
    lines = []
    for score in range(top, -1, -1):
        before = sum(r["sure_before_score"] == score for r in both)
        after = sum(r["sure_after_score"] == score for r in both)
        lines.append({"label": f"{score} of {top} “Yes”", "text": f"Before: {before}. After: {after}.",
                      "chart": charts.pair(_fraction(before, len(both)), _fraction(after, len(both)))})
    return {"rows": lines, "n": len(both), "top": top,
            "sure_before": sum(r["sure_before_score"] == top for r in both),
            "sure_after": sum(r["sure_after_score"] == top for r in both)}


def prepdm(rows, words) -> dict:
    done = [r for r in rows if r["prepdm_score"] is not None]
    lines = []
    for item in words.prepdm_items:
        # Every family that answered this item, whether or not it left out another.
        values = [int(r["prepdm"][item.id]) for r in rows if r["prepdm"].get(item.id)]
        average = round(mean(values), 1) if values else None
        lines.append({"label": item.text, "chart": charts.bar(((average or 1) - 1) / 4),
                      "text": f"Mean {average} of 5 ({len(values)} answered)" if values else "No answers yet"})
    score = round(mean(r["prepdm_score"] for r in done), 1) if done else None
    spread = round(stdev(r["prepdm_score"] for r in done), 1) if len(done) > 1 else None
    return {"rows": lines, "n": len(done), "score": score, "sd": spread, "stem": words.prepdm_stem}


def acceptability(rows, questions) -> list[dict]:
    found = []
    for question in questions:
        answers = [r["acceptability"][question.id] for r in rows if question.id in r["acceptability"]]
        parts = [{"label": c.label, "n": answers.count(c.value), "key": charts.key(index)}
                 for index, c in enumerate(question.choices)]
        found.append({"question": question.text, "n": len(answers), "parts": parts,
                      "chart": charts.stack([_fraction(p["n"], len(answers)) for p in parts])})
    return found


def values_and_leaning(rows, matters_items) -> dict:
    """For each "what matters most" item: of the finished families that rated it very important,
    how many leaned each way. Shaded by the share of that row (five shades, 0 to 4)."""
    finished = [r for r in rows if r["finished_on"]]
    groups = list(rules.LEANING_GROUPS)

    def line(label, families):
        cells = []
        for group in groups:
            n = sum(r["leaning_group"] == group for r in families)
            cells.append({"n": n, "shade": round(4 * _fraction(n, len(families)))})
        return {"label": label, "n": len(families), "cells": cells}

    lines = [line(label, [r for r in finished if r["what_matters"].get(value) == "very"])
             for value, label in matters_items]
    return {"groups": [rules.LEANING_GROUPS[g] for g in groups], "rows": lines,
            "all": line("Every family who finished", finished)}


def in_words(found: dict, counters: dict) -> list[str]:
    """The main numbers in sentences a report can start from (every one with how many it rests on)."""
    taken_out = next((line["n"] for line in found["counts"] if line["label"].startswith("Took")), 0)
    lines = [f"Of {counters['invited']} families invited, {counters['agreed']} said yes and {found['finished']} "
             f"finished; {counters['declined']} said no."
             + (f" {taken_out} took their answers out." if taken_out else "")]
    if found["without_before"]:
        lines.append(f"{found['without_before']} of the {found['finished']} who finished did not answer Before: "
                     "they are left out of the before-and-after comparisons.")
    paired = found["knowledge"]["paired"]
    if paired["n"]:
        ci = paired.get("interval")
        lines.append(f"Knowledge ({_families(paired['n'])} who answered both): {paired['before']} of {paired['of']} "
                     f"right on average before, {paired['after']} after; a mean change of {paired['change']}"
                     + (f" (95% confidence interval {ci[1]} to {ci[2]})." if ci else "."))
    sure_found = found["sure"]
    if sure_found["n"]:
        lines.append(f"SURE ({_families(sure_found['n'])} who answered both): {sure_found['sure_before']} answered "
                     f"“Yes” to all {sure_found['top']} before, {sure_found['sure_after']} after.")
    prep = found["prepdm"]
    if prep["n"]:
        lines.append(f"Preparation for Decision Making ({_families(prep['n'])}): mean score {prep['score']} out of 100"
                     + (f" (standard deviation {prep['sd']})." if prep["sd"] is not None else "."))
    for question in found["acceptability"]:
        if question["n"]:
            parts = "; ".join(f"{p['label']}: {p['n']}" for p in question["parts"])
            lines.append(f"“{question['question']}” ({_families(question['n'])}): {parts}.")
    every = found["values"]["all"]
    if every["n"]:
        parts = "; ".join(f"{group}: {cell['n']}" for group, cell in zip(found["values"]["groups"], every["cells"]))
        lines.append(f"Which way the {_families(every['n'])} who finished were leaning when they finished: {parts}.")
    return lines


def report(rows, counters: dict, words, matters_items) -> dict:
    finished = sum(1 for r in rows if r["finished_on"])
    found = {
        "counts": counts(counters, rows), "finished": finished, "few": finished < FEW, "kept": len(rows),
        "ended": bool(counters.get("ended")),
        "without_before": sum(1 for r in rows if r["finished_on"] and r["knowledge_before_score"] is None),
        "knowledge": knowledge(rows, words.statements), "sure": sure(rows, words.sure_items),
        "prepdm": prepdm(rows, words), "acceptability": acceptability(rows, words.acceptability),
        "values": values_and_leaning(rows, matters_items),
    }
    found["in_words"] = in_words(found, counters)
    return found
