from django.conf import settings


def shared_device(request):
    """Timings for the shared-device inactivity warning (see static/js/app.js)."""
    return {
        "shared_device_warning_seconds": settings.SHARED_DEVICE_WARNING_SECONDS,
        "shared_device_grace_seconds": settings.SHARED_DEVICE_GRACE_SECONDS,
    }
