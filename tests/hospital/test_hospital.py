"""A hospital makes the service its own (issue 14): its details, contacts and support services,
For clinicians and its printables, and its staff's admin and security."""

import html
import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from decisionaid.family.answers import SESSION_KEY
from decisionaid.hospital.models import Contact, Organisation, SupportService
from decisionaid.library import loader
from decisionaid.saving.models import ReturnAttempt, SavedPlan
from decisionaid.site.qr import qr_svg
from tests.helpers import STAFF_PASSWORD, URGENT, complete_answers, hospital_details, staff_user
from tests.site.test_html_valid import every_page

pytestmark = pytest.mark.django_db
ASK_FOR_NUMBERS = "Ask your child's care team for their phone numbers"


@pytest.fixture
def family(client):
    session = client.session
    session[SESSION_KEY] = complete_answers(risk_group="high", hopes="Home for Aisha's birthday")
    session.save()
    return client


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user())
    return client


def text_of(response) -> str:
    """The page's words, as a reader sees them."""
    inline = re.sub(r"</?(?:a|strong|em|span)\b[^>]*>", "", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", inline)))


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))


# The organisation's details


def test_with_nothing_entered_about_says_what_the_environment_says(client, settings):
    settings.DECISIONAID_FUNDING = "Paid for by the environment's funder."
    settings.DECISIONAID_PUBLISHED = "Spring 2027"
    page = text_of(client.get("/about/"))
    assert "Paid for by the environment's funder." in page and "Published: Spring 2027." in page
    assert settings.DECISIONAID_CONFLICTS in page


def test_the_organisations_words_replace_the_environments_on_about(client):
    hospital_details()
    page = text_of(client.get("/about/"))
    assert "Riverside Children's Hospital offers this service to families." in page
    assert "Riverside Children's Hospital pays for this service." in page and settings.DECISIONAID_FUNDING not in page
    assert "The reviewers have no conflicts of interest." in page and "Published: January 2027." in page


def test_the_privacy_page_names_who_is_responsible_for_the_data_and_how_to_complain(client):
    without = text_of(client.get("/privacy/"))
    assert "Who is responsible for your data" in without and "care team can tell you who to contact" in without
    assert "Ask your child's care team how to raise a concern" in without
    hospital_details()
    page = text_of(client.get("/privacy/"))
    assert "Our data protection officer, Sam Patel, on 020 7946 0000." in page
    assert "Call the Patient Advice and Liaison Service on 020 7946 0001." in page


# Contacts and support services


