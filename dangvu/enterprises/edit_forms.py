"""The forms of the register's edit pages (edit_views.py, link_views.py): zones, enterprises and their
status, mass organizations, workforce and membership snapshots, party coverage and members' workplaces. They
only parse what the user typed; every rule (tax code, ownership and countries, dates, one organization of a
kind per place, snapshots inside an organization's life, links that do not overlap) is checked by
`dangvu.enterprises.services`, whose Vietnamese messages the pages show next to the fields. Counts are typed
as text so that "1.062" is read as the services read it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.organizations.choices import Sector
from dangvu.organizations.models import Organization
from dangvu.web.forms.fields import VNDateField, organization_label

from .choices import Country, EnterpriseStatus, Industry, MassOrganizationKind, Ownership, ZoneKind
from .forms import ZoneChoiceField
from .models import Enterprise, Zone

FIRST_STATUSES = (EnterpriseStatus.LICENSED, EnterpriseStatus.BUILDING, EnterpriseStatus.OPERATING)


def _note() -> forms.CharField:
    return forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )


def _count(label, *, required=True, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=12,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-number"}),
        error_messages={"required": _("Nhập %(label)s.") % {"label": str(label).lower()}},
    )


class ZoneForm(forms.Form):
    code = forms.CharField(
        label=_("Mã khu"),
        max_length=20,
        help_text=_("Chữ in hoa, không dấu, không khoảng trắng: ví dụ DINHVU."),
        error_messages={"required": _("Nhập mã khu (ví dụ DINHVU).")},
    )
    name = forms.CharField(
        label=_("Tên khu"), max_length=200, error_messages={"required": _("Nhập tên khu.")}
    )
    kind = forms.ChoiceField(label=_("Loại khu"), choices=ZoneKind.choices, widget=forms.RadioSelect)
    note = _note()

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)


class EnterpriseForm(forms.Form):
    """The register entry (services.create_enterprise / update_enterprise); on creation also the first
    status and its date."""

    name = forms.CharField(
        label=_("Tên doanh nghiệp"), max_length=300, error_messages={"required": _("Nhập tên doanh nghiệp.")}
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=20,
        help_text=_("10 chữ số, hoặc 10 chữ số và mã chi nhánh 3 chữ số: 0201234567-001."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Nhập mã số thuế.")},
    )
    zone = ZoneChoiceField(
        label=_("Khu công nghiệp, khu kinh tế"),
        queryset=Zone.objects.all(),
        required=False,
        empty_label=_("Ngoài khu công nghiệp, khu kinh tế"),
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    ownership = forms.ChoiceField(label=_("Hình thức sở hữu"), choices=Ownership.choices)
    countries = forms.MultipleChoiceField(
        label=_("Nước đầu tư"),
        choices=Country.choices,
        required=False,
        help_text=_("Giữ Ctrl để chọn nhiều nước. Doanh nghiệp trong nước: không chọn."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    industry = forms.ChoiceField(label=_("Ngành nghề"), choices=Industry.choices)
    note = _note()

    def __init__(self, *args, first_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if first_status:
            self.fields["status"] = forms.ChoiceField(
                label=_("Tình trạng đầu tiên"),
                choices=[(value.value, value.label) for value in FIRST_STATUSES],
                initial=EnterpriseStatus.LICENSED,
            )
            self.fields["date"] = VNDateField(
                label=_("Từ ngày"), help_text=_("Ví dụ: ngày cấp giấy phép đầu tư.")
            )
            self.fields["decision_number"] = forms.CharField(
                label=_("Số giấy phép, quyết định"), max_length=100, required=False
            )

    def data_for_service(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("name", "tax_code", "zone", "address", "ownership", "industry", "note", "countries")
        }

    def first_status(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "date": data["date"],
            "decision_number": data.get("decision_number") or "",
        }


class StatusForm(forms.Form):
    """The enterprise's status from a date on (services.record_status)."""

    status = forms.ChoiceField(label=_("Tình trạng"), choices=EnterpriseStatus.choices)
    date = VNDateField(label=_("Từ ngày"))
    decision_number = forms.CharField(label=_("Số quyết định, văn bản"), max_length=100, required=False)
    note = _note()


