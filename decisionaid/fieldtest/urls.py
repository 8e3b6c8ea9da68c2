"""The field test's addresses, under /field-test/ (decisionaid/urls.py includes them)."""

from django.urls import path

from decisionaid.fieldtest import views

app_name = "fieldtest"
urlpatterns = [
    path("", views.invitation, name="invitation"),
    path("before/", views.before, name="before"),
    path("after/", views.after, name="after"),
    path("after/the-tool/", views.after_tool, name="after_tool"),
    path("thank-you/", views.thank_you, name="thank_you"),
    path("leave/", views.leave, name="leave"),
]
