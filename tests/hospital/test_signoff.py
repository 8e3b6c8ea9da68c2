"""Content sign-off and the clinicians' review page (issue 14), over whatever content files exist.

Tests that change content work on a copy of decisionaid/content/, never on the real files."""

import datetime
import hashlib
import html
import re

import pytest
import yaml
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group

from decisionaid.hospital import signoff
from decisionaid.hospital.models import Organisation, SignOff
from decisionaid.hospital.organisation import REVIEWERS_GROUP
from decisionaid.library import catalogue
from tests.helpers import staff_user

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def reviewer(client):
    """A colleague given the reviewer role as README says: staff, in the reviewers' group."""
    user = staff_user("reviewer", superuser=False)
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    client.force_login(user)
    return client


def words(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def sign(client, file, name="Dr Amara Okafor", role="consultant paediatric oncologist", version=None):
    version = version or signoff.state_of(file).version
    return client.post(f"/admin/review/{file}", {"name": name, "role": role, "version": version})


def about_line(client, label) -> str:
    """What About says of one content file's review."""
    page = client.get("/about/").content.decode()
    found = re.search(rf"<li><strong>{re.escape(html.escape(label))}</strong>: (.*?)\s*</li>", page, re.S)
    return html.unescape(found.group(1))


def test_every_content_file_has_a_version_that_is_the_hash_of_its_text():
    states = signoff.states()
    on_disk = sorted(p.relative_to(catalogue.CONTENT_DIR).as_posix()
                     for p in catalogue.CONTENT_DIR.rglob("*") if p.is_file())
    assert [s.file for s in states] == on_disk and any("/" in s.file for s in states)  # folders too
    for state in states:
        assert state.version == hashlib.sha256((catalogue.CONTENT_DIR / state.file).read_bytes()).hexdigest()
        assert state.status == signoff.NOT_REVIEWED and state.label


def test_a_new_file_in_a_new_folder_is_covered_too(content):
    (content / "leaflets").mkdir()
    (content / "leaflets" / "at-home.yaml").write_text("reviewed: 2026-12-01\ntext: Caring at home.\n")
    state = signoff.state_of("leaflets/at-home.yaml")
    assert state.label == "At home" and state.status == signoff.NOT_REVIEWED


def test_the_reviewers_group_may_sign_off_content():
    group = Group.objects.get(name=REVIEWERS_GROUP)
    assert {p.codename for p in group.permissions.all()} == {"sign_off_content", "view_signoff"}


def test_about_says_each_file_is_not_yet_reviewed_at_the_organisation(client):
    assert about_line(client, "Glossary") == "Not yet reviewed by a clinician at the organisation that offers this service."
    Organisation.objects.create(name="Riverside Children's Hospital")
    assert about_line(client, "Glossary") == "Not yet reviewed by a clinician at Riverside Children's Hospital."


def test_a_reviewer_signs_off_a_file_with_name_role_and_date(content, reviewer):
    response = sign(reviewer, "glossary.yaml")
    assert response.status_code == 302 and response["Location"] == "/admin/review/glossary.yaml"
    signed = SignOff.objects.get()
    assert (signed.file, signed.name, signed.role, signed.signed_on) == (
        "glossary.yaml", "Dr Amara Okafor", "consultant paediatric oncologist", TODAY)
    assert signed.version == signoff.state_of("glossary.yaml").version
    expected = f"Reviewed by Dr Amara Okafor, consultant paediatric oncologist, on {TODAY:%-d %B %Y}."
    page = words(reviewer.get(response["Location"]))
    assert "Signed off. Thank you." in page and expected in page
    assert about_line(reviewer, "Glossary") == expected
    entry = LogEntry.objects.get()  # in the admin's record of changes
    assert entry.is_addition() and entry.user.username == "reviewer" and entry.object_repr.startswith("glossary.yaml")
    assert entry.change_message == f"Signed off version {signed.version[:12]}."
    assert about_line(reviewer, "Notes") == "Not yet reviewed by a clinician at the organisation that offers this service."


def test_a_file_changed_after_its_sign_off_needs_review_again(content, reviewer, client):
    sign(reviewer, "options/chemotherapy.md")
    path = content / "options" / "chemotherapy.md"
    original = path.read_text()
    path.write_text(original.replace("## What it is\n", "## What it is\n\nA sentence added later.\n", 1))
    line = about_line(reviewer, "Chemotherapy")
    assert line == f"Changed after Dr Amara Okafor, consultant paediatric oncologist, reviewed it on {TODAY:%-d %B %Y}: needs review again."
    reviewer.force_login(staff_user())
    assert "Changed since: needs review again" in words(reviewer.get("/admin/hospital/signoff/"))
    assert "0 of" in words(reviewer.get("/admin/review/"))
    path.write_text(original)  # put back as it was signed off: reviewed again
    assert about_line(reviewer, "Chemotherapy").startswith("Reviewed by Dr Amara Okafor")


def test_a_file_that_changed_while_it_was_read_is_not_signed_off(content, reviewer):
    read = signoff.state_of("notes.yaml").version
    (content / "notes.yaml").write_text((content / "notes.yaml").read_text() + "\n# changed\n")
    response = sign(reviewer, "notes.yaml", version=read)
    assert response.status_code == 302 and not SignOff.objects.exists()
    assert "This file changed while you were reading it" in words(reviewer.get("/admin/review/notes.yaml"))


def test_staff_without_the_reviewer_role_can_read_but_not_sign_off(client):
    client.force_login(staff_user("colleague", superuser=False))
    page = words(client.get("/admin/review/glossary.yaml"))
    assert "As families read it" in page and "Sign off this version" in page
    assert "ask the person who runs this service to add you to the group “Content reviewers”" in page
    assert 'name="role"' not in client.get("/admin/review/glossary.yaml").content.decode()
    assert sign(client, "glossary.yaml").status_code == 403 and not SignOff.objects.exists()


def test_the_sign_off_needs_a_name_and_a_role(reviewer):
    response = sign(reviewer, "glossary.yaml", name="", role=" ")
    assert response.status_code == 200 and "Please give your name and role" in words(response)
    assert not SignOff.objects.exists()


@pytest.mark.parametrize("file", ["../settings.py", "nope.md", "options", "/etc/passwd"])
def test_only_content_files_can_be_reviewed(reviewer, file):
    assert reviewer.get(f"/admin/review/{file}").status_code == 404
    assert sign(reviewer, file, version="0" * 64).status_code == 404


def test_the_review_page_shows_every_file_as_families_read_it_beside_its_seed_sentences(reviewer):
    index = reviewer.get("/admin/review/").content.decode()
    for state in signoff.states():
        assert f'href="/admin/review/{state.file}"' in index
        page = words(reviewer.get(f"/admin/review/{state.file}"))
        assert "As families read it" in page and "What the sources say" in page, state.file
    option = (catalogue.CONTENT_DIR / "options" / "alk-targeted-therapy.md").read_text()
    meta = yaml.safe_load(option.split("---")[1])
    page = words(reviewer.get("/admin/review/options/alk-targeted-therapy.md"))
    assert "ALK is a gene. It is a normal part of how cells grow." in page  # the body, as families read it
    quoted = list(seed_words_in(meta))
    assert len(quoted) >= 2  # the seed conditions and the figures
    for quote in quoted:
        assert f"{' '.join(quote.split())} Found word for word in the source." in page
    for number in meta["numbers"]:
        assert " ".join(number["study"].split()) in page


def seed_words_in(data):
    """Every seed sentence a content file quotes, wherever it is in the file's data."""
    if isinstance(data, dict):
        yield from (data[key] for key in ("quote", "seed_words") if key in data)
        for value in data.values():
            yield from seed_words_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from seed_words_in(item)


def test_a_quote_that_is_not_in_its_seed_is_flagged(content, reviewer):
    path = content / "options" / "alk-targeted-therapy.md"
    path.write_text(path.read_text().replace("a clinical trial with a specific inhibitor", "a trial with an inhibitor", 1))
    page = words(reviewer.get("/admin/review/options/alk-targeted-therapy.md"))
    assert "a trial with an inhibitor of this protein may be offered. Not found word for word in the source" in page


def test_files_of_any_shape_can_be_reviewed(content, reviewer):
    (content / "plain.md").write_text("## A heading\n\nWords without front matter.\n")
    (content / "list.yaml").write_text("- one\n- quote: Chemotherapy.\n  source: 000_3122cb35ce792f13.txt\n")
    (content / "notes.txt").write_text("Just text.")
    assert "Words without front matter." in words(reviewer.get("/admin/review/plain.md"))
    listed = words(reviewer.get("/admin/review/list.yaml"))
    assert "one" in listed and "Chemotherapy. Found word for word in the source." in listed
    assert "Just text." in words(reviewer.get("/admin/review/notes.txt"))


def test_the_review_page_says_which_families_see_each_tailored_part(reviewer):
    """Words for some families only are an invisible comment in the page families read: the
    reviewer sees each such part with whom it is for, in the questions' and answers' own words,
    and whether a family that has not answered yet sees it (fresh eyes R1, R2, R3)."""
    html = reviewer.get("/admin/review/options/second-transplant.md").content.decode()
    page = words(reviewer.get("/admin/review/options/second-transplant.md"))
    treatments, count = catalogue.load().question("treatments-had"), catalogue.load().question("transplant-count")
    had = next(c.label for c in treatments.choices if c.value == "transplant")
    once, twice = (next(c.label for c in count.choices if c.value == v) for v in ("once", "twice"))
    assert (f'[Only where not ("{treatments.text}" includes "{had}"); also before these questions are answered:] '
            "If you are not sure whether your child has had one, ask. [end of that part]") in page
    assert (f'[Only where not ("{treatments.text}" includes "{had}" and "{count.text}" is one of "{once}", '
            f'"{twice}"); also before these questions are answered:] If your child has already had two') in page
    assert (f'[Only where ("{treatments.text}" includes "{had}" and "{count.text}" is "{twice}"):] You told us '
            "your child has had two transplants.") in page
    assert "<!-- when" not in html
    # The notes' own conditions, in the file's data, read the same way, never as ids.
    assert f'Where "{treatments.text}" includes "{had}"' in page and "any_of" not in page
