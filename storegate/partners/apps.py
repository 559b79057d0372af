from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "storegate.partners"
    label = "partners"

    def ready(self) -> None:
        # Registers the ``sgo_`` organization-token resolver (R27).
        from storegate.partners import tokens  # noqa: F401
