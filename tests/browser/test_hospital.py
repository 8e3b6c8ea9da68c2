"""A hospital makes the service its own, in Chromium (issue 14): staff set it up and sign off
content, families see it; the admin and the review pages work under the strict CSP."""

import datetime
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import SIZES
from tests.browser.pages import log_in_as_staff, seed_session
from tests.helpers import STAFF_PASSWORD, complete_answers, hospital_details, staff_user

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = f"{datetime.date.today():%-d %B %Y}"
# Every refusal under the Content Security Policy, as the page itself sees it.
WATCH_CSP = ("window.cspViolations = [];"
             "document.addEventListener('securitypolicyviolation',"
             " e => window.cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample)));")


def watched(page):
    """The page, and a list that collects every CSP refusal on it, whatever page it goes to."""
    refused = []
    page.add_init_script(WATCH_CSP)
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    return page, refused


def refusals(page, refused):
    return refused + page.evaluate("window.cspViolations || []")


def test_staff_set_up_the_service_and_a_family_sees_it(open_page, live_server, content):
    staff, refused = watched(open_page("tablet"))
    staff.goto("/admin/")
    expect(staff).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    log_in_as_staff(staff)

    staff.get_by_role("link", name="Contacts", exact=True).click()
    staff.get_by_role("link", name="Add contact").click()
    staff.get_by_label("Who").fill("Ward 7 (children's cancer ward)")
    staff.get_by_label("Phone").fill("020 7946 0123")
    staff.get_by_label("When to call").fill("Any time, day or night")
    staff.get_by_label("Call if the child is unwell now").check()
    staff.get_by_role("button", name="Save", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("was added successfully")

    staff.goto("/admin/")
    staff.get_by_role("link", name="Support services", exact=True).click()
    staff.get_by_role("link", name="Add support service").click()
    staff.get_by_label("Name").fill("Hospital social work team")
    staff.get_by_label("What it offers").fill("Help with money, travel and time off work")
    staff.get_by_label("Phone or web address").fill("020 7946 0999")
    staff.get_by_role("button", name="Save", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("was added successfully")

    staff.goto("/admin/")
    staff.get_by_role("link", name="Review the content files and sign them off").click()
    staff.get_by_role("link", name="Glossary").click()
    staff.get_by_label("Your name").fill("Dr Amara Okafor")
    staff.get_by_label("Your role").fill("consultant paediatric oncologist")
    staff.get_by_role("button", name="Sign off this version").click()
    signed = f"Reviewed by Dr Amara Okafor, consultant paediatric oncologist, on {TODAY}."
    expect(staff.locator(".review-state")).to_have_text(signed)
    assert refusals(staff, refused) == []

    family, refused_family = watched(open_page("phone"))
    seed_session(family, live_server, complete_answers(risk_group="high"))
    family.goto("/")
    urgent = "If your child is unwell now, call Ward 7 (children's cancer ward) on 020 7946 0123."
    expect(family.locator(".notice--urgent")).to_contain_text(urgent)
    family.goto("/summary/")
    help_section = family.locator(".help-and-support")
    expect(help_section).to_contain_text(urgent)
    expect(help_section).to_contain_text("Hospital social work team")
    pdf = family.request.get("/handout.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    printed = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "020 7946 0123" in printed and "Any time, day or night" in printed
    family.goto("/about/")
    glossary = family.locator("#clinical-review + p + ul li", has_text="Glossary")
    expect(glossary).to_have_text(f"Glossary: {signed}")

    glossary_file = content / "glossary.yaml"
    glossary_file.write_text(glossary_file.read_text().replace("mean the same\n      thing.", "mean the same thing.", 1))
    family.reload()
    expect(glossary).to_have_text(f"Glossary: Changed after Dr Amara Okafor, consultant paediatric oncologist, "
                                  f"reviewed it on {TODAY}: needs review again.")
    staff.goto("/admin/hospital/signoff/")
    expect(staff.locator("#result_list")).to_contain_text("Changed since: needs review again")
    assert refusals(family, refused_family) == [] and refusals(staff, refused) == []


def test_an_administrator_gives_a_colleague_the_reviewer_role(open_page, content):
    admin, refused = watched(open_page("tablet"))
    log_in_as_staff(admin)
    admin.get_by_role("link", name="Users", exact=True).click()
    admin.get_by_role("link", name="Add user").click()
    admin.get_by_label("Username").fill("okafor")
    admin.locator("#id_password1").fill(STAFF_PASSWORD)
    admin.locator("#id_password2").fill(STAFF_PASSWORD)
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.get_by_label("Staff status").check()
    # The admin's own script builds this chooser: it runs under the strict CSP.
    admin.locator("#id_groups_from").select_option(label="Content reviewers")
    admin.locator("#id_groups_add").click()
    expect(admin.locator("#id_groups_to option")).to_have_text(["Content reviewers"])
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("was changed successfully")
    assert refusals(admin, refused) == []

    colleague = open_page("phone")
    colleague.goto("/admin/login/?next=/admin/review/")
    colleague.get_by_label("Username").fill("okafor")
    colleague.get_by_label("Password").fill(STAFF_PASSWORD)
    colleague.get_by_role("button", name="Log in").click()
    expect(colleague.locator("main h1")).to_have_text("Review the content")
    colleague.get_by_role("link", name="Notes").click()
    colleague.get_by_label("Your name").fill("Dr Amara Okafor")
    colleague.get_by_label("Your role").fill("consultant paediatric oncologist")
    colleague.get_by_role("button", name="Sign off this version").click()
    expect(colleague.locator(".review-state")).to_contain_text("Reviewed by Dr Amara Okafor")


ADMIN_PAGES = ["/admin/", "/admin/hospital/contact/", "/admin/hospital/contact/add/",
               "/admin/hospital/supportservice/add/", "/admin/hospital/organisation/",
               "/admin/hospital/signoff/", "/admin/hospital/changerecord/", "/admin/auth/user/",
               "/admin/auth/group/add/", "/admin/password_change/", "/admin/axes/accessattempt/",
               "/admin/review/", "/admin/review/options/alk-targeted-therapy.md", "/admin/review/questions.yaml",
               "/admin/review/options/second-transplant.md"]


@pytest.mark.parametrize("size", list(SIZES))
def test_the_admin_and_review_pages_work_under_the_strict_csp(open_page, size):
    page, refused = watched(open_page(size))
    hospital_details()
    log_in_as_staff(page)
    for url in ADMIN_PAGES:
        response = page.goto(url)
        assert response.ok, url
        assert "'unsafe" not in response.headers["content-security-policy"]
        assert refusals(page, refused) == [], url
    page.goto("/admin/hospital/contact/")
    page.locator("#action-toggle").check()  # the admin's list script ticks every row
    expect(page.locator("input.action-select:checked")).to_have_count(2)
    assert refusals(page, refused) == []


def test_staff_are_locked_out_after_five_wrong_passwords_in_the_browser(open_page):
    staff_user()
    page = open_page("phone")
    for _ in range(5):
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("lead")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("main h1")).to_have_text("Staff login is locked for now")
