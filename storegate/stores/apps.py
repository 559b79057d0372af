from django.apps import AppConfig


class StoresConfig(AppConfig):
    name = "storegate.stores"
    label = "stores"
