from django.apps import AppConfig


class CollaboratorsConfig(AppConfig):
    name = "storegate.collaborators"
    label = "collaborators"

    def ready(self) -> None:
        # Registers the store-session ("sgs_") token resolver with the API authentication.
        from storegate.collaborators import sessions  # noqa: F401
