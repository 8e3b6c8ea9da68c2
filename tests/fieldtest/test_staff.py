"""For staff: one field test open at a time; its page shows the results as charts; the CSV holds
every row, and its columns are exactly those its data dictionary (and docs/field-test.md) explain;
results go when the keeping period ends."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from decisionaid.fieldtest import content, export, rules
from decisionaid.fieldtest.admin import matters_items
from decisionaid.fieldtest.models import FieldTest, Participant
from tests.helpers import staff_user

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "field-test.md"
TODAY = datetime.date.today()


@pytest.fixture
def staff(client):
    client.force_login(staff_user())
    return client


def finished_family(test, before="not-sure", after=None, leaning_group="treatment", matters="very"):
    """A row as a family that finished leaves it."""
    words = content.load()
    row = Participant(field_test=test, joined_on=TODAY, finished_on=TODAY, situation="high/relapsed",
                      leaning="chemotherapy", leaning_group=leaning_group)
    knowledge_before = {s.id: before for s in words.statements}
    knowledge_after = {s.id: after or s.answer for s in words.statements}
    row.write("knowledge_before", knowledge_before)
    row.knowledge_before_score = rules.knowledge_score(knowledge_before, words.statements)
    row.write("knowledge_after", knowledge_after)
    row.knowledge_after_score = rules.knowledge_score(knowledge_after, words.statements)
    row.write("sure_before", {i.id: "no" for i in words.sure_items})
    row.sure_before_score = 0
    row.write("sure_after", {i.id: "yes" for i in words.sure_items})
    row.sure_after_score = 4
    row.write("prepdm", {i.id: "5" for i in words.prepdm_items})
    row.prepdm_score = 100.0
    row.write("acceptability", {q.id: q.choices[1].value for q in words.acceptability})
    row.write("what_matters", {value: matters for value, _ in matters_items()})
    row.write("leaning_options", ["chemotherapy"])
    row.save()
    return row


def test_only_one_field_test_can_be_open_at_a_time(field_test, staff):
    second = {"name": "Second", "reference": "R2", "contact": "Ward 7", "starts_on": TODAY, "ends_on": TODAY,
              "keep_until": TODAY, "is_open": "on"}
    page = staff.post("/admin/fieldtest/fieldtest/add/", second).content.decode()
    assert "Another field test is open. Close it first" in page and FieldTest.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds it too, on every backend
        FieldTest.objects.create(name="Second", reference="R2", contact="Ward 7", starts_on=TODAY, ends_on=TODAY,
                                 keep_until=TODAY, is_open=True)
    FieldTest.objects.create(name="Closed", reference="R3", contact="Ward 7", starts_on=TODAY, ends_on=TODAY,
                             keep_until=TODAY, is_open=False)
    assert FieldTest.objects.count() == 2


def test_dates_must_follow_each_other(staff):
    bad = {"name": "Test", "reference": "R", "contact": "Ward 7", "starts_on": TODAY,
           "ends_on": TODAY - datetime.timedelta(days=1), "keep_until": TODAY - datetime.timedelta(days=2)}
    page = staff.post("/admin/fieldtest/fieldtest/add/", bad).content.decode()
    assert "The last day cannot come before the first day." in page and not FieldTest.objects.exists()


def test_the_field_tests_page_shows_its_results_as_charts_in_the_admins_look(field_test, staff):
    FieldTest.objects.filter(pk=field_test.pk).update(invited=5, agreed=3, declined=2)
    finished_family(field_test, before="not-sure")
    finished_family(field_test, before="true", leaning_group="comfort")
    Participant.objects.create(field_test=field_test, joined_on=TODAY)  # said yes, not finished
    page = staff.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/change/").content.decode()
    report = page[page.index('<section class="ft-report'):page.index("</section>")]
    assert "Results so far" in report and 'href="/static/admin/css/base.css"' in page  # the admin's own look
    counts = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', report)
    assert counts[:7] == [("Invited", "5"), ("Said no, thank you", "2"), ("Did not answer the invitation", "0"),
                          ("Said yes", "3"), ("Answered Before", "2"), ("Finished (answered After)", "2"),
                          ("Took their answers out (Start over or Stop taking part)", "0")]
    assert "Families who answered both: <strong>2</strong>" in report
    assert "Mean score: <strong>100.0 out of 100</strong>" in report
    assert "<p>Of 5 families invited, 3 said yes and 2 finished; 2 said no.</p>" in report
    assert "a mean change of 6.0 (95% confidence interval -19.4 to 31.4)" in report  # n = 2: t(1) is wide
    assert "2 famil" in report and "read these charts as a description of these families only" in report
    assert report.count("<svg") >= 20 and "style=" not in report and "<script" not in report
    assert f'href="/admin/fieldtest/fieldtest/{field_test.pk}/results.csv"' in page


def test_the_csv_holds_every_row_and_its_columns_are_exactly_the_dictionarys(field_test, staff):
    row = finished_family(field_test)
    Participant.objects.create(field_test=field_test, joined_on=TODAY)
    response = staff.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/results.csv")
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.content.decode())))
    dictionary = list(csv.reader(io.StringIO(
        staff.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/data-dictionary.csv").content.decode())))
    assert dictionary[0] == ["column", "meaning", "values"]
    assert table[0] == [line[0] for line in dictionary[1:]]
    assert len(table) == 3 and all(len(line) == len(table[0]) for line in table)
    finished = dict(zip(table[0], next(line for line in table[1:] if line[0] == str(row.id))))
    first = content.load().statements[0]
    assert finished["joined_on"] == TODAY.isoformat() and finished["situation"] == "high/relapsed"
    assert finished[f"knowledge_before_{first.id.replace('-', '_')}"] == "not-sure"
    assert finished["knowledge_after_score"] == str(len(content.load().statements))
    assert finished["prepdm_score"] == "100.0" and finished["leaning_group"] == "treatment"
    assert finished["matters_home"] == "very" and finished["leaning_options"] == "chemotherapy"


def test_families_without_before_are_counted_and_left_out_of_the_comparisons(field_test, staff):
    FieldTest.objects.filter(pk=field_test.pk).update(invited=9, agreed=5, declined=1)
    finished_family(field_test, before="not-sure")
    skipped = finished_family(field_test)
    Participant.objects.filter(pk=skipped.pk).update(knowledge_before="", knowledge_before_score=None,
                                                     sure_before="", sure_before_score=None)
    page = staff.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/change/").content.decode()
    report = page[page.index('<section class="ft-report'):page.index("</section>")]
    counts = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', report))
    assert counts["Answered Before"] == "1" and counts["Finished (answered After)"] == "2"
    assert counts["Did not answer the invitation"] == "3"  # 9 invited, 5 yes, 1 no
    assert counts["Took their answers out (Start over or Stop taking part)"] == "3"  # 5 yes, 2 rows kept
    assert "<p>Of 9 families invited, 5 said yes and 2 finished; 1 said no. 3 took their answers out.</p>" in report
    assert ("<p>1 of the 2 who finished did not answer Before: they are left out of the before-and-after "
            "comparisons.</p>") in report
    assert "Knowledge (1 family who answered both)" in report
    first = content.load().statements[0].statement
    assert re.search(re.escape(first) + r".*?<td>Before: 0 of 1 right. After: 1 of 1 right.</td>", report, re.S)
    assert "“Would you suggest this tool to another family in your situation?” (2 families): Yes: 0; No: 2" in report
    assert "Which way the 2 families who finished were leaning when they finished: Treatment aimed at the cancer: 2" in report
    table = list(csv.reader(io.StringIO(staff.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/results.csv")
                                        .content.decode())))
    answered = {line[0]: dict(zip(table[0], line))["before_answered"] for line in table[1:]}
    assert answered == {str(skipped.id): "no", next(k for k in answered if k != str(skipped.id)): "yes"}


def test_once_families_said_yes_the_keeping_day_can_be_made_sooner_never_later(field_test, staff):
    url = f"/admin/fieldtest/fieldtest/{field_test.pk}/change/"
    told = field_test.keep_until

    def save(keep_until):
        form = {"name": field_test.name, "reference": field_test.reference, "contact": field_test.contact,
                "starts_on": field_test.starts_on, "ends_on": field_test.ends_on, "is_open": "on",
                "keep_until": keep_until, "summary": ""}
        return staff.post(url, form)

    assert save(told + datetime.timedelta(days=30)).status_code == 302  # no family has said yes yet
    FieldTest.objects.filter(pk=field_test.pk).update(agreed=1, keep_until=told)
    page = save(told + datetime.timedelta(days=30)).content.decode()
    assert f"Families who said yes were told their answers are deleted after {told:%-d %B %Y}" in page
    assert FieldTest.objects.get().keep_until == told
    assert save(told - datetime.timedelta(days=30)).status_code == 302
    assert FieldTest.objects.get().keep_until == told - datetime.timedelta(days=30)


def test_after_the_keeping_period_no_one_is_said_to_have_taken_their_answers_out(field_test, staff):
    FieldTest.objects.filter(pk=field_test.pk).update(invited=4, agreed=3, keep_until=TODAY - datetime.timedelta(days=1),
                                                      ends_on=TODAY - datetime.timedelta(days=2),
                                                      starts_on=TODAY - datetime.timedelta(days=9))
    page = staff.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/change/").content.decode()
    assert "Said yes" in page and "Took their answers out" not in page


def test_the_documented_data_dictionary_lists_exactly_the_columns(field_test):
    documented = re.findall(r"^\| `([a-z0-9_]+)` \|", DOCS.read_text(), re.M)
    assert documented == [c.name for c in export.columns(content.load(), matters_items())]


def test_only_staff_reach_the_results(field_test, client):
    for url in (f"/admin/fieldtest/fieldtest/{field_test.pk}/results.csv",
                f"/admin/fieldtest/fieldtest/{field_test.pk}/change/"):
        assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(staff_user("colleague", superuser=False))  # staff, but not given the field test
    assert client.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/results.csv").status_code == 404


def test_results_go_when_their_keeping_period_ends_and_not_before(field_test):
    ended = FieldTest.objects.create(name="Last year", reference="R0", contact="Ward 7",
                                     starts_on=TODAY - datetime.timedelta(days=400),
                                     ends_on=TODAY - datetime.timedelta(days=300),
                                     keep_until=TODAY - datetime.timedelta(days=1))
    finished_family(ended)
    finished_family(ended)
    kept = finished_family(field_test)
    FieldTest.objects.filter(pk=field_test.pk).update(keep_until=TODAY)  # its last day: still kept
    out = io.StringIO()
    call_command("clearfieldtestresults", stdout=out)
    assert "Deleted the field test results of 2 families." in out.getvalue()
    assert list(Participant.objects.all()) == [kept]
    assert FieldTest.objects.filter(pk=ended.pk).exists()  # the field test and its counts stay
