from django.contrib import admin
from django.urls import path

from decisionaid.hospital import views

# For a hospital's clinicians (public) and staff (README: "Offering it at your hospital"); the
# review pages sit behind the admin's login.
urlpatterns = [
    path("for-clinicians/", views.for_clinicians, name="for_clinicians"),
    path("admin/review/", admin.site.admin_view(views.review_index), name="review"),
    path("admin/review/<path:file>", admin.site.admin_view(views.review_file), name="review_file"),
    # Before the code was split into apps these tables' admin pages were under /admin/decisionaid/.
    path("admin/decisionaid/<path:rest>", views.old_admin_address),
]
