import shutil

import pytest

from decisionaid.library import catalogue


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
