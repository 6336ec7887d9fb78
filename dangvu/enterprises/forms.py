"""The filter forms of the enterprise pages (the date and zone of the coverage page, the enterprise list)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.web.forms.fields import VNDateField

from .choices import Country, EnterpriseStatus, Ownership
from .models import Zone

ALL = ""


class ZoneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class CoverageForm(forms.Form):
    day = VNDateField(label=_("Tính đến ngày"), initial=today, required=False)
    zone = ZoneChoiceField(
        label=_("Khu công nghiệp, khu kinh tế"),
        queryset=Zone.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả các khu"),
    )


class EnterpriseFilterForm(forms.Form):
    zone = ZoneChoiceField(
        label=_("Khu"),
        queryset=Zone.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả"),
    )
    status = forms.ChoiceField(
        label=_("Tình trạng hôm nay"), required=False, choices=[(ALL, _("Tất cả")), *EnterpriseStatus.choices]
    )
    ownership = forms.ChoiceField(
        label=_("Hình thức sở hữu"), required=False, choices=[(ALL, _("Tất cả")), *Ownership.choices]
    )
    country = forms.ChoiceField(
        label=_("Nước đầu tư"), required=False, choices=[(ALL, _("Tất cả")), *Country.choices]
    )
