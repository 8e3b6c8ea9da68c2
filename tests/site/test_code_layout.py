"""The house rules (README: "How the code is laid out"): no import circle, counting imports
inside functions; the pure layers never reach up to views, forms or presenters; no module
over 300 lines."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "decisionaid"
# Rules and content: plain functions of data. They may not know about web pages.
PURE = (
    "decisionaid.library.", "decisionaid.family.answers", "decisionaid.family.journey",
    "decisionaid.family.tailoring", "decisionaid.weighing.rules", "decisionaid.saving.plans",
    "decisionaid.saving.codes", "decisionaid.saving.throttle", "decisionaid.fieldtest.rules",
    "decisionaid.fieldtest.charts",
)
WEB = ("views", "forms", "presenters", "pages", "offer")  # the last parts of web-facing modules
MOST_LINES = 300


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


def imports_of(path: Path, known) -> set[str]:
    """Every decisionaid module this one imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("decisionaid"):
            for alias in node.names:
                found.add(f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("decisionaid"))
    return found & set(known)


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(path, known) - {name} for name, path in known.items()}


def circles(edges) -> list[list[str]]:
    """Each group of modules that import one another, round (Tarjan's strongly connected components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in edges:
        if module not in index:
            visit(module)
    return found


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_one_that_imports_it_back():
    assert circles(graph()) == []


def test_the_pure_layers_never_reach_up_to_views_forms_or_presenters():
    reaching_up = [
        f"{module} imports {other}"
        for module, others in graph().items() if module.startswith(PURE) or module + "." in PURE
        for other in others if other.rsplit(".", 1)[-1] in WEB
    ]
    assert not reaching_up


def test_no_module_is_over_three_hundred_lines():
    long = {name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MOST_LINES}
    assert not long
