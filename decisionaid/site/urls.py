from django.urls import path

from decisionaid.site import views

urlpatterns = [
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("still-here/", views.still_here, name="still_here"),
    path("error-pages/<int:status>/", views.error_page, name="error_page"),  # debug mode only
]
