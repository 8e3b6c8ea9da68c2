"""Every address, by area: each app's own urls.py (README: "How the code is laid out"). The
addresses are a public contract (README: "The pages"): keep them stable."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("decisionaid.family.urls")),
    path("", include("decisionaid.weighing.urls")),
    path("", include("decisionaid.saving.urls")),
    path("", include("decisionaid.printing.urls")),
    path("", include("decisionaid.hospital.urls")),
    path("", include("decisionaid.site.urls")),
    path("field-test/", include("decisionaid.fieldtest.urls")),  # README: "Field test"
    path("admin/", admin.site.urls),
]

handler500 = "decisionaid.site.faults.server_error"
