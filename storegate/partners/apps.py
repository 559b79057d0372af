from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "storegate.partners"
    label = "partners"

    def ready(self) -> None:
        # Registers the webhook fan-out subscriber, deliverer and failure hook (R27).
        from storegate.notifications import webhooks  # noqa: F401
