"""What a new developer meets first: the README's settings, the lock files, the Makefile."""

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import markdown
import pytest
from django.test import Client
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT / "requirements"
TEST_TOOLS = {"pytest", "pytest-django", "playwright", "pytest-playwright", "axe-playwright-python", "pypdf",
              "hypothesis", "ruff"}


def readme_section(title):
    text = (ROOT / "README.md").read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def settings_read_from_the_environment():
    source = (ROOT / "decisionaid" / "settings.py").read_text()
    names = set(re.findall(r'(?:os\.environ\.get|env_flag)\(\s*"([A-Z_]+)"', source)) - {"PYTEST_VERSION"}
    return names | {"DATABASE_URL"}  # read by dj_database_url.config()


def test_every_setting_is_a_row_of_the_one_settings_table():
    html = markdown.markdown(readme_section("Settings"), extensions=["tables"])
    assert html.count("<table>") == 1, "the settings table is split in two"
    table = html[html.index("<table>"):html.index("</table>")]
    documented = set(re.findall(r"<td><code>([A-Z_]+)</code>", table)) | set(re.findall(r"<code>([A-Z_]+)</code>", table))
    assert settings_read_from_the_environment() <= documented
    assert "<code>" not in html[html.index("</table>"):], "a row fell out of the table"


def pins(name) -> dict[str, tuple[str, list[str]]]:
    """{package: (version, hashes)} from a lock file."""
    entries = re.split(r"\n(?=[a-z0-9])", (LOCKS / name).read_text().split("\n", 2)[2])
    found = {}
    for entry in entries:
        match = re.match(r"([a-z0-9._-]+)==([^\s;\\]+)", entry)
        if match:
            found[match[1]] = (match[2], re.findall(r"--hash=sha256:([0-9a-f]{64})", entry))
    return found


def pyproject_requirements(extra=None):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(r) for r in listed]


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize(("lock", "extras"), [("run.lock", []), ("test.lock", ["test"]), ("bench.lock", ["test", "bench"])])
def test_each_lock_pins_every_requirement_within_its_range_with_hashes(lock, extras):
    pinned = pins(lock)
    assert pinned and all(hashes for _, hashes in pinned.values()), "every pin needs its hashes"
    for requirement in pyproject_requirements() + [r for e in extras for r in pyproject_requirements(e)]:
        version, _ = pinned[canonical(requirement.name)]
        assert Version(version) in requirement.specifier, f"{lock}: {requirement.name}=={version}"


def test_running_installs_no_test_tool_and_testing_runs_the_same_versions():
    run, test = pins("run.lock"), pins("test.lock")
    assert TEST_TOOLS.isdisjoint(run)
    assert TEST_TOOLS <= set(test)
    assert {name: test[name][0] for name in run} == {name: version for name, (version, _) in run.items()}


@pytest.fixture
def project_copy(tmp_path):
    """The files make reads, in a folder of their own, so a dry run changes nothing here."""
    for name in ("Makefile", "package-lock.json", ".ci/find-python", "requirements"):
        source, target = ROOT / name, tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    return tmp_path


def dry_run(folder, *args):
    return subprocess.run(["make", "-n", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_installs_only_the_run_lock_and_writes_no_key(project_copy):
    commands = dry_run(project_copy, "run")
    assert "--require-hashes --no-deps -r requirements/run.lock" in commands
    assert "test.lock" not in commands
    assert "runserver 127.0.0.1:8000" in commands
    assert not (project_copy / ".secret-key").exists()
    assert "-r requirements/test.lock" in dry_run(project_copy, "test")
    assert (project_copy / ".secret-key").exists()  # the production-like commands do make one


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_listens_where_host_and_port_say(project_copy):
    assert "runserver 0.0.0.0:9000" in dry_run(project_copy, "run", "HOST=0.0.0.0", "PORT=9000")


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "words"), [(400, "We could not read that"), (403, "Please try that again"),
                                               (404, "Page not found"), (500, "Something went wrong on our side"),
                                               (503, "cannot reach the place where answers are kept")])
def test_the_designed_error_pages_can_be_seen_in_debug_mode(settings, status, words):
    settings.DEBUG = True
    response = Client().get(f"/error-pages/{status}/")
    assert response.status_code == status
    assert words in response.content.decode()


@pytest.mark.django_db
def test_outside_debug_mode_there_are_no_error_page_previews():
    response = Client().get("/error-pages/500/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
