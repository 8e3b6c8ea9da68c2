"""The family's answers: typed access over the server-side session. Nothing else stores them."""

import time

from django.dispatch import Signal

SESSION_KEY = "answers"
QUESTIONS_KEY = "questions_to_bring"
WEIGH_UP_KEY = "weigh_up"
SHARED_KEY = "shared_device"
LAST_SEEN_KEY = "last_seen"
SAVED_PLAN_KEY = "saved_plan"
ERASED_AFTER_SAVING_KEY = "erased_after_saving"

# Sent (with `session=`) just before a family erases everything it entered: "Start over", which a
# shared device's time-out uses too. What other parts keep for the family (the field test's row)
# goes with it; they receive this signal, so nothing here needs to know them.
answers_erased = Signal()
# Sent (with `session_key=`) whenever the session is emptied, for any reason (Start over, saving on
# a shared device): what other parts keep made from it (a PDF in a worker's memory) goes.
session_cleared = Signal()

# What a family may keep in their list of questions to bring.
OWN_QUESTION_MAX_LENGTH = 300  # characters in one question of the family's own
OWN_QUESTIONS_MAX = 30


class Answers:
    def __init__(self, session):
        self.session = session

    @property
    def data(self) -> dict:
        """A copy: change answers only through replace(), so the session notices."""
        return dict(self.session.get(SESSION_KEY, {}))

    def replace(self, answers: dict) -> None:
        self.session[SESSION_KEY] = dict(answers)

    @property
    def questions_to_bring(self) -> dict:
        """{"chosen": ids of suggested questions ticked, or None until the family has chosen
        (then the summary's suggestions stand), "own": the family's own questions}."""
        saved = self.session.get(QUESTIONS_KEY, {})
        chosen = saved.get("chosen")
        return {"chosen": None if chosen is None else list(chosen), "own": list(saved.get("own", []))}

    def replace_questions_to_bring(self, chosen: list[str] | None, own: list[str]) -> None:
        self.session[QUESTIONS_KEY] = {"chosen": None if chosen is None else list(chosen), "own": list(own)}

    @property
    def weigh_up(self) -> dict:
        """What the family has weighed up (see weighing.py), as the session keeps it."""
        return dict(self.session.get(WEIGH_UP_KEY, {}))

    def replace_weigh_up(self, weigh_up: dict) -> None:
        self.session[WEIGH_UP_KEY] = dict(weigh_up)

    @property
    def holds_anything(self) -> bool:
        """Something a family entered (or chose) is here, so "Start over" has something to erase."""
        return bool(self.data or self.weigh_up or self.is_shared_device or self.saved_plan_id
                    or self.session.get(QUESTIONS_KEY))

    @property
    def is_shared_device(self) -> bool:
        return bool(self.session.get(SHARED_KEY))

    def mark_shared_device(self) -> None:
        """Keep answers only for this browser session, and only while the device is in use:
        the cookie ends with the browser, the row after a spell without use (sessions.py)."""
        self.session[SHARED_KEY] = True
        self.session[LAST_SEEN_KEY] = time.time()
        self.session.set_expiry(0)

    def touch(self) -> None:
        """In use now: the session is saved, so its row's expiry starts again."""
        self.session[LAST_SEEN_KEY] = time.time()

    def clear(self) -> None:
        """Delete the session row itself, not just its contents, and what was made from it."""
        session_cleared.send(sender=Answers, session_key=self.session.session_key)
        self.session.flush()

    def note_erased_after_saving(self) -> None:
        """A shared device erased the answers it had just saved: pages that would show them say so."""
        self.session[ERASED_AFTER_SAVING_KEY] = True

    @property
    def erased_after_saving(self) -> bool:
        return bool(self.session.get(ERASED_AFTER_SAVING_KEY)) and not self.data

    def start_again(self) -> None:
        """A new journey on this device: nothing of the last family's to speak of."""
        self.session.pop(ERASED_AFTER_SAVING_KEY, None)

    @property
    def saved_plan_id(self) -> int | None:
        """The saved plan these answers belong to (see plans.py), if the family saved them."""
        return self.session.get(SAVED_PLAN_KEY)

    def link_saved_plan(self, plan_id: int) -> None:
        self.session[SAVED_PLAN_KEY] = plan_id

    def unlink_saved_plan(self) -> None:
        self.session.pop(SAVED_PLAN_KEY, None)

    def restore(self, answers: dict, questions_to_bring: dict, plan_id: int, weigh_up: dict | None = None) -> None:
        """Start a new session holding a saved plan's answers. Whatever this browser held
        before is deleted; a shared device stays a shared device."""
        shared = self.is_shared_device
        self.clear()
        if shared:
            self.mark_shared_device()
        self.replace(answers)
        self.replace_questions_to_bring(questions_to_bring["chosen"], questions_to_bring["own"])
        if weigh_up:
            self.replace_weigh_up(weigh_up)
        self.link_saved_plan(plan_id)
