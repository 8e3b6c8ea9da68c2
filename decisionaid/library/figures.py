"""A figure from a source in the one form of words every page uses: outcome, counts and their
complement, group and time frame (or that the source does not say)."""

TIME_NOT_GIVEN = "The source does not say over what time."


def amounts(number) -> tuple[str, str]:
    """The figure and its complement in words: the seed's counts where it gives them, else
    out of 100; an upper limit stays an upper limit ("fewer than 10", "more than 90")."""
    if number.has_counts:
        return f"{number.count} of {number.total}", f"{number.total - number.count} of {number.total}"
    n, rest = number.out_of_100, 100 - number.out_of_100
    if number.bound == "fewer-than":
        return f"fewer than {n} out of 100", f"more than {rest} out of 100"
    about = "about " if number.bound == "about" else ""
    return f"{about}{n} out of 100", f"{about}{rest} out of 100"


def figure_words(number) -> str:
    """One sentence naming the outcome, the group, the figure and its complement:
    "The cancer shrank in 14 of 17 patients with a new relapse; it did not shrink in 3 of 17."
    """
    amount, rest = amounts(number)
    if number.phrasing == "were":
        happened = f"{number.happened} {number.time_frame}".strip()
        text = f"{amount} {number.group} {happened}; {rest} {number.did_not}."
    else:
        text = f"{number.happened} in {amount} {number.group}; {number.did_not} in {rest}."
        if number.time_frame:
            text += f" This was {number.time_frame}."
    return text[0].upper() + text[1:]
