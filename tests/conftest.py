import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from decisionaid.library import catalogue
from decisionaid.printing import render_places

# Run by pytest-xdist (`make test`: README, "The tests"), each worker has what one machine would:
# its own places to make a PDF (tests take every place on purpose) and its own collected static
# files for the app servers it starts (tests/servers.py passes DECISIONAID_* on to them).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
CHECKOUT = hashlib.sha256(str(Path(__file__).resolve().parent).encode()).hexdigest()[:12]
if WORKER:
    own = Path(tempfile.gettempdir()) / f"decisionaid-tests-{os.getuid()}-{CHECKOUT}-{WORKER}"
    own.mkdir(mode=0o700, exist_ok=True)
    os.environ["DECISIONAID_PDF_PLACES_DIR"] = str(own / "pdf-places")
    os.environ["DECISIONAID_STATIC_ROOT"] = str(own / "staticfiles")
    render_places.LOCK_DIR = own / "pdf-places"


# Where the database itself matters, `.ci/run` runs these again on PostgreSQL: saving and
# restoring, limits and sessions under concurrency, erasing, migrations, constraints, app servers
# sharing one database, and the browser journey once. Everything else runs once, on SQLite.
BOTH_DATABASES = (
    "tests/saving/",
    "tests/hospital/",
    "tests/site/test_migrations.py",
    "tests/site/test_database_trouble.py",
    "tests/site/test_servers.py",
    "tests/printing/test_pdf_servers.py",
    "tests/fieldtest/test_families.py",
    "tests/fieldtest/test_staff.py",
    "tests/browser/test_journey.py::test_a_family_answers_every_question_and_checks_their_answers",
    "tests/browser/test_journey.py::test_start_over_erases_everything",
)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, the test database is a file, as in production, not Django's in-memory default:
    with an in-memory database the live server's threads share one connection, so a page and the
    shared tablet's "in use" call at the same moment fail with "database table is locked", a
    thing no real server does."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = Path(tempfile.gettempdir()) / f"decisionaid-tests-{os.getuid()}-{CHECKOUT}-{WORKER or 'main'}"
        folder.mkdir(mode=0o700, exist_ok=True)
        database.setdefault("TEST", {})["NAME"] = str(folder / "test-db.sqlite3")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.startswith(BOTH_DATABASES):
            item.add_marker(pytest.mark.both_databases)


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A copy of the content folder, for a test to edit: sign-off and the review page read it."""
    copy = tmp_path / "content"
    shutil.copytree(catalogue.CONTENT_DIR, copy)
    monkeypatch.setattr(catalogue, "CONTENT_DIR", copy)
    return copy


@pytest.fixture(autouse=True)
def _pdfs_are_never_too_slow_on_a_busy_machine(settings):
    """A test's PDF is stopped at its deadline only where the test sets one: the machine
    running the tests may be busy with much else (tests/printing/test_pdfs.py tests the deadline)."""
    settings.PDF_RENDER_SECONDS = 300
