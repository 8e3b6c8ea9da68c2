"""The bounded load script: complete journeys by many families at once, against a running server
on this machine. Each family starts, answers every question with the page's CSRF token, reaches
check your answers and the summary.

    python -m bench.load http://127.0.0.1:8200 --families 50 --journeys 150 --time-limit 120

Bounded three ways: loopback only; a fixed number of journeys (so of requests); a time limit
after which no journey starts, and a minute later no request is sent (journeys still going are
counted as cut short, not as errors). Every request times out after 30 seconds."""

import argparse
import itertools
import threading
import time
from dataclasses import dataclass, field

from bench import families
from bench.journey import Family, JourneyError, TimeUp
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
    args = parser.parse_args(argv)
    result = run(args.base_url, args.families, args.journeys, args.time_limit)
    print(result.summary())
    for sample in result.error_samples:
        print("  error:", sample)
    return 1 if result.errors or result.journeys_done < result.families else 0


if __name__ == "__main__":
    raise SystemExit(main())
