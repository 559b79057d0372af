from django.apps import AppConfig


class CollaboratorsConfig(AppConfig):
    name = "storegate.collaborators"
    label = "collaborators"
