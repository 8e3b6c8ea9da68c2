from django.urls import path

from decisionaid.printing import printable_views, views

urlpatterns = [
    path("handout/", views.handout_page, name="handout"),
    path("handout.pdf", views.handout_pdf, name="handout_pdf"),
    path("for-clinicians/poster/", printable_views.poster, name="poster"),
    path("for-clinicians/poster.pdf", printable_views.poster_pdf, name="poster_pdf"),
    path("blank-handout/", printable_views.blank_handout, name="blank_handout"),
    path("blank-handout.pdf", printable_views.blank_handout_pdf, name="blank_handout_pdf"),
]
