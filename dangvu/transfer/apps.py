from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "dangvu.transfer"
    label = "transfer"
    verbose_name = _("Nhập, xuất dữ liệu")
