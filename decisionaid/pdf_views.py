"""The handout's PDF, and the page a family gets when a PDF cannot be made just now."""

from django.conf import settings
from django.shortcuts import render

from decisionaid import pdfs, throttle
from decisionaid.answers import Answers
from decisionaid.pages import pdf_response
from decisionaid.views import handout_for, handout_not_ready, handout_view


@handout_view
def handout_pdf(request):
    store = Answers(request.session)
    if not_ready := handout_not_ready(request, store):
        return not_ready
    context = handout_for(request, store)
    filename = f"neuroblastoma-conversation-summary-{context['today']:%Y-%m-%d}.pdf"
    address = throttle.client_key(request.META)
    try:  # made in a fair turn, within a deadline, a few per session, the same answers' PDF kept (pdfs.py)
        # A download, as the button says: opened inline, a phone shows it and saves nothing.
        return pdf_response(request, lambda: pdfs.pdf_for(request.session.session_key, address, context), filename,
                            attachment=True, let_through=(pdfs.TooMany, pdfs.Busy, pdfs.TooSlow))
    except pdfs.TooMany:
        return pdf_later(request, "too-many", status=429)
    except pdfs.Busy:
        return pdf_later(request, "busy", status=503)
    except pdfs.TooSlow:
        return pdf_later(request, "slow", status=503)


def pdf_later(request, reason, status, page_url=""):
    """Please print the page, or try again; page_url is the printable page to print now
    (default: the handout). `reason`: "too-many" (this session made several lately), "busy"
    (no place to make it came in time), "slow" (it was stopped at its deadline)."""
    minutes = max(1, settings.PDF_WINDOW_SECONDS // 60) if reason == "too-many" else 1
    title = "Please print the page instead" if reason == "slow" else "Please try the PDF again soon"
    response = render(request, "handout_pdf_later.html", {
        "page_title": title, "reason": reason, "minutes": minutes, "page_url": page_url,
    }, status=status)
    response["Retry-After"] = str(minutes * 60)
    return response
