"""A family going through the field test, as its browser would post the forms."""

from decisionaid.fieldtest import content


def check_answers(knowledge="not-sure", sure="no", **overrides) -> dict:
    """The Before or After form: every statement answered `knowledge`, every SURE question `sure`."""
    words = content.load()
    data = {f"knowledge-{s.id}": knowledge for s in words.statements}
    data.update({f"sure-{i.id}": sure for i in words.sure_items})
    data.update(overrides)
    return data


def right_answers() -> dict:
    return {f"knowledge-{s.id}": s.answer for s in content.load().statements}


def tool_answers(scale="4", about="about-right", **overrides) -> dict:
    words = content.load()
    data = {f"prepdm-{i.id}": scale for i in words.prepdm_items}
    for question in words.acceptability:
        values = [c.value for c in question.choices]
        data[f"about-{question.id}"] = about if about in values else values[0]
    data.update(overrides)
    return data
