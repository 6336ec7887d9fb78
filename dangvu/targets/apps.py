from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "dangvu.targets"
    label = "targets"
    verbose_name = _("Chỉ tiêu, đánh giá xếp loại, thi đua và khen thưởng")
