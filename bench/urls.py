"""The app's URLs plus a trivial view: the same server, middleware and all, doing nothing."""

from django.http import HttpResponse
from django.urls import path

from decisionaid.urls import handler500  # noqa: F401
from decisionaid.urls import urlpatterns as app_urls


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [*app_urls, path("bench/floor/", floor)]
