"""Every file the README, the content files' comments and the code's comments name still exists.

After the split into apps, old paths lingered in comments and sent a newcomer looking for files
that had moved (the condition language went from the project folder to library/).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"(?<![\w/.])((?:decisionaid|templates|static|tests)/[\w/.-]+\.(?:py|html|yaml|md|css|js))")
WHERE = ["README.md", "docs", "decisionaid", "static/css", "static/js", "tests"]


def _files():
    for where in WHERE:
        path = ROOT / where
        found = [path] if path.is_file() else path.rglob("*")
        for file in found:
            if file.suffix in {".py", ".md", ".yaml", ".html", ".css", ".js"} and "sources" not in file.parts:
                yield file


def _exists(named: str) -> bool:
    if (ROOT / named).exists():
        return True
    # A template is named as the loader finds it: templates/<app>/x.html is <app>/templates/<app>/x.html.
    if named.startswith("templates/"):
        rest = named.removeprefix("templates/")
        app = rest.split("/")[0]
        return (ROOT / "templates" / rest).exists() or (ROOT / "decisionaid" / app / "templates" / rest).exists()
    return False


def test_every_named_file_exists():
    missing = [
        f"{file.relative_to(ROOT)}: {named}"
        for file in _files()
        for named in NAMED.findall(file.read_text(errors="replace"))
        if not _exists(named) and "<" not in named
    ]
    assert missing == []
