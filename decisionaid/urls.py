from django.contrib import admin
from django.urls import path

from decisionaid import hospital_views, questions_views, saving_views, views, weighing_views

urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:question_id>/", views.question, name="question"),
    path("check-your-answers/", views.check_answers, name="check_answers"),
    path("summary/", views.summary, name="summary"),
    path("summary/questions/", questions_views.questions_to_bring, name="questions_to_bring"),
    path("options/compare/", views.compare, name="compare"),
    path("options/<slug:option_id>/", views.option_page, name="option"),
    path("weigh-up/", weighing_views.weigh_options, name="weigh_up"),
    path("weigh-up/reasons/", weighing_views.weigh_reasons, name="weigh_up_reasons"),
    path("weigh-up/leaning/", weighing_views.weigh_leaning, name="weigh_up_leaning"),
    path("weigh-up/summary/", weighing_views.weigh_done, name="weigh_up_done"),
    path("handout/", views.handout_page, name="handout"),
    path("handout.pdf", views.handout_pdf, name="handout_pdf"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("words/", views.words, name="words"),
    path("still-here/", views.still_here, name="still_here"),
    path("start-over/", views.start_over, name="start_over"),
    path("save/", saving_views.save_for_later, name="save"),
    path("saved/", saving_views.saved, name="saved"),
    path("saved/delete/", saving_views.delete_saved, name="delete_saved"),
    path("return/", saving_views.return_with_code, name="return"),
    path("error-pages/<int:status>/", views.error_page, name="error_page"),  # debug mode only
    # For a hospital's clinicians (public) and staff (README: "Offering it at your hospital").
    path("for-clinicians/", hospital_views.for_clinicians, name="for_clinicians"),
    path("for-clinicians/poster/", hospital_views.poster, name="poster"),
    path("for-clinicians/poster.pdf", hospital_views.poster_pdf, name="poster_pdf"),
    path("blank-handout/", hospital_views.blank_handout, name="blank_handout"),
    path("blank-handout.pdf", hospital_views.blank_handout_pdf, name="blank_handout_pdf"),
    path("admin/review/", admin.site.admin_view(hospital_views.review_index), name="review"),
    path("admin/review/<path:file>", admin.site.admin_view(hospital_views.review_file), name="review_file"),
    path("admin/", admin.site.urls),
]

handler500 = "decisionaid.faults.server_error"
