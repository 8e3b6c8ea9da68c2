"""Pure: the field test's results as CSV rows, and the data dictionary that explains each column.

Both come from one list of columns, so they cannot disagree; a test holds them (and the table in
docs/field-test.md) to each other.
"""

import csv
import io
from dataclasses import dataclass
from typing import Callable

from decisionaid.fieldtest import rules

BLANK = "blank when not answered"


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    values: str
    value: Callable[[dict], object]  # the cell, from a row as Participant.as_row() gives it


def _key(text: str) -> str:
    return text.replace("-", "_")


# Plain ASCII quotes in the dictionary, so a spreadsheet opens both files the same way.
def _cell(value) -> str:
    return "" if value is None else str(value)


def columns(words, matters_items) -> list[Column]:
    """Every column, in order. `words`: the field test's content; `matters_items`: the "what
    matters most" items as (value, label) pairs."""
    n, top = len(words.statements), len(words.sure_items)
    found = [
        Column("id", "A random id for the family's row. Nothing in the results links it to the family.", "text",
               lambda r: r["id"]),
        Column("joined_on", "The day the family said yes (never the time).", "YYYY-MM-DD", lambda r: r["joined_on"]),
        Column("finished_on", "The day the family finished After.", "YYYY-MM-DD; blank if it has not",
               lambda r: r["finished_on"]),
        Column("before_answered", "Whether the family answered Before, before its first question. 'no': it went on "
               "to the questions without it (Before closes then), so its before columns are blank and it belongs in "
               "no before-and-after comparison", "yes, no",
               lambda r: "no" if r["knowledge_before_score"] is None else "yes"),
        Column("situation", "Risk group at diagnosis / whether the cancer came back or never went away, as the "
               "family answered (taken when it finished)",
               f"one of {', '.join(rules.RISK_GROUPS)}, then /, then one of {', '.join(rules.COURSES)} "
               "(for example high/relapsed); blank if it has not finished",
               lambda r: r["situation"]),
    ]
    for when in ("before", "after"):
        said = when.capitalize()
        for s in words.statements:
            found.append(Column(
                f"knowledge_{when}_{_key(s.id)}", f'{said}: "{s.statement}" (the sources say {s.answer})',
                f"true, false, not-sure; {BLANK}", lambda r, w=when, i=s.id: r[f"knowledge_{w}"].get(i)))
        found.append(Column(
            f"knowledge_{when}_score", f"{said}: right answers out of {n} ('I'm not sure' is not right)",
            f"0 to {n}; {BLANK}", lambda r, w=when: r[f"knowledge_{w}_score"]))
        for item in words.sure_items:
            found.append(Column(
                f"sure_{when}_{_key(item.id)}", f'{said}: SURE "{item.text}"', f"yes, no; {BLANK}",
                lambda r, w=when, i=item.id: r[f"sure_{w}"].get(i)))
        found.append(Column(
            f"sure_{when}_score", f"{said}: SURE score, the number of 'Yes' answers ({top}: no decisional conflict "
            "by this test)", f"0 to {top}; {BLANK}", lambda r, w=when: r[f"sure_{w}_score"]))
    scale = ", ".join(f"{c.value} {c.label}" for c in words.prepdm_scale)
    for item in words.prepdm_items:
        found.append(Column(
            f"prepdm_{_key(item.id)}", f'After: PrepDM "{words.prepdm_stem} {item.text}"', f"{scale}; {BLANK}",
            lambda r, i=item.id: r["prepdm"].get(i)))
    found.append(Column("prepdm_score", "After: PrepDM score, the mean item score put on 0 to 100 ((mean - 1) x 25)",
                        "0 to 100, one decimal; blank unless every item was answered (a family may leave "
                        "out any item)", lambda r: r["prepdm_score"]))
    for question in words.acceptability:
        found.append(Column(
            f"about_{_key(question.id)}", f'After: "{question.text}"',
            f"{', '.join(c.value for c in question.choices)}; {BLANK}",
            lambda r, i=question.id: r["acceptability"].get(i)))
    for value, label in matters_items:
        found.append(Column(
            f"matters_{_key(value)}", f'What matters most (taken when it finished): "{label}"',
            "not-important, somewhat, very, not-sure; blank when not rated",
            lambda r, i=value: r["what_matters"].get(i)))
    groups = "; ".join(f"{key} = {words}" for key, words in rules.LEANING_GROUPS.items())
    found += [
        Column("leaning", "The weigh-up's 'Which way are you leaning?' as it stood when the family sent After: an "
               "option's id, mix (more than one of the options it wanted to talk about: a mix, or torn between "
               "them) or not-sure",
               "text; blank when not said (or not yet weighed up)",
               lambda r: r["leaning"]),
        Column("leaning_options", "The options it leaned towards", "option ids, separated by spaces",
               lambda r: " ".join(r["leaning_options"])),
        Column("leaning_group", f"Its leaning in a group: {groups}", ", ".join(rules.LEANING_GROUPS),
               lambda r: r["leaning_group"]),
    ]
    return found


def results_csv(rows, cols) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in cols])
    for row in rows:
        writer.writerow([_cell(c.value(row)) for c in cols])
    return out.getvalue()


def dictionary_csv(cols) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["column", "meaning", "values"])
    for column in cols:
        writer.writerow([column.name, column.meaning, column.values])
    return out.getvalue()
