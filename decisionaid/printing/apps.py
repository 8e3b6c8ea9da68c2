from django.apps import AppConfig
from django.conf import settings
from django.core import checks


@checks.register("printing")
def waiting_outlasts_a_render(app_configs=None, **kwargs):
    """A family waiting for a place to make its PDF must outwait one that runs to its deadline:
    else one session whose PDFs always do keeps every other family on "please try again"
    (security re-check R3, with a wait of 8 s against a deadline of 12)."""
    if settings.PDF_WAIT_SECONDS > settings.PDF_RENDER_SECONDS:
        return []
    return [checks.Warning(
        f"DECISIONAID_PDF_WAIT_SECONDS ({settings.PDF_WAIT_SECONDS:g}) is not longer than "
        f"DECISIONAID_PDF_RENDER_SECONDS ({settings.PDF_RENDER_SECONDS:g})",
        hint="Families waiting for a PDF give up before a slow one ends; make the wait the longer.",
        id="printing.W001")]


class PrintingConfig(AppConfig):
    """The handout and its PDF, the blank question list and the clinic poster."""

    name = "decisionaid.printing"
    label = "printing"
    verbose_name = "Printing"

    def ready(self):
        from decisionaid.family.answers import session_cleared
        from decisionaid.printing import recent_pdfs

        # An emptied session's PDF, kept in this worker, goes with it.
        session_cleared.connect(recent_pdfs.forget_for_session, dispatch_uid="printing.forget_pdf")