class MassOrganizationForm(forms.Form):
    """A mass organization founded in an enterprise (services.found_mass_organization), or its entry
    corrected (update_mass_organization: the kind and the place are fixed)."""

    kind = forms.ChoiceField(label=_("Loại tổ chức"), choices=MassOrganizationKind.choices)
    name = forms.CharField(
        label=_("Tên tổ chức"), max_length=300, error_messages={"required": _("Nhập tên tổ chức.")}
    )
    founded_on = VNDateField(label=_("Ngày thành lập"))
    founding_decision = forms.CharField(
        label=_("Quyết định thành lập"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "15/QĐ-CĐKKT"}),
    )
    chair = forms.CharField(label=_("Chủ tịch, bí thư"), max_length=200, required=False)
    note = _note()

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            self.fields.pop("kind")

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)


class DissolveForm(forms.Form):
    date = VNDateField(label=_("Ngày giải thể"), help_text=_("Ngày đầu tiên tổ chức không còn hoạt động."))
    decision_number = forms.CharField(
        label=_("Quyết định giải thể"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "20/QĐ-CĐKKT"}),
    )


class WorkforceForm(forms.Form):
    date = VNDateField(label=_("Ngày số liệu"))
    workers = _count(_("Số người lao động"), help_text=_("Ví dụ 1.062."))
    women = _count(_("Trong đó nữ"), required=False)
    young_workers = _count(_("Trong đó thanh niên"), required=False)
    note = _note()

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("women", "young_workers"):
            data[name] = data.get(name) or 0
        return data


class MembershipForm(forms.Form):
    date = VNDateField(label=_("Ngày số liệu"))
    members = _count(_("Số đoàn viên, hội viên"), help_text=_("Ví dụ 1.411."))
    note = _note()

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)


class ConfirmDeleteForm(forms.Form):
    """Deleting a snapshot wrongly entered: nothing to type, the page asks for confirmation."""


# Party coverage and members' workplaces (link_views.py) ------------------------------------------------------


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return organization_label(obj)


class PartyLinkForm(forms.Form):
    """A party organization covers the enterprise from a date (services.link_party_organization); the
    organizations offered are those of the enterprise sector in the user's scope, other than core cells."""

    organization = OrganizationChoiceField(
        label=_("Tổ chức đảng"),
        queryset=Organization.objects.none(),
        empty_label=_("Chọn tổ chức đảng"),
        error_messages={
            "required": _("Chọn tổ chức đảng phụ trách."),
            "invalid_choice": _("Chọn tổ chức đảng trong danh sách (tổ chức bạn được quyền ghi)."),
        },
    )
    start = VNDateField(label=_("Từ ngày"), help_text=_("Ngày tổ chức đảng bắt đầu phụ trách doanh nghiệp."))
    decision_number = forms.CharField(
        label=_("Số quyết định"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "12-QĐ/ĐU"}),
    )
    note = _note()

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations.filter(
                sector=Sector.ENTERPRISE, is_core_cell=False
            ).order_by("sort_key", "code")


class LinkEndForm(forms.Form):
    """The end of a party coverage or of a workplace: the first day it no longer holds."""

    end = VNDateField(label=_("Thôi từ ngày"), help_text=_("Ngày đầu tiên không còn."))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)

    def __init__(self, *args, decision: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not decision:
            self.fields.pop("decision_number")


class EnterpriseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.tax_code})"


class WorkplaceForm(forms.Form):
    """A member works in an enterprise of the register from a date (services.record_workplace)."""

    enterprise = EnterpriseChoiceField(
        label=_("Doanh nghiệp"),
        queryset=Enterprise.objects.order_by("sort_key", "id"),
        empty_label=_("Chọn doanh nghiệp"),
        error_messages={
            "required": _("Chọn doanh nghiệp nơi đảng viên làm việc."),
            "invalid_choice": _("Chọn doanh nghiệp trong danh sách."),
        },
    )
    start = VNDateField(label=_("Từ ngày"), help_text=_("Ngày bắt đầu làm việc ở doanh nghiệp."))
    note = _note()
