"""Small request/response rules that apply to every page."""

from django.conf import settings
from django.contrib import messages
from django.db import DEFAULT_DB_ALIAS, transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect

from decisionaid.family.answers import Answers

# Nothing here needs the camera, microphone, location, payment or any device API.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
        "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
        "serial", "usb", "xr-spatial-tracking", "interest-cohort", "browsing-topics",
    )
)


def security_headers(get_response):
    """Headers Django's SecurityMiddleware does not set, on every response, static files too."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Another site may not even load our responses as images or scripts (Spectre).
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


def no_store(get_response):
    """Nothing a page shows is kept in any cache, the browser's disk cache included: the
    answers are about a sick child, and "Start over" must leave nothing behind. Static files
    (whitenoise, above this) are cached for a year as before; a view may say otherwise."""

    def middleware(request):
        response = get_response(request)
        if "Cache-Control" not in response.headers:
            patch_cache_control(response, no_store=True, private=True)
        return response

    return middleware


def one_change_at_a_time(get_response):
    """A request that may change a family's answers (any POST) runs in one transaction that
    holds their session row (sessions.SessionStore), from reading the answers to saving them, so
    two at once (a double tap, two tabs) take turns instead of one undoing the other. (Django's
    SessionMiddleware, outside this, then finds nothing left to save.)"""

    def middleware(request):
        if request.method in ("GET", "HEAD", "OPTIONS") or not holds_a_transaction(request):
            return get_response(request)
        with transaction.atomic():
            response = get_response(request)
            if request.session.modified and response.status_code < 500:
                request.session.save()
        return response

    return middleware


def holds_a_transaction(request) -> bool:
    """Every POST, except to a view marked @transaction.non_atomic_requests (opening a return
    code, which may wait its turn and replaces the answers whole)."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return True
    return DEFAULT_DB_ALIAS not in getattr(view, "_non_atomic_requests", ())


# Said to any device whose answers have gone: a shared tablet's, or a phone's after its days
# (security re-check R12: "on this shared device" told a family's own phone it was shared).
ERASED_FOR_PRIVACY = "For your privacy, your answers were erased after a time without use."


def shared_device_expiry(get_response):
    """A shared device's answers last on the server only while the family is using it: each
    request notes the time, and the session row expires after the warning and grace times
    without use (sessions.py), so a tablet simply put down is erased too. When such a tablet
    comes back, its cookie finds nothing: the start page says why."""

    def middleware(request):
        store = Answers(request.session)
        timed_out = settings.SESSION_COOKIE_NAME in request.COOKIES and not store.data and (
            request.session.session_key is None  # the cookie's session is gone: expired
        )
        if settings.SHARED_DEVICE and not store.is_shared_device:
            store.mark_shared_device()
        if timed_out:
            messages.info(request, ERASED_FOR_PRIVACY)
            if request.htmx:  # reload the whole page, so nothing of the old one stays
                return HttpResponseClientRedirect(reverse("start"))
            return redirect("start")
        if store.is_shared_device:
            store.touch()
        return get_response(request)

    return middleware


HAS_ANSWERS_HEADER = "Decisionaid-Has-Answers"


def tell_htmx_whether_answers_are_here(get_response):
    """htmx swaps only part of a page, so each of its responses says whether the family has
    answers here now (static/js/app.js): the page offers "Save and continue later" in the
    shared device's warning, and says "your answers are saved", only when there are."""

    def middleware(request):
        response = get_response(request)
        if request.htmx:
            response[HAS_ANSWERS_HEADER] = "yes" if Answers(request.session).data else "no"
        return response

    return middleware
