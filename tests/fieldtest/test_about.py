"""About says who made the tool, that its making was not funded, whether it has been field
tested (from a closed field test's summary, never before), and credits the PrepDM scale."""

import pytest

from decisionaid.fieldtest.models import FieldTest
from tests.helpers import hospital_details

pytestmark = pytest.mark.django_db


def about(client):
    return client.get("/about/").content.decode()


def test_about_says_who_made_it_unfunded_and_not_yet_field_tested(client):
    page = about(client)
    assert "The decisionaid project made this tool." in page
    assert "the decisionaid project received no funding from anyone" in page
    assert "No one who made it has ties to a company that makes any of the treatments it describes." in page
    assert "It has not yet been checked by families who faced this decision" in page
    assert "This tool has not yet been field tested" in page
    assert "Preparation for Decision Making scale, made by Carol Bennett, Ian Graham and colleagues" in page


def test_a_hospitals_own_statement_stays_beside_the_projects(client):
    hospital_details()
    page = about(client)
    assert "Riverside Children&#x27;s Hospital pays for this service." in page
    assert "the decisionaid project received no funding from anyone" in page


def test_an_open_field_test_or_one_closed_without_a_summary_is_not_a_field_test_done(client, field_test):
    assert "This tool has not yet been field tested" in about(client)  # still running
    field_test.summary = "Twelve families took part."
    field_test.save()
    assert "This tool has not yet been field tested" in about(client) and "Twelve families" not in about(client)
    FieldTest.objects.update(is_open=False, summary="")
    assert "This tool has not yet been field tested" in about(client)


def test_once_closed_with_what_it_found_about_shows_it(client, field_test):
    FieldTest.objects.update(is_open=False, summary="Twelve families took part.\nMost knew more afterwards.")
    page = about(client)
    assert "This tool has not yet been field tested" not in page
    assert "Riverside field test ran from" in page and "Audit 2027/014" in page
    assert "Twelve families took part.<br>Most knew more afterwards." in page
