from django.apps import AppConfig


class CommerceConfig(AppConfig):
    name = "storegate.commerce"
    label = "commerce"
