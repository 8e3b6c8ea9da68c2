"""Pages every visitor shares: about, privacy, "I'm still here" on a shared device, and the error
pages (shown by their own address in debug mode only)."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.http import require_POST, require_safe

from decisionaid.hospital import organisation, signoff
from decisionaid.library import catalogue, loader, readability
from decisionaid.saving.views import wait_in_words
from decisionaid.site import faults
from decisionaid.site.context_processors import seconds_in_words
from decisionaid.site.pages import render_page


@require_POST
def still_here(request):
    """'I'm still here' on a shared device, or the page saying it is in use (typing, scrolling,
    tapping): the middleware has already noted the time."""
    if request.POST.get("in_use"):
        return HttpResponse(status=204)
    next_url = request.POST.get("next", "")
    # Only a path on this site: never another site, never a name redirect() would look up.
    is_local_path = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    )
    return HttpResponseRedirect(next_url if is_local_path else reverse("start"))


@require_safe
def privacy(request):
    return render_page(
        request,
        "site/privacy.html",
        {
            "page_title": "Your privacy",
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "shared_minutes": settings.SHARED_DEVICE_WARNING_SECONDS // 60,
            "shared_grace": seconds_in_words(settings.SHARED_DEVICE_GRACE_SECONDS),
            "saved_days": settings.SAVED_PLAN_DAYS,
            "attempt_window": wait_in_words(settings.RETURN_ATTEMPTS_WINDOW_SECONDS),
            "hospital": organisation.Details(),
        },
    )


@require_safe
def about(request):
    return render_page(
        request,
        "site/about.html",
        {
            "page_title": "About this decision aid",
            "sources": catalogue.load().sources,
            "own_words": [t for t in loader.load().glossary if t.own_wording],
            "reviewed": loader.load().reviewed,
            "last_reviewed": loader.load().last_reviewed,
            "hospital": organisation.Details(),
            "review": signoff.states(),
            "grades": readability.content_grades(),
        },
    )


def csrf_failure(request, reason=""):
    """A form sent from a page left open too long: say so kindly; the answers are untouched."""
    return render(request, "site/csrf_failure.html", {"retry_url": request.path}, status=403)


ERROR_PAGES = {
    400: lambda request: defaults.bad_request(request, None),
    403: csrf_failure,
    404: lambda request: defaults.page_not_found(request, Http404()),
    500: faults.server_error,
    503: lambda request: HttpResponse(render_to_string("500.html", {"database_trouble": True}), status=503),
}


@require_safe
def error_page(request, status):
    """The error pages families see, to look at while developing: debug mode (`make run`)
    shows Django's own screens in their place. Outside debug mode there is nothing here."""
    if not settings.DEBUG or status not in ERROR_PAGES:
        raise Http404("No such page")
    return ERROR_PAGES[status](request)