def test_only_one_contact_can_be_the_one_to_call_if_the_child_is_unwell_now():
    Contact.objects.create(**URGENT, urgent=True)
    second = Contact(who="Ward 8", phone="020 7946 0999", urgent=True)
    with pytest.raises(ValidationError, match="Only one contact can be the one to call"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    Contact.objects.create(who="Day unit", phone="020 7946 0789")  # any number of others


def test_the_urgent_contact_is_on_the_start_page_the_summary_and_the_handout(family):
    hospital_details()
    urgent = "If your child is unwell now, call Ward 7 (children's cancer ward) on 020 7946 0123."
    start = family.get("/").content.decode()
    assert urgent in text_of(family.get("/")) and 'href="tel:02079460123"' in start
    assert "Offered by Riverside Children's Hospital, with your child's care team." in text_of(family.get("/"))
    summary = text_of(family.get("/summary/"))
    assert urgent in summary and "Clinical nurse specialists 020 7946 0456 Monday to Friday, 9am to 5pm." in summary
    handout = text_of(family.get("/handout/"))
    assert urgent in handout and "Any time, day or night. Say your child is having treatment for neuroblastoma." in handout
    assert handout.index("Who to contact") < handout.index("Our child's situation")  # near the top
    assert ASK_FOR_NUMBERS not in summary + handout
    pdf = pdf_text(family.get("/handout.pdf"))
    assert "020 7946 0123" in pdf and "Clinical nurse specialists" in pdf


def test_without_an_urgent_contact_the_start_page_says_nothing_of_one(family):
    Contact.objects.create(who="Clinical nurse specialists", phone="020 7946 0456")
    assert "unwell now" not in text_of(family.get("/"))
    summary = text_of(family.get("/summary/"))
    assert "unwell now" not in summary and "Clinical nurse specialists 020 7946 0456" in summary


def test_with_no_contacts_the_summary_says_to_ask_the_care_team_and_the_handout_asks_them(family):
    """The handout's front sheet is for the team: it asks them, in the family's voice."""
    assert ASK_FOR_NUMBERS in text_of(family.get("/summary/"))
    asks_the_team = "Please give us your phone numbers: who to call in the day, at night and at weekends"
    handout = text_of(family.get("/handout/"))
    assert asks_the_team in handout and ASK_FOR_NUMBERS not in handout
    assert "unwell now" not in text_of(family.get("/"))
    assert "Please give us your phone numbers" in pdf_text(family.get("/handout.pdf"))


def test_support_services_are_on_the_summary_before_the_questions_to_bring(family):
    summary = text_of(family.get("/summary/"))
    assert "Your child's care team can also tell you about support for your family" in summary
    assert "Support for your family" not in summary  # no heading over nothing
    SupportService.objects.create(name="Hospital social work team", offers="Help with money and travel",
                                  reach="020 7946 0999")
    summary = text_of(family.get("/summary/"))
    assert "Support for your family Hospital social work team Help with money and travel. 020 7946 0999" in summary
    assert summary.index("Help and support") < summary.index("Questions to bring We have ticked")


def test_a_page_with_contacts_still_works_when_the_database_is_gone(client, monkeypatch):
    from django.db import OperationalError

    def gone(*args, **kwargs):
        raise OperationalError("the database is gone")

    monkeypatch.setattr("django.db.models.query.QuerySet._fetch_all", gone)
    assert client.get("/").status_code == 200  # the start page needs nothing stored


# For clinicians, the blank question list and the poster


def test_for_clinicians_says_what_it_does_and_links_the_printables(client):
    page = client.get("/for-clinicians/").content.decode()
    for words in ("What it does", "What it does not do", "Using it in clinic", "Where the information comes from",
                  'href="/blank-handout/"', 'href="/blank-handout.pdf"', 'href="/for-clinicians/poster.pdf"'):
        assert words in page
    assert "Cancer Research UK" in page and "Last reviewed 31 Aug 2022" in page  # the sources and their dates


def test_the_blank_question_list_has_every_general_question_and_the_contacts(client):
    general = [q.text for q in loader.load().questions_to_ask if q.when is None]
    page = text_of(client.get("/blank-handout/"))
    assert general and all(re.sub(r"\s+", " ", q) in page for q in general)
    assert ASK_FOR_NUMBERS in page
    hospital_details()
    pdf = pdf_text(client.get("/blank-handout.pdf"))
    assert "If your child is unwell now, call Ward 7" in pdf and general[0][:40] in pdf
    assert "127.0.0.1/" in pdf and "testserver" not in pdf  # where to use the app: the first allowed host


def test_the_poster_has_the_services_address_as_a_qr_code(client, settings):
    settings.SERVICE_URL = "https://aid.example.org/"
    page = client.get("/for-clinicians/poster/").content.decode()
    assert "aid.example.org/" in page and str(qr_svg("https://aid.example.org/", "QR code that opens aid.example.org/")) in page
    hospital_details()  # its name too
    poster = client.get("/for-clinicians/poster.pdf")
    pdf = pdf_text(poster)
    assert "aid.example.org/" in pdf and "Getting ready to talk about your child's next step" in pdf
    assert "Offered by Riverside Children's Hospital" in pdf
    assert len(PdfReader(io.BytesIO(poster.content)).pages) == 1
    settings.SERVICE_URL = ""
    poster = client.get("/for-clinicians/poster/").content.decode()
    assert "127.0.0.1/" in poster and "testserver" not in poster  # the first allowed host, not where it was asked for


def test_a_printable_pdf_that_fails_points_to_its_printable_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("cannot load library 'pango'")

    monkeypatch.setattr("decisionaid.printing.pdf_process.render", broken)
    page = client.get("/blank-handout.pdf")
    assert page.status_code == 503 and b'href="/blank-handout/"' in page.content
    assert b"Your answers are safe" not in page.content  # there are none


# Staff: the admin and its security


@pytest.mark.parametrize("url", ["/admin/", "/admin/review/", "/admin/review/glossary.yaml",
                                 "/admin/hospital/contact/", "/admin/hospital/changerecord/"])
def test_anonymous_requests_to_the_admin_and_review_pages_go_to_the_login_page(family, url):
    response = family.get(url)  # a family's session is no staff login
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=")


def log_in(client, password=STAFF_PASSWORD, username="lead"):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_staff_login_locks_after_five_wrong_passwords(client):
    staff_user()
    for _ in range(4):
        assert log_in(client, "wrong password").status_code == 200  # the form again
    assert log_in(client).status_code == 302  # a right password still works, and clears the count
    client.logout()
    for _ in range(5):
        log_in(client, "wrong password")
    locked = log_in(client)  # now even the right password is refused
    assert locked.status_code == 429
    assert b"Staff login is locked for now" in locked.content and b"30 minutes" in locked.content
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_the_address_whatever_the_account(client):
    staff_user()
    for n in range(5):
        log_in(client, "wrong password", username=f"guess{n}")
    assert log_in(client).status_code == 429


def test_djangos_password_validators_refuse_weak_staff_passwords():
    user = staff_user()
    for weak in ("password123", "short-1", "12345678901234", "lead@example.org1"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("correct horse battery staple", user)


def test_staff_sessions_end_sooner_than_families(client, settings):
    staff_user()
    assert settings.STAFF_SESSION_SECONDS < settings.SESSION_COOKIE_AGE
    log_in(client)
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_SECONDS
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.STAFF_SESSION_SECONDS


def test_families_answers_never_appear_in_the_admin(staff_client, family):
    registered = set(admin.site._registry)
    assert not registered & {Session, SavedPlan, ReturnAttempt}
    staff_client.post("/save/")  # a saved plan too
    assert SavedPlan.objects.exists()
    for url in ("/admin/sessions/session/", "/admin/saving/savedplan/", "/admin/saving/returnattempt/"):
        assert staff_client.get(url).status_code == 404
    hospital_details()
    pages = ["/admin/", *(f"/admin/{m._meta.app_label}/{m._meta.model_name}/" for m in registered)]
    for url in pages:
        response = staff_client.get(url, follow=True)
        assert response.status_code == 200, url
        assert b"Aisha" not in response.content, url


def test_every_change_in_the_admin_is_in_the_record_of_changes(staff_client):
    response = staff_client.post("/admin/hospital/contact/add/", {**URGENT, "note": "", "order": 0, "urgent": "on"})
    assert response.status_code == 302 and Contact.objects.get().urgent
    entry = LogEntry.objects.get()
    assert entry.object_repr == URGENT["who"] and entry.is_addition()
    record = staff_client.get("/admin/hospital/changerecord/").content.decode()
    assert "Ward 7 (children's cancer ward)" in html.unescape(record) and "lead" in record
    assert b"Add record of changes" not in staff_client.get("/admin/hospital/changerecord/").content


def test_the_organisations_details_are_one_record(staff_client):
    assert staff_client.get("/admin/hospital/organisation/")["Location"] == "/admin/hospital/organisation/add/"
    staff_client.post("/admin/hospital/organisation/add/", {"name": "Riverside Children's Hospital"})
    organisation = Organisation.objects.get()
    assert staff_client.get("/admin/hospital/organisation/")["Location"] == (
        f"/admin/hospital/organisation/{organisation.pk}/change/")
    assert staff_client.get("/admin/hospital/organisation/add/").status_code == 403
    form = staff_client.get(f"/admin/hospital/organisation/{organisation.pk}/change/").content.decode()
    assert "Left blank, it says: “No funding source has been declared" in form


# With no organisation details at all


class Outline(HTMLParser):
    """Headings, and whether any words follow each before the next heading."""

    def __init__(self):
        super().__init__()
        self.headings, self.in_heading = [], None  # [level, text, words after it]

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.in_heading = [int(tag[1]), "", False]
            self.headings.append(self.in_heading)

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag):
            self.in_heading = None

    def handle_data(self, data):
        if self.in_heading is not None:
            self.in_heading[1] += data
        elif data.strip() and self.headings:
            self.headings[-1][2] = True

    def empty_sections(self):
        """Headings with no words of their own and no subsection below them."""
        empty = []
        for n, (level, text, words) in enumerate(self.headings):
            following = self.headings[n + 1][0] if n + 1 < len(self.headings) else 0
            if not text.strip() or (not words and following <= level):
                empty.append(text.strip() or f"an empty h{level}")
        return empty


PLACEHOLDERS = re.compile(r">\s*None\s*<|: None\b|\bTODO\b|lorem|placeholder|example\.(?:org|com)|\{\{|\{%|\[name\]|&lt;organisation", re.I)


def test_with_no_organisation_details_no_page_has_an_empty_heading_or_a_placeholder(client, monkeypatch):
    pages = list(every_page(client, monkeypatch))
    pages += [(url, client.get(url)) for url in ("/for-clinicians/", "/blank-handout/", "/for-clinicians/poster/")]
    seen = set()
    for name, response in pages:
        html = response.content.decode()
        outline = Outline()
        outline.feed(html)
        assert outline.empty_sections() == [], name
        assert not PLACEHOLDERS.search(html), (name, PLACEHOLDERS.search(html))
        seen.add(name)
    assert {"/summary/", "/handout/", "/about/", "/privacy/", "start"} <= seen
