from django.apps import AppConfig


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
