"""The PDFs made: how many each session made lately (the limit), and the printables that are the
same for everyone, kept once for every worker."""

from django.db import models


class PdfRender(models.Model):
    """A handout PDF made for a session, counted to limit how many one session makes.

    `client` is a keyed hash of the session key, never the key itself (see throttle.py)."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "decisionaid_pdfrender"  # its table from before the split into apps
        indexes = [models.Index(fields=["client", "at"])]


class PrintablePdf(models.Model):
    """The PDF of a printable that is the same for everyone (the blank question list, the
    poster), made once and kept for every worker and app server; keyed by a hash of its HTML,
    so a change by staff makes a new one (pdfs.printable_pdf). Nothing of any family's."""

    html_hash = models.CharField(max_length=64, primary_key=True)
    pdf = models.BinaryField()
    made_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "decisionaid_printablepdf"  # its table from before the split into apps
