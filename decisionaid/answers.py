"""The family's answers: typed access over the server-side session. Nothing else stores them."""

SESSION_KEY = "answers"


class Answers:
    def __init__(self, session):
        self.session = session

    @property
    def data(self) -> dict:
        """A copy: change answers only through replace(), so the session notices."""
        return dict(self.session.get(SESSION_KEY, {}))

    def replace(self, answers: dict) -> None:
        self.session[SESSION_KEY] = dict(answers)

    def clear(self) -> None:
        """Delete the session row itself, not just its contents."""
        self.session.flush()
