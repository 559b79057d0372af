from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "storegate.audit"
    label = "audit"
