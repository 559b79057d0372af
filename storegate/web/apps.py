from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "storegate.web"
    label = "web"
