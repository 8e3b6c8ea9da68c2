"""What other pages need of saving: the "Save and continue later" offer, a saved plan kept
current as the family changes its answers, its display on the handout, and the return code's
cookies on the family's device."""

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone

from decisionaid.saving import codes, plans
from decisionaid.saving.presenters import return_code

# The return code is kept only on the family's own device, in signed cookies: never in the
# database (which keeps only a hash), never in a URL (which logs keep). Signed, so no code the
# server did not issue is ever looked up through a cookie, outside the limit on guesses.
# A copy goes only to each page that shows the code or needs it (a cookie's Path), never with
# every request: the code page, the handout and its PDF, and "I have a return code", where a
# device's own code is never held back by the limit on wrong codes.
CODE_COOKIES = {
    "return_code": "saved", "return_code_h": "handout", "return_code_p": "handout_pdf", "return_code_r": "return",
}
# On a shared device the code is shown once, from a cookie that lasts minutes, after the
# answers have been erased from the tablet.
CODE_ONCE_COOKIE = "return_code_once"
CODE_COOKIE_SALT = "decisionaid.return-code"
SHOW_ONCE_SECONDS = 10 * 60


def long_date(moment) -> str:
    return dateformat.format(timezone.localdate(moment), "j F Y")


def code_cookies(once=False) -> dict:
    """{cookie name: the one path it is sent to}"""
    return {CODE_ONCE_COOKIE: reverse("saved")} if once else {n: reverse(page) for n, page in CODE_COOKIES.items()}


def remembered_code(request, once=False) -> str | None:
    max_age = SHOW_ONCE_SECONDS if once else settings.SESSION_COOKIE_AGE
    for name in code_cookies(once):  # only this page's copy, if any, came with the request
        if value := request.get_signed_cookie(name, default=None, salt=CODE_COOKIE_SALT, max_age=max_age):
            return codes.normalise(value)
    return None


def remember_code(response, code, once=False):
    max_age = SHOW_ONCE_SECONDS if once else settings.SESSION_COOKIE_AGE
    for name, path in code_cookies(once).items():
        response.set_signed_cookie(
            name, codes.for_link(code), salt=CODE_COOKIE_SALT, max_age=max_age, path=path,
            secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
        )


def forget_codes(response):
    for name, path in {**code_cookies(), **code_cookies(once=True)}.items():
        response.delete_cookie(name, path=path, samesite="Lax")


def save_offer(store) -> dict:
    """What the "Save and continue later" panel needs: offered once there is an answer."""
    plan = plans.live(store.saved_plan_id)
    return {"can_save": bool(store.data), "saved_until": plan.expires_at if plan else None}


def keep_saved_plan_current(store):
    """Once a family has saved, what they change afterwards is saved too, until they delete it."""
    if store.saved_plan_id and not plans.update(store.saved_plan_id, store.data, store.questions_to_bring,
                                                 store.weigh_up):
        store.unlink_saved_plan()  # deleted or expired meanwhile


def return_url(request) -> str:
    return request.build_absolute_uri(reverse("return"))


def saved_plan_display(request, store) -> dict | None:
    """For the handout: when these answers are saved, until when, and the code if known here."""
    plan = plans.live(store.saved_plan_id)
    if plan is None:
        return None
    code = remembered_code(request)
    known = code if code and plans.matches(plan, code) else None
    return {"until": plan.expires_at, "code": return_code(known, return_url(request)) if known else None}
