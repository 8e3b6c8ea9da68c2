from django.urls import path

from decisionaid.weighing import views

urlpatterns = [
    path("weigh-up/", views.weigh_options, name="weigh_up"),
    path("weigh-up/reasons/", views.weigh_reasons, name="weigh_up_reasons"),
    path("weigh-up/leaning/", views.weigh_leaning, name="weigh_up_leaning"),
    path("weigh-up/summary/", views.weigh_done, name="weigh_up_done"),
]
