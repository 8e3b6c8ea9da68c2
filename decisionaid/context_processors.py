from django.conf import settings

from decisionaid.answers import Answers


def shared_device(request):
    """The shared-device inactivity warning (see static/js/app.js): its timings, and whether it
    can offer "Save and continue later" (once there is an answer to save)."""
    store = Answers(request.session)
    return {
        "shared_device_warning_seconds": settings.SHARED_DEVICE_WARNING_SECONDS,
        "shared_device_grace_seconds": settings.SHARED_DEVICE_GRACE_SECONDS,
        "shared_device_grace_words": seconds_in_words(settings.SHARED_DEVICE_GRACE_SECONDS),
        "shared_device_can_save": store.is_shared_device and bool(store.data),
        "something_to_erase": store.holds_anything,  # "Start over" only then: nothing to erase, no link
    }


def seconds_in_words(seconds: int) -> str:
    """As the warning's countdown says it (static/js/app.js, inWords)."""
    if seconds >= 120:
        return f"{-(-seconds // 60)} minutes"
    return "1 second" if seconds == 1 else f"{seconds} seconds"
