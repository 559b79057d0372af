from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "storegate.notifications"
    label = "notifications"
