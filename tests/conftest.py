import shutil

import pytest

from decisionaid import catalogue


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
def _no_printable_pdfs_kept():
    """Each test makes its own blank handout and poster PDFs (the process keeps them, pdfs.py)."""
    from decisionaid import pdfs

    pdfs._printables.clear()
