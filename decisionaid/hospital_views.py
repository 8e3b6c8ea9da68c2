"""Pages for the hospital's clinicians and staff.

Public: For clinicians, the blank question list and the clinic poster (each a page and a PDF).
Staff only (urls.py puts them behind the admin's login): the content review, a page for each
content file, and its sign-off.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from decisionaid import catalogue, handout, hospital, library, pdfs, review, signoff, throttle
from decisionaid.models import SignOff
from decisionaid.pages import pdf_response, render_page
from decisionaid.pdf_views import pdf_later
from decisionaid.presenters import qr_svg, without_scheme
from decisionaid.views import handout_view

SIGN_OFF_PERMISSION = "decisionaid.sign_off_content"


@require_safe
def for_clinicians(request):
    return render_page(request, "for_clinicians.html", {
        "page_title": "For clinicians",
        "sources": catalogue.load().sources,
        "reviewed": library.load().reviewed,
    })


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
    content = library.load()
    return {
        "page_title": "Questions to bring to your child's care team",
        "questions": [q for q in content.questions_to_ask if q.when is None],  # those for every family
        "sources": catalogue.load().sources,
        "reviewed": content.reviewed,
        "service": service(),
    }


def poster_context() -> dict:
    return {"page_title": "Clinic poster", "service": service()}


@handout_view
def blank_handout(request):
    return render(request, "blank_handout.html", blank_handout_context())


@handout_view
def blank_handout_pdf(request):
    return printable_pdf(request, "blank_handout.html", blank_handout_context(),
                         "questions-to-bring.pdf", "blank handout", reverse("blank_handout"))


@handout_view
def poster(request):
    return render(request, "poster.html", poster_context())


@handout_view
def poster_pdf(request):
    return printable_pdf(request, "poster.html", poster_context(),
                         "preparing-to-decide-poster.pdf", "poster", reverse("poster"))


def printable_pdf(request, template, context, filename, what, page_url):
    """Anyone may ask, session or none: made once and kept for everyone, in a fair turn like
    the handout's PDF (pdfs.py); when none comes in time, the handout's "try again" page."""
    html = handout.template_html(template, context)
    try:
        return pdf_response(request, lambda: pdfs.printable_pdf(html, throttle.client_key(request.META)),
                            filename, what, page_url, let_through=(pdfs.Busy, pdfs.TooSlow))
    except pdfs.Busy:
        return pdf_later(request, "busy", status=503, page_url=page_url)
    except pdfs.TooSlow:
        return pdf_later(request, "slow", status=503, page_url=page_url)


# Staff only: urls.py wraps these in admin.site.admin_view (login, staff, CSRF, never cached).


@require_safe
def review_index(request):
    files = signoff.states()
    return render(request, "review_index.html", {
        "page_title": "Review the content",
        "files": files,
        "reviewed_count": sum(f.status == signoff.REVIEWED for f in files),
        "can_sign": request.user.has_perm(SIGN_OFF_PERMISSION),
        "hospital": hospital.Details(),
    })


class SignOffForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=200)
    role = forms.CharField(label="Your role", max_length=200)
    version = forms.CharField(widget=forms.HiddenInput, max_length=64)


@require_http_methods(["GET", "HEAD", "POST"])
def review_file(request, file):
    state = signoff.state_of(file)
    if state is None:
        raise Http404("No such content file")
    can_sign = request.user.has_perm(SIGN_OFF_PERMISSION)
    if request.method == "POST":
        if not can_sign:
            raise PermissionDenied
        form = SignOffForm(request.POST)
        if form.is_valid():
            return signed_off(request, file, form.cleaned_data)
    else:
        form = SignOffForm(initial={**last_signature(request.user), "version": state.version})
    return render(request, "review_file.html", {
        "page_title": f"Review: {state.label}",
        "state": state,
        "review": review.file_review(file),
        "form": form,
        "can_sign": can_sign,
        "today": timezone.localdate(),
        "hospital": hospital.Details(),
    })


def signed_off(request, file, data):
    try:
        signoff.sign_off(request.user, file, data["version"], data["name"], data["role"], timezone.localdate())
    except signoff.StaleVersion:
        messages.error(request, "This file changed while you were reading it, so it was not signed off. "
                                "Please read it again, then sign it off.")
    else:
        messages.success(request, "Signed off. Thank you.")
    return redirect("review_file", file=file)


def last_signature(user) -> dict:
    """The name and role this reviewer signed with last time, else the account's name."""
    last = SignOff.objects.filter(signed_by=user).order_by("-pk").first()
    if last:
        return {"name": last.name, "role": last.role}
    return {"name": user.get_full_name()}
