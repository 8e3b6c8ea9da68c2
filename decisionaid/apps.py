from django.apps import AppConfig


class DecisionAidConfig(AppConfig):
    """The project itself: settings and addresses. As an app it holds only the migrations from
    before the code was split into apps by area (migrations/): the tables they made are the
    apps' own now, under the same names, so existing databases keep every row."""

    name = "decisionaid"
    verbose_name = "Preparing to decide"
