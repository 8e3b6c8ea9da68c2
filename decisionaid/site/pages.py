"""What every view answers with: a page (the `main` partial for htmx), or a redirect that keeps
its #anchor for htmx too."""

from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseLocation

# Heads the page a family sees again after trouble on our side (faults.py, the weigh-up steps).
TRY_AGAIN = "Sorry, please try again"


def render_page(request, template, context=None, status=200):
    """The full page, or only its `main` partial for an htmx request (not a history restore)."""
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#main"
    return render(request, template, context or {}, status=status)


def go_to(request, url):
    """A redirect. For htmx, an address with an #anchor goes as HX-Location: a redirect followed
    by the browser's own request keeps the anchor, but one followed by htmx's loses it. The swap
    leaves the scrolling to the anchor (no "show:window:top")."""
    if request.htmx and "#" in url:
        return HttpResponseLocation(url, target="#main", swap="innerHTML")
    return redirect(url)
