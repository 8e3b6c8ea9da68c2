"""The PDFs (the handout, the blank question list, the poster), made so that no family and no
address can take PDFs from the others, and nothing a family writes can hold a worker for long:

- a PDF is made in a process of its own, stopped after PDF_RENDER_SECONDS: the family then
  gets a designed page, never the worker timeout's bare error (pdf_process.py);
- only PDF_RENDERS_AT_ONCE are made at once on this machine, taken in a fair turn: one session
  or one address never takes them all (render_places.py);
- the last PDF a session made is kept in this process's memory with a hash of the handout's
  HTML, so asking again for the same answers costs nothing. Only that session can find it; it
  is dropped when the session starts over here, and in any case PDF_WINDOW_SECONDS after it
  was made, by a timer, so even a worker that serves nothing more lets it go (recent_pdfs.py);
- a session may make PDFS_PER_SESSION new PDFs in PDF_WINDOW_SECONDS (throttle.py).

The blank question list and the poster are the same for everyone: their HTML names the
service's own address (hospital_views.service_url), never the address a request came to. Each is
made once per HTML (a change by staff makes a new one) and kept in the database, so every
worker, and every app server sharing the database, serves that one copy (printable_pdf).
"""

from django.utils.crypto import salted_hmac

from decisionaid.printing import handout, pdf_process, render_places
from decisionaid.printing.limits import begin_pdf
from decisionaid.printing.models import PrintablePdf
from decisionaid.printing.recent_pdfs import hashed, recent

Busy = render_places.Busy  # no place to make it in time: "please try again"
TooSlow = pdf_process.TooSlow  # stopped at its deadline: "print the page instead"
SESSION_SALT = "decisionaid.pdfs.session"


class TooMany(Exception):
    """This session has made many PDFs lately."""



def pdf_for(session_key: str, address: str, context: dict) -> bytes:
    """The handout's PDF for this session (`address`: client_key of the request)."""
    html = handout.pdf_html(context)
    html_hash = hashed(html)
    if (pdf := recent.get(session_key, html_hash)) is not None:
        return pdf
    ticket = begin_pdf(session_key)
    if ticket is None:
        raise TooMany
    session = salted_hmac(SESSION_SALT, session_key, algorithm="sha256").hexdigest()[:32]
    try:
        with render_places.place_to_render(session, address):
            pdf = pdf_process.render(html, refit=lambda measured: handout.refit(context, measured)).pdf
    except TooSlow:
        raise  # it took the machine's time, so it counts against the session
    except BaseException:
        ticket.delete()  # only PDFs made (or tried to the end) count against the session
        raise
    recent.keep(session_key, html_hash, pdf)
    return pdf


def printable_pdf(html: str, address: str) -> bytes:
    """The PDF of a page that is the same for everyone: made once per HTML, kept for all."""
    html_hash = hashed(html)
    if (pdf := kept_printable(html_hash)) is not None:
        return pdf
    with render_places.place_to_render("", address):  # Busy when none comes in time, as for the handout
        if (pdf := kept_printable(html_hash)) is not None:
            return pdf  # another worker made it while this one waited
        pdf = pdf_process.render(html).pdf
    PrintablePdf.objects.get_or_create(html_hash=html_hash, defaults={"pdf": pdf})
    newest = PrintablePdf.objects.order_by("-made_at").values_list("html_hash", flat=True)[:PRINTABLES_KEPT]
    PrintablePdf.objects.exclude(html_hash__in=list(newest)).delete()
    return pdf


# Two printables; an old copy of each while staff edit the details: enough, and the table small.
PRINTABLES_KEPT = 4


def kept_printable(html_hash: str) -> bytes | None:
    kept = PrintablePdf.objects.filter(html_hash=html_hash).values_list("pdf", flat=True).first()
    return None if kept is None else bytes(kept)
