"""Pure: the field test's scores, and what is kept of a family's answers (coarse, never free text).

Every function takes plain values (the family's answers as the session holds them, a form's
cleaned data) and returns plain values; nothing here reads a request or the database.
"""

from decisionaid.fieldtest.content import FALSE, TRUE

RISK_GROUPS = ("low", "intermediate", "high", "not-sure")
COURSES = ("refractory", "relapsed", "during-treatment", "not-sure")
# Which way a family leaned, in groups a clinician can read at a glance.
LEANING_GROUPS = {
    "treatment": "Treatment aimed at the cancer",
    "comfort": "Focusing on comfort",
    "both": "A mix of treatment and comfort",
    "not-sure": "Not sure yet",
    "none": "Did not say (or had not weighed up)",
}
MIX, NOT_SURE = "mix", "not-sure"  # the weigh-up's own values (weighing.MIX, weighing.NOT_SURE)


def knowledge_score(answered: dict, statements) -> int | None:
    """How many statements were answered rightly ("I'm not sure" is not right), or None when
    not every statement was answered."""
    if any(answered.get(s.id) not in (TRUE, FALSE, "not-sure") for s in statements):
        return None
    return sum(answered[s.id] == s.answer for s in statements)


def sure_score(answered: dict, items) -> int | None:
    """SURE: one point for each "Yes" (4 means no decisional conflict by this test); None when
    not every question was answered."""
    if any(answered.get(i.id) not in ("yes", "no") for i in items):
        return None
    return sum(answered[i.id] == "yes" for i in items)


def prepdm_score(answered: dict, items, points=5) -> float | None:
    """PrepDM: the mean item score (1 to 5) put on 0 to 100 ((mean − 1) × 25), one decimal;
    None when not every item was answered."""
    values = [answered.get(i.id) for i in items]
    if any(v not in {str(n) for n in range(1, points + 1)} for v in values):
        return None
    mean = sum(int(v) for v in values) / len(values)
    return round((mean - 1) * 100 / (points - 1), 1)


def situation_group(answers: dict) -> str:
    """Coarse on purpose: the risk group at diagnosis and whether the cancer came back or never
    went away, as "high/relapsed". Nothing finer, so no family can be picked out by it."""
    risk = answers.get("risk-group")
    course = answers.get("cancer-course")
    return f"{risk if risk in RISK_GROUPS else 'not-sure'}/{course if course in COURSES else 'not-sure'}"


def what_matters(answers: dict, items) -> dict:
    """The family's "what matters most" ratings, each item's value or "" when not rated."""
    rated = answers.get("what-matters") or {}
    return {item: rated.get(item, "") if isinstance(rated, dict) else "" for item in items}


def leaning(weigh_up: dict, comfort_options) -> dict:
    """Which way the weigh-up says the family leans: the leaning as kept ("" when not said), the
    options it leans towards, and its group (LEANING_GROUPS)."""
    weigh_up = weigh_up if isinstance(weigh_up, dict) else {}
    said = weigh_up.get("leaning") or ""
    chosen = [o for o in (weigh_up.get("options") or []) if o != "dont-know"] if said == MIX else []
    options = chosen if said == MIX else [] if said in ("", NOT_SURE) else [said]
    if not said:
        group = "none"
    elif said == NOT_SURE:
        group = "not-sure"
    else:
        comfort = [o for o in options if o in comfort_options]
        group = "both" if comfort and len(comfort) < len(options) else "comfort" if comfort else "treatment"
    return {"leaning": said, "options": options, "group": group}
