"""How many new PDFs one session may make in a window, kept in the database like the return-code
limit (saving/throttle.py: the proof that it holds across workers is there)."""

from django.conf import settings
from django.utils.crypto import salted_hmac

from decisionaid.printing.models import PdfRender
from decisionaid.saving.throttle import admit, window_start

SESSION_SALT = "decisionaid.throttle.session"  # a salt, not a path: changing it changes every key


def begin_pdf(session_key: str) -> PdfRender | None:
    """A PDF is about to be made for this session: its ticket, or None when it has made
    PDFS_PER_SESSION lately."""
    key = salted_hmac(SESSION_SALT, session_key, algorithm="sha256").hexdigest()
    return admit(PdfRender, key, settings.PDFS_PER_SESSION, settings.PDF_WINDOW_SECONDS)


def clear_old() -> int:
    """PDFs made before the window: they no longer count."""
    deleted, _ = PdfRender.objects.filter(at__lt=window_start(settings.PDF_WINDOW_SECONDS)).delete()
    return deleted
