from django.apps import AppConfig


class StoresConfig(AppConfig):
    name = "storegate.stores"
    label = "stores"

    def ready(self) -> None:
        # Registers the personal token's look-up that also reads the caller's link to the store.
        from storegate.access import store_access  # noqa: F401
