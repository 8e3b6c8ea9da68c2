"""The security review's heaviest family (N1), through the real forms: 1,000 "W" in its hopes,
worries and side-effects details, 30 questions of its own of 300 "W", and every option weighed
up with 1,000-"W" reasons for and against. `make bench` times its PDF, and /about/ while several
such families make PDF after PDF (load.about_while_pdfs_are_made)."""

import time

from bench import pages
from bench.journey import Family, JourneyError

RUN = "W" * 1000
PLAN = {"cancer-course": "relapsed", "side-effects": ["pain", "other"],
        "hopes": RUN, "worries": RUN, "side-effects-details": RUN}
OWN_QUESTIONS = 30


class HeavyPdfs:
    """New PDFs of the heaviest family, one after another: each after a change of leaning, so
    none comes from the server's memory. When the server says this family has made enough
    (429), another heavy family takes over, as someone set on making PDFs would."""

    def __init__(self, base_url, timeout=60.0):
        self.base_url, self.timeout = base_url, timeout
        self.family, self.made = None, 0

    def next(self) -> tuple[int, float]:
        """(status, seconds) of the next new PDF's request."""
        for _ in range(2):
            if self.family is None:
                self.new_family()
            self.made += 1
            self.family.request("POST", "/weigh-up/leaning/",
                                data={**self.leaning_form, "leaning": self.options[self.made % 2]})
            started = time.perf_counter()
            response = self.family.client.get("/handout.pdf")
            seconds = time.perf_counter() - started
            if response.status_code != 429:
                return response.status_code, seconds
            self.close()
        return response.status_code, seconds

    def new_family(self):
        self.close()
        family = Family(self.base_url, PLAN, timeout=self.timeout)
        summary = family.complete()
        own = form_on(summary.text, "/summary/questions/")
        for number in range(OWN_QUESTIONS):
            family.request("POST", "/summary/questions/", data={**own, "own_question": f"{number:02d}" + "W" * 298})
        options = form_on(family.request("GET", "/weigh-up/").text, "/weigh-up/", with_choices=True)
        self.options = [value for value in options.choices["options"][1] if value != "dont-know"]
        family.request("POST", "/weigh-up/", data={**options.hidden, "options": self.options})
        reasons = form_on(family.request("GET", "/weigh-up/reasons/").text, "/weigh-up/reasons/", with_choices=True)
        family.request("POST", "/weigh-up/reasons/", data={**reasons.hidden, **{name: RUN for name in reasons.texts}})
        self.leaning_form = form_on(family.request("GET", "/weigh-up/leaning/").text, "/weigh-up/leaning/")
        self.family, self.made = family, 0

    def close(self):
        if self.family is not None:
            self.family.close()
            self.family = None


def form_on(html: str, action: str, with_choices=False):
    """The page's form posting to `action`: its hidden fields, or the form itself."""
    form = next((f for f in pages.forms(html) if f.method == "post" and f.action == action), None)
    if form is None:
        raise JourneyError(f"no form posting to {action}")
    return form if with_choices else form.hidden
