"""The filter forms of the enterprise pages (the date and zone of the coverage page, the enterprise list)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.web.forms.fields import OrganizationField, VNDateField

from .choices import Country, EnterpriseStatus, Ownership
from .models import Zone

ALL = ""
UNION = "union"
PARTY = "party"


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
        label=_("Tình trạng vào ngày đó"),
        required=False,
        choices=[(ALL, _("Tất cả")), *EnterpriseStatus.choices],
    )
    ownership = forms.ChoiceField(
        label=_("Hình thức sở hữu"), required=False, choices=[(ALL, _("Tất cả")), *Ownership.choices]
    )
    country = forms.ChoiceField(
        label=_("Nước đầu tư"), required=False, choices=[(ALL, _("Tất cả")), *Country.choices]
    )
    # The coverage figures of a day behind the dashboard's figures (figures.coverage): the enterprises that
    # exist on the day, with a grassroots trade union or a party organization then, among those covered by a
    # party organization under the chosen one (all of the register without one).
    has = forms.ChoiceField(
        label=_("Có tổ chức"),
        required=False,
        choices=[(ALL, _("Tất cả")), (UNION, _("Có công đoàn cơ sở")), (PARTY, _("Có tổ chức đảng"))],
    )
    day = VNDateField(label=_("Tính đến ngày"), required=False, help_text=_("Để trống: hôm nay."))
    organization = OrganizationField(label=_("Tổ chức đảng bao phủ (gồm cấp dưới)"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
