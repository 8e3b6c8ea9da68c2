"""Pages leave the server compressed, the way the browser asks; nothing a stranger puts in an
address comes back in a page (BREACH needs that); PDFs are sent as they are."""

import gzip

import brotli
import pytest

try:
    from compression import zstd  # Python 3.14+
except ImportError:
    from backports import zstd  # what django-http-compression installs before 3.14

from decisionaid.family.answers import SESSION_KEY
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(client):
    session = client.session
    session[SESSION_KEY] = complete_answers(risk_group="high")
    session.save()
    return client


@pytest.mark.parametrize(
    "accept, coding, decode",
    [("zstd, br, gzip", "zstd", zstd.decompress), ("gzip, br", "br", brotli.decompress),
     ("gzip", "gzip", gzip.decompress)],
)
def test_pages_are_compressed_as_the_browser_asks(family, accept, coding, decode):
    plain = family.get("/summary/").content
    response = family.get("/summary/", headers={"accept-encoding": accept})
    assert response["Content-Encoding"] == coding
    assert "accept-encoding" in response["Vary"].lower()
    assert len(response.content) < len(plain) / 3
    html = decode(response.content)
    assert b"Your summary" in html and html.count(b"<details") == plain.count(b"<details")


def test_gzip_keeps_the_breach_padding(family):
    """Heal the Breach: a random-length file name in the gzip header, as Django's GZipMiddleware."""
    lengths = {len(family.get("/summary/", headers={"accept-encoding": "gzip"}).content) for _ in range(8)}
    assert len(lengths) > 1


def test_a_question_page_does_not_echo_the_query_string(family):
    answers = complete_answers(risk_group="high")
    del answers["what-matters"]
    session = family.session
    session[SESSION_KEY] = answers
    session.save()
    html = family.get("/questions/what-matters/?guess=comfort-very").content.decode()
    assert "guess" not in html
    changing = family.get("/questions/what-matters/?change=1&guess=x").content.decode()
    assert 'action="/questions/what-matters/?change=1"' in changing and "guess" not in changing


def test_pdfs_are_not_compressed_again(family):
    response = family.get("/handout.pdf", headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"%PDF")
