"""The bounded load script: complete journeys by many families at once, against a running server
on this machine. Each family starts, answers every question with the page's CSRF token, reaches
check your answers and the summary.

    python -m bench.load http://127.0.0.1:8200 --families 50 --journeys 150 --time-limit 120

Bounded three ways: loopback only; a fixed number of journeys (so of requests); a time limit
after which no journey starts, and a minute later no request is sent (journeys still going are
counted as cut short, not as errors). Every request times out after 30 seconds.

Then, as the security review did, several clients make new handout PDFs as fast as the server
lets them while /about/ is timed: it must stay within 3 times its median when alone. Once with
typical families, once with the review's heaviest family (bench/heavy.py)."""

import argparse
import itertools
import threading
import time
from dataclasses import dataclass, field

import httpx

from bench import budgets, families, heavy, measure, pages
from bench.journey import ACCEPT, Family, JourneyError, TimeUp
from bench.measure import percentile, require_loopback


@dataclass
class LoadResult:
    families: int
    journeys_wanted: int
    journeys_done: int = 0
    journeys_cut_short: int = 0
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list = field(default_factory=list)
    error_samples: list = field(default_factory=list)

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def latency(self, p) -> float:
        return percentile(self.latencies_ms, p) if self.latencies_ms else 0.0

    def summary(self) -> str:
        return (
            f"{self.families} families at once, {self.journeys_done}/{self.journeys_wanted} journeys "
            f"({self.journeys_cut_short} cut short by the time limit), "
            f"{self.requests} requests in {self.seconds:.1f} s: {self.requests_per_second:.0f} requests/s, "
            f"latency p50 {self.latency(50):.0f} ms, p95 {self.latency(95):.0f} ms, "
            f"p99 {self.latency(99):.0f} ms, errors {self.errors}"
        )


def plans():
    """Every kind of family in turn: typical, heaviest, every question."""
    return itertools.cycle([families.typical_family(), families.heaviest_family(), families.every_question_family()])


GRACE = 60.0  # seconds after the time limit that journeys under way may still finish in


class NewPdfs:
    """Handout PDFs the server has not made before: each after a new question of the family's
    own, so none comes from the server's memory. When the server says this family has made
    enough (429), another family takes over, as someone set on making PDFs would."""

    def __init__(self, base_url, plan, timeout=30.0):
        self.base_url, self.plan, self.timeout = base_url, plan, timeout
        self.family, self.asked, self.form = None, 0, {}

    def next(self) -> tuple[int, float]:
        """(status, seconds) of the next new PDF's request; a refusal other than 429 is returned."""
        for _ in range(2):
            if self.family is None or self.asked >= 25:  # the summary keeps up to 30 own questions
                self.new_family()
            self.asked += 1
            self.family.request("POST", "/summary/questions/",
                                data={**self.form, "own_question": f"Our question number {self.asked}?"})
            started = time.perf_counter()
            response = self.family.client.get("/handout.pdf")
            seconds = time.perf_counter() - started
            if response.status_code != 429:
                return response.status_code, seconds
            self.new_family()
        return response.status_code, seconds

    def new_family(self):
        self.close()
        self.family, self.asked = Family(self.base_url, self.plan, timeout=self.timeout), 0
        summary = self.family.complete()
        self.form = next(f.hidden for f in pages.forms(summary.text) if f.action == "/summary/questions/")

    def close(self):
        if self.family is not None:
            self.family.close()


@dataclass
class PdfLoadResult:
    """/about/ timed alone, then again while several clients make new PDFs one after another."""

    pdf_clients: int
    quiet: object  # measure.Timing
    loaded: object
    pdf_statuses: dict = field(default_factory=dict)  # HTTP status -> count
    seconds: float = 0.0
    heavy: bool = False  # the review's heaviest family's PDFs (bench/heavy.py), else a typical family's

    @property
    def ratio(self) -> float:
        return self.loaded.median / self.quiet.median

    def summary(self) -> str:
        made = ", ".join(f"{count} x {status}" for status, count in sorted(self.pdf_statuses.items(), key=str))
        whose = "the heaviest family's " if self.heavy else ""
        return (f"/about/ alone: median {self.quiet.median:.1f} ms; while {self.pdf_clients} clients made {whose}PDFs "
                f"({made}): median {self.loaded.median:.1f} ms, p95 {self.loaded.p95:.1f} ms, {self.ratio:.2f}x")


PAUSE_AFTER_REFUSAL = 1.0  # seconds


