from django.urls import path

from decisionaid.saving import views

urlpatterns = [
    path("save/", views.save_for_later, name="save"),
    path("saved/", views.saved, name="saved"),
    path("saved/delete/", views.delete_saved, name="delete_saved"),
    path("return/", views.return_with_code, name="return"),
]
