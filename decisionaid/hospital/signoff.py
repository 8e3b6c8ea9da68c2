"""Content sign-off: each content file's version, and whether a clinician has signed it off.

A file's version is the SHA-256 of its text, read from disk each time it is asked for, so a
file edited after its sign-off shows as needing review again at once. Any file under
decisionaid/content/ counts, whatever its name or folder: the review covers whatever the
content is.
"""

import datetime
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from decisionaid.library import catalogue
from decisionaid.library.options import split_front_matter

REVIEWED, CHANGED, NOT_REVIEWED = "reviewed", "changed", "not-reviewed"


class StaleVersion(Exception):
    """The file changed between a reviewer reading it and signing it off."""


@dataclass(frozen=True)
class FileState:
    file: str  # the path inside decisionaid/content/, with '/' between folders
    label: str  # what the file is, in words
    version: str
    signed: object | None  # the sign-off of this version, else the latest of any version

    @property
    def status(self) -> str:
        if self.signed is None:
            return NOT_REVIEWED
        return REVIEWED if self.signed.version == self.version else CHANGED


def content_folder() -> Path:
    return catalogue.CONTENT_DIR


def content_files() -> list[str]:
    """Every content file, as a path inside the content folder, in a stable order."""
    folder = content_folder()
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith((".", "__")) for part in path.relative_to(folder).parts)
    )


def path_of(file: str) -> Path | None:
    """The file's path on disk, or None when `file` is not a content file (never outside)."""
    return content_folder() / file if file in content_files() else None


def version_of(text: bytes) -> str:
    return hashlib.sha256(text).hexdigest()


@functools.lru_cache(maxsize=256)
def label_of(file: str, version: str) -> str:
    """The title in a file's front matter, else its name in words ("questions-to-ask.yaml":
    "Questions to ask"). Worked out once per version of a file."""
    path = content_folder() / file
    if path.suffix == ".md":
        try:
            meta, _ = split_front_matter(path.read_text(encoding="utf-8"), file)
        except catalogue.ContentError:
            meta = {}
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            return meta["title"]
    return path.stem.replace("-", " ").replace("_", " ").capitalize()


def states() -> list[FileState]:
    """Every content file with its current version and sign-off."""
    from decisionaid.hospital.models import SignOff

    versions = {file: version_of((content_folder() / file).read_bytes()) for file in content_files()}
    latest, of_version = {}, {}
    for signed in SignOff.objects.filter(file__in=versions).order_by("signed_on", "pk"):
        latest[signed.file] = signed
        of_version[signed.file, signed.version] = signed
    return [
        FileState(file, label_of(file, version), version, of_version.get((file, version)) or latest.get(file))
        for file, version in versions.items()
    ]


def state_of(file: str) -> FileState | None:
    return next((state for state in states() if state.file == file), None)


def sign_off(user, file: str, version: str, name: str, role: str, today: datetime.date):
    """Sign off the version of a file the reviewer read; recorded in the admin's history too.

    Raises StaleVersion when the file has changed since (it must be read again)."""
    from django.contrib.admin.models import ADDITION, LogEntry

    from decisionaid.hospital.models import SignOff

    path = path_of(file)
    if path is None or version_of(path.read_bytes()) != version:
        raise StaleVersion(file)
    signed = SignOff.objects.create(
        file=file, version=version, name=name, role=role, signed_on=today, signed_by=user
    )
    LogEntry.objects.log_actions(
        user.pk, [signed], ADDITION, change_message=f"Signed off version {version[:12]}.",
        single_object=True,
    )
    return signed

