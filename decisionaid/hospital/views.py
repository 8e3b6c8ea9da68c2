"""Pages for the hospital's clinicians and staff.

Public: For clinicians (the printables it links to are printing's). Staff only (urls.py puts
them behind the admin's login): the content review, a page for each content file, and its
sign-off.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from decisionaid.hospital import organisation, review, signoff
from decisionaid.hospital.models import SignOff
from decisionaid.library import catalogue, loader
from decisionaid.site.pages import render_page

SIGN_OFF_PERMISSION = "hospital.sign_off_content"


@require_safe
def for_clinicians(request):
    return render_page(request, "hospital/for_clinicians.html", {
        "page_title": "For clinicians",
        "sources": catalogue.load().sources,
        "reviewed": loader.load().reviewed,
        "last_reviewed": loader.load().last_reviewed,
    })


# Staff only: urls.py wraps these in admin.site.admin_view (login, staff, CSRF, never cached).


@require_safe
def review_index(request):
    files = signoff.states()
    return render(request, "hospital/review_index.html", {
        "page_title": "Review the content",
        "files": files,
        "reviewed_count": sum(f.status == signoff.REVIEWED for f in files),
        "can_sign": request.user.has_perm(SIGN_OFF_PERMISSION),
        "hospital": organisation.Details(),
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
    return render(request, "hospital/review_file.html", {
        "page_title": f"Review: {state.label}",
        "state": state,
        "review": review.file_review(file),
        "form": form,
        "can_sign": can_sign,
        "today": timezone.localdate(),
        "hospital": organisation.Details(),
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


@require_safe
def old_admin_address(request, rest):
    """A bookmark to one of these tables' admin pages from before the split into apps (README:
    "How the code is laid out"): the same page at its address now, behind the admin's login."""
    return redirect(f"/admin/hospital/{rest}", permanent=True)
