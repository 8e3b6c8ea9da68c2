"""What a page is made of, read from its HTML: the question form, the stylesheets and scripts it
loads, and whether any script could block the first paint. Standard library only."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str = ""
    method: str = "get"
    classes: tuple[str, ...] = ()
    hidden: dict = field(default_factory=dict)  # name -> value (the CSRF token among them)
    choices: dict = field(default_factory=dict)  # name -> ("radio"|"checkbox", [values])
    texts: list = field(default_factory=list)  # textarea names


@dataclass
class Assets:
    stylesheets: list = field(default_factory=list)  # hrefs of <link rel=stylesheet> (not print-only)
    scripts: list = field(default_factory=list)  # (src, defer_or_async) for every external script
    inline_scripts: int = 0
    fonts: list = field(default_factory=list)  # hrefs of preloaded fonts


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.assets = Assets()
        self._form = None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(a.get("action") or "", (a.get("method") or "get").lower(),
                              tuple((a.get("class") or "").split()))
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                self._form.choices.setdefault(a["name"], (kind, []))[1].append(a.get("value", "on"))
            elif kind == "hidden":
                self._form.hidden[a["name"]] = a.get("value", "")
        elif tag == "textarea" and self._form is not None and a.get("name"):
            self._form.texts.append(a["name"])
        elif tag == "link":
            rel = (a.get("rel") or "").lower().split()
            if "stylesheet" in rel and (a.get("media") or "all") != "print":
                self.assets.stylesheets.append(a.get("href"))
            if "preload" in rel and a.get("as") == "font":
                self.assets.fonts.append(a.get("href"))
        elif tag == "script":
            if a.get("src"):
                deferred = "defer" in a or "async" in a or a.get("type") == "module"
                self.assets.scripts.append((a["src"], deferred))
            elif (a.get("type") or "text/javascript") not in ("application/json", "application/ld+json"):
                self._in_script = True

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.assets.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "script":
            self._in_script = False


def parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def forms(html: str) -> list[Form]:
    return parse(html).forms


def assets(html: str) -> Assets:
    return parse(html).assets
