from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "storegate.partners"
    label = "partners"
