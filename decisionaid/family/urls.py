from django.urls import path

from decisionaid.family import questions_views, summary_views, views

urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:question_id>/", views.question, name="question"),
    path("check-your-answers/", views.check_answers, name="check_answers"),
    path("start-over/", views.start_over, name="start_over"),
    path("summary/", summary_views.summary, name="summary"),
    path("summary/questions/", questions_views.questions_to_bring, name="questions_to_bring"),
    path("options/compare/", summary_views.compare, name="compare"),
    path("options/<slug:option_id>/", summary_views.option_page, name="option"),
    path("words/", summary_views.words, name="words"),
]
