"""Bytes on the wire and server time, measured over HTTP against the running server."""

import re
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bench import pages

LOOPBACK = ("localhost", "::1")


def require_loopback(base_url: str):
    """The benchmark and the load script talk to this machine only."""
    host = urlsplit(base_url).hostname or ""
    if host not in LOOPBACK and not re.fullmatch(r"127\.\d+\.\d+\.\d+", host):
        raise SystemExit(f"refusing {base_url}: the benchmark only talks to this machine (loopback)")


def wire_bytes(response) -> int:
    """What the server sent: status line, headers and the body as encoded (compressed)."""
    head = len(f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n".encode())
    head += sum(len(k) + len(v) + 4 for k, v in response.headers.raw) + 2
    return head + response.num_bytes_downloaded


@dataclass
class Weight:
    """One page, first visit (nothing cached): its HTML and everything the HTML makes load."""

    html: int
    css: int
    js: int
    other: int  # fonts and images the CSS asks for
    html_raw: int
    encoding: str
    blocking_scripts: list = field(default_factory=list)  # scripts without defer/async
    inline_scripts: int = 0
    fonts: int = 0
    static_cache: dict = field(default_factory=dict)  # asset path -> Cache-Control

    @property
    def render_blocking(self) -> int:
        return self.html + self.css + sum(size for _, size in self.blocking_scripts)

    @property
    def total(self) -> int:
        return self.html + self.css + self.js + self.other


def weigh(client, path: str, response=None) -> Weight:
    """Fetch (or take) the page with an httpx client, then everything it makes a browser load."""
    page = response or client.get(path)
    page.raise_for_status()
    found = pages.assets(page.text)
    weight = Weight(html=wire_bytes(page), css=0, js=0, other=0, html_raw=len(page.content),
                    encoding=page.headers.get("content-encoding", "none"), inline_scripts=found.inline_scripts)
    for href in found.stylesheets:
        css = _asset(client, href, weight)
        weight.css += wire_bytes(css)
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.text):
            if not url.startswith("data:"):
                other = _asset(client, urlsplit(urljoin(str(css.url), url)).path, weight)
                weight.other += wire_bytes(other)
                weight.fonts += url.split("?")[0].endswith((".woff", ".woff2", ".ttf", ".otf"))
    for src, deferred in found.scripts:
        size = wire_bytes(_asset(client, src, weight))
        weight.js += size
        if not deferred:
            weight.blocking_scripts.append((src, size))
    weight.fonts += len(found.fonts)
    return weight


def _asset(client, href, weight):
    response = client.get(href)
    response.raise_for_status()
    weight.static_cache[href] = response.headers.get("cache-control", "")
    return response


@dataclass
class Timing:
    samples: list

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)


def percentile(samples, p) -> float:
    """Nearest-rank percentile: a value that was actually seen."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def time_rounds(targets: dict, rounds: int) -> dict:
    """Time each target (name -> (client, path, headers)) `rounds` times, in interleaved rounds,
    so whatever else the machine is doing falls on every page alike: from the request to the
    last byte of the response, milliseconds. A new connection each time, as gunicorn's sync
    workers close every connection."""
    samples = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (client, path, headers) in targets.items():
            started = time.perf_counter()
            with client.stream("GET", path, headers=headers or {}) as response:
                for _chunk in response.iter_raw():  # the last byte, as sent: not decompressed here
                    pass
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{name}: {path} answered {response.status_code}")
            samples[name].append(elapsed * 1000)
    return {name: Timing(values) for name, values in samples.items()}
