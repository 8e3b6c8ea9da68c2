"""The weigh-up in words, as its own pages, check your answers and the handout show it."""

from decisionaid.weighing import rules


def weigh_up_words(summary, weigh_up, answers) -> dict:
    """The weigh-up as pages and the handout show it."""
    sure_answers = [
        {"question": item["label"], "answer": {"yes": "Yes", "no": "No"}.get(weigh_up.sure.get(item["value"]), ""),
         "help": item["help"] if weigh_up.sure.get(item["value"]) == "no" else ""}
        for item in rules.sure_items()
    ]
    return {
        "weigh_up": weigh_up,
        "weighed": [{"option": o, "reasons": weigh_up.reasons.get(o.id, {})}
                    for o in summary.options_shown if o.id in weigh_up.chosen],
        "dont_know_yet": rules.DONT_KNOW in weigh_up.options,
        "leaning": rules.leaning_words(weigh_up, summary.options_shown),
        "sure_answers": [row for row in sure_answers if row["answer"]],
        "sure_help": rules.sure_help(weigh_up),
        "sure_mismatch": rules.sure_mismatch(weigh_up, answers),
        "sure_mismatch_words": rules.content()["sure_mismatch"],
        "next_steps": rules.next_step_labels(weigh_up),
    }
