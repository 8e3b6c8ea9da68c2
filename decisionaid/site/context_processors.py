from django.conf import settings

from decisionaid.family.answers import Answers


def shared_device(request):
    """What every page needs to keep the app's promises on a shared device (site/templates/site/_still_here.html,
    static/js/shared-device.js): whether this is one, the warning's timings, and whether there is
    anything of the family's here to save or to speak of (after an erase there is not)."""
    store = Answers(request.session)
    return {
        "shared_device_on": store.is_shared_device,
        "shared_device_warning_seconds": settings.SHARED_DEVICE_WARNING_SECONDS,
        "shared_device_grace_seconds": settings.SHARED_DEVICE_GRACE_SECONDS,
        "shared_device_grace_words": seconds_in_words(settings.SHARED_DEVICE_GRACE_SECONDS),
        # Without JavaScript the page cannot count: it goes to the start page just after the
        # server has erased (so nothing of the family's stays on the screen), and the start page says why.
        "shared_device_erased_after": settings.SHARED_DEVICE_WARNING_SECONDS + settings.SHARED_DEVICE_GRACE_SECONDS + 2,
        "device_has_answers": bool(store.data),  # "Save and continue later", "your answers are saved"
        "something_to_erase": store.holds_anything,  # "Start over" only then: nothing to erase, no link
    }


def seconds_in_words(seconds: int) -> str:
    """As the warning's countdown says it (static/js/shared-device.js, inWords)."""
    if seconds >= 120:
        return f"{-(-seconds // 60)} minutes"
    return "1 second" if seconds == 1 else f"{seconds} seconds"
