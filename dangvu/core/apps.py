from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self):
        # `make run`: the development server runs the queued background tasks itself (core/worker.py).
        from .worker import start_if_wanted

        start_if_wanted()
