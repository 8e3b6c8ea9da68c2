"""The printables that are the same for everyone: the blank question list for families not using
the app, and the clinic poster with a QR code that opens the service; each a page and a PDF."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from decisionaid.library import catalogue, loader
from decisionaid.printing import handout, pdfs
from decisionaid.printing.views import handout_view, pdf_later, pdf_response
from decisionaid.site.clients import client_key
from decisionaid.site.qr import qr_svg, without_scheme


def service_url() -> str:
    """The service's own public address: DECISIONAID_SERVICE_URL, else the first host it
    allows (DJANGO_ALLOWED_HOSTS), never the address a request names (anyone can set that, so
    each would be a new printable to make)."""
    if settings.SERVICE_URL:
        return settings.SERVICE_URL
    hosts = (host.lstrip(".") for host in settings.ALLOWED_HOSTS)
    host = next((host for host in hosts if host and host != "*"), "localhost")
    return f"{'https' if settings.HTTPS else 'http'}://{host}{reverse('start')}"


def service() -> dict:
    """The service's public address, in words and as a QR code."""
    link = service_url()
    return {"address": without_scheme(link), "qr": qr_svg(link, f"QR code that opens {without_scheme(link)}")}


def blank_handout_context() -> dict:
    content = loader.load()
    return {
        "page_title": "Questions to bring to your child's care team",
        "questions": [q for q in content.questions_to_ask if q.when is None],  # those for every family
        "sources": catalogue.load().sources,
        "reviewed": content.last_reviewed,
        "service": service(),
    }


def poster_context() -> dict:
    return {"page_title": "Clinic poster", "service": service()}


@handout_view
def blank_handout(request):
    return render(request, "printing/blank_handout.html", blank_handout_context())


@handout_view
def blank_handout_pdf(request):
    return printable_pdf(request, "printing/blank_handout.html", blank_handout_context(),
                         "questions-to-bring.pdf", "blank handout", reverse("blank_handout"))


@handout_view
def poster(request):
    return render(request, "printing/poster.html", poster_context())


@handout_view
def poster_pdf(request):
    return printable_pdf(request, "printing/poster.html", poster_context(),
                         "preparing-to-decide-poster.pdf", "poster", reverse("poster"))


def printable_pdf(request, template, context, filename, what, page_url):
    """Anyone may ask, session or none: made once and kept for everyone, in a fair turn like
    the handout's PDF (pdfs.py); when none comes in time, the handout's "try again" page."""
    html = handout.template_html(template, context)
    try:
        return pdf_response(request, lambda: pdfs.printable_pdf(html, client_key(request.META)),
                            filename, what, page_url, let_through=(pdfs.Busy, pdfs.TooSlow))
    except pdfs.Busy:
        return pdf_later(request, "busy", status=503, page_url=page_url)
    except pdfs.TooSlow:
        return pdf_later(request, "slow", status=503, page_url=page_url)
