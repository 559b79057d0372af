from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "storegate.core"
    label = "core"
