from django.urls import path

from decisionaid import saving_views, views

urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:question_id>/", views.question, name="question"),
    path("check-your-answers/", views.check_answers, name="check_answers"),
    path("summary/", views.summary, name="summary"),
    path("summary/questions/", views.questions_to_bring, name="questions_to_bring"),
    path("handout/", views.handout_page, name="handout"),
    path("handout.pdf", views.handout_pdf, name="handout_pdf"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("still-here/", views.still_here, name="still_here"),
    path("start-over/", views.start_over, name="start_over"),
    path("save/", saving_views.save_for_later, name="save"),
    path("saved/", saving_views.saved, name="saved"),
    path("saved/delete/", saving_views.delete_saved, name="delete_saved"),
    path("return/", saving_views.return_with_code, name="return"),
]

handler500 = "decisionaid.faults.server_error"