def time_about(client, seconds, every=0.1) -> measure.Timing:
    """/about/ (a new connection each time), about ten times a second for this many seconds."""
    samples = []
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        samples += measure.time_rounds({"about": (client, "/about/", None)}, 1)["about"].samples
        time.sleep(every)
    return measure.Timing(samples)


def about_while_pdfs_are_made(base_url: str, pdf_clients=6, seconds=20.0, timeout=30.0,
                              heavy_family=False) -> PdfLoadResult:
    """The review's test: several clients loop over new handout PDFs (of the heaviest family, or
    a typical one) for 20 seconds; /about/ is timed all along, and for as long before, alone.
    Bounded: loopback only, a fixed time, then the clients stop."""
    require_loopback(base_url)
    about = httpx.Client(base_url=base_url, headers=ACCEPT, timeout=timeout)
    quiet = time_about(about, seconds)
    stop, lock, first_answer = threading.Event(), threading.Lock(), threading.Event()
    statuses = {}

    makers = [heavy.HeavyPdfs(base_url, 2 * timeout) if heavy_family else NewPdfs(base_url, families.typical_family(), timeout)
              for _ in range(pdf_clients)]
    for maker in makers:  # their journeys first, so only PDFs are being made while /about/ is timed
        maker.new_family()

    def make_pdfs(pdfs):
        try:
            while not stop.is_set():
                status, _ = pdfs.next()
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                first_answer.set()
                if status != 200:  # "please try again": a person would, after a moment at least
                    stop.wait(PAUSE_AFTER_REFUSAL)
        except JourneyError:
            with lock:
                statuses["error"] = statuses.get("error", 0) + 1
        finally:
            pdfs.close()

    threads = [threading.Thread(target=make_pdfs, args=(maker,), daemon=True) for maker in makers]
    for thread in threads:
        thread.start()
    first_answer.wait(timeout=120)  # PDFs are being made from here on
    loaded = time_about(about, seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=2 * timeout)
    about.close()
    return PdfLoadResult(pdf_clients, quiet, loaded, dict(statuses), seconds, heavy_family)


def run(base_url: str, concurrent=50, journeys=150, time_limit=180.0, timeout=30.0) -> LoadResult:
    require_loopback(base_url)
    result = LoadResult(families=concurrent, journeys_wanted=journeys)
    tickets = iter(range(journeys))
    plan_cycle = plans()
    lock = threading.Lock()
    started = time.monotonic()
    deadline, stop_at = started + time_limit, started + time_limit + GRACE

    def family_worker():
        while time.monotonic() < deadline:
            with lock:
                ticket = next(tickets, None)
                plan = next(plan_cycle)
            if ticket is None:
                return
            family = Family(base_url, plan, timeout=timeout, stop_at=stop_at)
            done = cut = 0
            error = None
            try:
                family.complete()
                done = 1
            except TimeUp:
                cut = 1
            except JourneyError as problem:
                error = str(problem)
            finally:
                family.close()
            with lock:
                result.journeys_done += done
                result.journeys_cut_short += cut
                result.requests += len(family.timings)
                result.latencies_ms.extend(t.seconds * 1000 for t in family.timings)
                bad = [t for t in family.timings if t.error]
                result.errors += len(bad) or (error is not None)
                if error and len(result.error_samples) < 5:
                    result.error_samples.append(error)

    threads = [threading.Thread(target=family_worker, daemon=True) for _ in range(concurrent)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, stop_at - time.monotonic()) + timeout + 5)
    result.seconds = time.monotonic() - started
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url", help="the running server, on loopback: http://127.0.0.1:PORT")
    parser.add_argument("--families", type=int, default=50, help="families at once (threads)")
    parser.add_argument("--journeys", type=int, default=150, help="complete journeys in all")
    parser.add_argument("--time-limit", type=float, default=180.0, help="seconds; no journey starts after")
    parser.add_argument("--pdf-clients", type=int, default=6, help="then: clients making new PDFs while /about/ is timed")
    args = parser.parse_args(argv)
    result = run(args.base_url, args.families, args.journeys, args.time_limit)
    print(result.summary())
    for sample in result.error_samples:
        print("  error:", sample)
    pdf_loads = [about_while_pdfs_are_made(args.base_url, args.pdf_clients, heavy_family=h) for h in (False, True)]
    for pdf_load in pdf_loads:
        print(pdf_load.summary())
    failed = (result.errors or result.journeys_done < result.families
              or any(pdf_load.ratio > budgets.TIME_RATIO for pdf_load in pdf_loads))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
