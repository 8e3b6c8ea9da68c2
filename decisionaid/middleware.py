"""Small request/response rules that apply to every page."""

import time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import DisallowedHost
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from decisionaid.answers import Answers

# Nothing here needs the camera, microphone, location, payment or any device API.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
        "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
        "serial", "usb", "xr-spatial-tracking", "interest-cohort", "browsing-topics",
    )
)


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


ERASED_FOR_PRIVACY = (
    "For your privacy on this shared device, your answers were erased after a time without use."
)


def shared_device_expiry(get_response):
    """On a shared device, erase everything on the server once the family has been away for
    the warning time plus the grace minute, even if the tablet was simply put down."""

    def middleware(request):
        store = Answers(request.session)
        if settings.SHARED_DEVICE and not store.is_shared_device:
            store.mark_shared_device()
        if store.is_shared_device:
            idle = time.time() - store.last_seen
            if idle > settings.SHARED_DEVICE_WARNING_SECONDS + settings.SHARED_DEVICE_GRACE_SECONDS:
                store.clear()
                if settings.SHARED_DEVICE:
                    store.mark_shared_device()
                messages.info(request, ERASED_FOR_PRIVACY)
                if request.htmx:  # reload the whole page, so nothing of the old one stays
                    return HttpResponseClientRedirect(reverse("start"))
                return redirect("start")
            store.touch()
        return get_response(request)

    return middleware



def restore_own_origin(get_response):
    """Lets Django's CSRF check work under `Referrer-Policy: no-referrer`.

    Under that policy browsers send `Origin: null` with this site's own form posts, which
    Django's origin check refuses. When the browser says the post came from this same site
    (`Sec-Fetch-Site`, which pages cannot forge), or is too old to say, the null is read as this
    site's own origin. Django's CSRF middleware then checks the post as always, token included;
    a post that another site sent keeps its null origin and is refused.
    """

    def middleware(request):
        if (
            request.META.get("HTTP_ORIGIN") == "null"
            and request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") == "same-origin"
        ):
            try:
                host = request.get_host()
            except DisallowedHost:
                return get_response(request)  # Django refuses the request with its own 400
            request.META["HTTP_ORIGIN"] = f"{request.scheme}://{host}"
        return get_response(request)

    return middleware
