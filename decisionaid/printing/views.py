"""The handout: its page, its PDF, and the pages a family gets when it is not ready or a PDF
cannot be made just now."""

import functools
import logging

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect

from decisionaid.family import journey
from decisionaid.family.answers import Answers
from decisionaid.family.navigation import question_url
from decisionaid.printing import handout, pdfs
from decisionaid.saving.offer import saved_plan_display
from decisionaid.saving.views import erased_after_saving
from decisionaid.site.clients import client_key

logger = logging.getLogger(__name__)


def handout_not_ready(request, store):
    """Before the journey is complete: a page that explains why, or None when it is."""
    if store.erased_after_saving:
        return erased_after_saving(request)
    answers = store.data
    unanswered = journey.first_unanswered(answers)
    if unanswered is None:
        return None
    context = {"page_title": "Your summary is not ready yet", "question_url": question_url(unanswered),
               "question": unanswered}
    return render(request, "printing/handout_not_ready.html", context, status=409)


def handout_for(request, store) -> dict:
    context = handout.handout_context(store.data, store.questions_to_bring, timezone.localdate(), store.weigh_up)
    return {**context, "saved": saved_plan_display(request, store), "shared_device": store.is_shared_device}


def handout_view(view):
    """The handout is a page of its own (no site layout, no htmx), so a link followed by htmx
    becomes a full page load."""

    @functools.wraps(view)
    def wrapped(request):
        if request.htmx:
            return HttpResponseClientRedirect(request.get_full_path())
        return view(request)

    return require_safe(wrapped)


@handout_view
def handout_page(request):
    store = Answers(request.session)
    if not_ready := handout_not_ready(request, store):
        return not_ready
    return render(request, "printing/handout.html", handout_for(request, store))


@handout_view
def handout_pdf(request):
    store = Answers(request.session)
    if not_ready := handout_not_ready(request, store):
        return not_ready
    context = handout_for(request, store)
    filename = f"neuroblastoma-conversation-summary-{context['today']:%Y-%m-%d}.pdf"
    address = client_key(request.META)
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
    response = render(request, "printing/handout_pdf_later.html", {
        "page_title": title, "reason": reason, "minutes": minutes, "page_url": page_url,
    }, status=status)
    response["Retry-After"] = str(minutes * 60)
    return response


def pdf_response(request, make_pdf, filename, what="handout", page_url="", attachment=False, let_through=()):
    """The PDF that make_pdf() makes, or a plain page saying it could not be made (never a
    stack trace); page_url is the printable page to print instead (default: the handout).
    `attachment`: the browser saves it as a file rather than showing it. Exceptions in
    `let_through` are the caller's to answer."""
    try:
        pdf = make_pdf()
    except let_through:
        raise
    except Exception:  # any failure in the PDF library: a clear page, never a stack trace
        logger.exception("The %s PDF could not be made", what)  # the exception only: no answers
        failed = {"page_title": "We could not make the PDF", "page_url": page_url}
        return render(request, "printing/handout_pdf_failed.html", failed, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'{"attachment" if attachment else "inline"}; filename="{filename}"'
    return response
