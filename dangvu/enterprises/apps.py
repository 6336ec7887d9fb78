from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "dangvu.enterprises"
    label = "enterprises"
    verbose_name = _("Doanh nghiệp và đoàn thể")
