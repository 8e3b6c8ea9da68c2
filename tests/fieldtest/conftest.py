import datetime

import pytest


@pytest.fixture
def field_test(db):
    """A field test open today, as staff would set it up in the admin."""
    from decisionaid.fieldtest.models import FieldTest

    today = datetime.date.today()
    return FieldTest.objects.create(
        name="Riverside field test", reference="Audit 2027/014", contact="Sam Patel, research nurse, 020 7946 0222",
        starts_on=today - datetime.timedelta(days=1), ends_on=today + datetime.timedelta(days=30), is_open=True,
        keep_until=today + datetime.timedelta(days=365),
    )
