"""Lighthouse (npm, pinned in bench/package.json) on Debian's Chromium, mobile preset (its default):
performance and accessibility scores for one page. Only `make bench` installs it."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run --disable-quic"
)


def available() -> str | None:
    """None when Lighthouse can run, else why not."""
    if not LIGHTHOUSE.exists():
        return "Lighthouse is not installed (make bench runs npm ci in bench/)"
    if not shutil.which(CHROME):
        return f"no Chromium at {CHROME}"
    return None


def scores(url: str, cookie: str = "", timeout: float = 240, tries: int = 3) -> dict:
    """{"performance": 0-100, "accessibility": 0-100} for the page, or {"error": why}.

    Lighthouse sometimes fails to record a trace on a busy machine (NO_NAVSTART, say) through
    no fault of the page, so a run that failed is tried again, up to `tries` times."""
    for _ in range(tries):
        result = one_run(url, cookie, timeout)
        if "error" not in result:
            break
    return result


def one_run(url: str, cookie: str, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="decisionaid-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}",
        ]
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
        env = {**os.environ, "CHROME_PATH": CHROME, "HOME": tmp}
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout:.0f} s"}
        if run.returncode != 0 or not report.exists():
            return {"error": (run.stderr.strip().splitlines() or ["failed"])[-1][:200]}
        categories = json.loads(report.read_text())["categories"]
        return {name: round(100 * (categories[name]["score"] or 0)) for name in ("performance", "accessibility")}
