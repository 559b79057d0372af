from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "storegate.accounts"
    label = "accounts"
