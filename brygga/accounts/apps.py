from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "brygga.accounts"
    label = "accounts"
    verbose_name = _("Konton och enheter")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import api_schema, receivers, roles  # api_schema registers the token scheme

        post_migrate.connect(roles.roles_sync_after_migrate, sender=self)
        receivers.connect()
        del api_schema
