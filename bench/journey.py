"""One family's journey over HTTP, as a browser without JavaScript makes it: start, answer every
question with the page's own CSRF token, check your answers, the summary. Every request is timed."""

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from bench import families, pages
from bench.measure import require_loopback

ACCEPT = {"Accept-Encoding": "gzip, br", "User-Agent": "decisionaid-bench"}
MAX_STEPS = 60  # a journey longer than this is a bug, not a family


class JourneyError(Exception):
    pass


class TimeUp(Exception):
    """The load script's time limit came before this journey's end: cut short, not an error."""


@dataclass
class Timing:
    method: str
    path: str
    status: int
    seconds: float
    error: str = ""


@dataclass
class Family:
    base_url: str
    plan: dict
    timeout: float = 30.0
    stop_at: float | None = None  # time.monotonic() after which no request is sent
    timings: list = field(default_factory=list)

    def __post_init__(self):
        require_loopback(self.base_url)
        self.client = httpx.Client(base_url=self.base_url, headers=ACCEPT, timeout=self.timeout)

    def close(self):
        self.client.close()

    def request(self, method, path, **kwargs) -> httpx.Response:
        if self.stop_at is not None and time.monotonic() > self.stop_at:
            raise TimeUp(path)
        started = time.perf_counter()
        try:
            response = self.client.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            self.timings.append(Timing(method, path, 0, time.perf_counter() - started, type(error).__name__))
            raise JourneyError(f"{method} {path}: {type(error).__name__}: {error}") from error
        seconds = time.perf_counter() - started
        bad = response.status_code >= 400
        self.timings.append(Timing(method, path, response.status_code, seconds, f"HTTP {response.status_code}" if bad else ""))
        if bad:
            raise JourneyError(f"{method} {path}: HTTP {response.status_code}")
        return response

    def follow(self, response: httpx.Response) -> httpx.Response:
        """Follow redirects one request at a time, so each one is timed on its own."""
        for _ in range(5):
            if not response.is_redirect:
                return response
            path = urlsplit(urljoin(str(response.url), response.headers["location"]))
            response = self.request("GET", path.path + (f"?{path.query}" if path.query else ""))
        raise JourneyError("too many redirects")

    def start(self) -> httpx.Response:
        """The start page, then "Start now": returns the first question page."""
        page = self.request("GET", "/")
        form = next((f for f in pages.forms(page.text) if f.method == "post" and f.action == "/"), None)
        if form is None:
            raise JourneyError("the start page has no Start now form")
        return self.follow(self.request("POST", "/", data=form.hidden))

    def answer(self, page: httpx.Response) -> httpx.Response:
        """Answer the question on this page from the plan, press Continue, return the next page."""
        path = page.url.path
        form = next((f for f in pages.forms(page.text) if "question-form" in f.classes), None)
        if form is None or not path.startswith("/questions/"):
            raise JourneyError(f"expected a question page, got {path}")
        question_id = path.strip("/").split("/")[-1]
        data = families.answer_form(question_id, form, self.plan)
        return self.follow(self.request("POST", form.action or path, data=data))

    def walk(self, stop_before: int | None = None) -> tuple[list[str], httpx.Response]:
        """From the start page to check your answers (or to the question numbered `stop_before`,
        unanswered). Returns the question paths seen, in order, and the last page."""
        page = self.start()
        seen = []
        while page.url.path.startswith("/questions/"):
            if stop_before is not None and len(seen) == stop_before:
                return seen, page
            if page.url.path in seen or len(seen) > MAX_STEPS:
                raise JourneyError(f"the journey does not move on from {page.url.path}")
            seen.append(page.url.path)
            page = self.answer(page)
        if page.url.path != "/check-your-answers/":
            raise JourneyError(f"the journey ended at {page.url.path}, not check your answers")
        return seen, page

    def complete(self) -> httpx.Response:
        """The whole journey, ending on the summary (as "Continue to your summary" does)."""
        self.walk()
        summary = self.request("GET", "/summary/")
        if "<h1" not in summary.text or "Your summary" not in summary.text:
            raise JourneyError("the summary page did not come")
        return summary
