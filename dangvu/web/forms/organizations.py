"""Forms of the organization pages: each gives the arguments of one `dangvu.organizations.services` action,
which validates the tree and refuses with a Vietnamese message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.organizations.choices import ALLOWED_PARENT_KINDS, EnterpriseKind, OrganizationKind, Sector

from .fields import OrganizationField, VNDateField

ALL = ""


class DecisionForm(forms.Form):
    """What every change of the tree carries: the date and number of the decision."""

    date = VNDateField(label=_("Ngày quyết định"))
    decision_number = forms.CharField(
        label=_("Số quyết định"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "123-QĐ/ĐU"}),
    )
    needs_confirmation = False

    def __init__(self, *args, organization=None, organizations=None, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, OrganizationField) and organizations is not None:
                field.queryset = organizations


def kinds_under(parent_kind: str | None) -> list[tuple[str, str]]:
    """The kinds of organization that may stand directly under an organization of `parent_kind`."""
    return [
        (kind.value, kind.label)
        for kind in OrganizationKind
        if (OrganizationKind(parent_kind) if parent_kind else None) in ALLOWED_PARENT_KINDS[kind]
    ]


class FoundForm(DecisionForm):
    code = forms.CharField(label=_("Mã tổ chức"), max_length=40)
    name = forms.CharField(label=_("Tên tổ chức"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại tổ chức"), choices=OrganizationKind.choices)
    sector = forms.ChoiceField(label=_("Khối"), choices=Sector.choices, widget=forms.RadioSelect)
    enterprise_kind = forms.ChoiceField(
        label=_("Loại hình doanh nghiệp"),
        choices=[(ALL, "—"), *EnterpriseKind.choices],
        required=False,
        help_text=_("Chỉ với tổ chức đảng trong doanh nghiệp."),
    )
    is_core_cell = forms.BooleanField(label=_("Chi bộ nòng cốt Công đoàn – Doanh nghiệp"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = [
        "code",
        "name",
        "kind",
        "sector",
        "enterprise_kind",
        "is_core_cell",
        "date",
        "decision_number",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.organization is not None:
            self.fields["kind"].choices = kinds_under(self.organization.kind)
            self.fields["sector"].initial = self.organization.sector

    def found_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "code": data["code"],
            "name": data["name"],
            "kind": data["kind"],
            "sector": data["sector"],
            "enterprise_kind": data.get("enterprise_kind") or "",
            "is_core_cell": data.get("is_core_cell", False),
            "parent": self.organization,
        }


class RenameForm(DecisionForm):
    name = forms.CharField(label=_("Tên mới"), max_length=300)
    field_order = ["name", "date", "decision_number"]


class MoveForm(DecisionForm):
    parent = OrganizationField(label=_("Chuyển trực thuộc tổ chức"))
    field_order = ["parent", "date", "decision_number"]


class ChangeKindForm(DecisionForm):
    kind = forms.ChoiceField(label=_("Loại tổ chức mới"), choices=OrganizationKind.choices)
    field_order = ["kind", "date", "decision_number"]


class DissolveForm(DecisionForm):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    needs_confirmation = True


class MergeForm(DecisionForm):
    into = OrganizationField(
        label=_("Sáp nhập vào tổ chức"),
        help_text=_("Đảng viên đang sinh hoạt được chuyển sang tổ chức này cùng ngày, theo cùng quyết định."),
    )
    field_order = ["into", "date", "decision_number"]
    needs_confirmation = True


class VoidEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 50}),
        error_messages={"required": _("Ghi lý do đính chính.")},
    )
    needs_confirmation = True

    def __init__(self, *args, organization=None, organizations=None, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)


class OrganizationFilterForm(forms.Form):
    day = VNDateField(label=_("Tính đến ngày"), initial=today, required=False)
    under = OrganizationField(label=_("Thuộc tổ chức (gồm cấp dưới)"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại tổ chức"), required=False, choices=[(ALL, _("Tất cả")), *OrganizationKind.choices]
    )
    sector = forms.ChoiceField(label=_("Khối"), required=False, choices=[(ALL, _("Tất cả")), *Sector.choices])
    # Those founded in a period (the dashboard's "founded this year"), whether or not they still exist on the
    # day: counting.founded_organizations, as flows counts them.
    founded_from = VNDateField(label=_("Thành lập từ ngày"), required=False)
    founded_to = VNDateField(label=_("Thành lập đến ngày"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["under"].queryset = organizations

    def clean(self):
        data = super().clean()
        start, end = data.get("founded_from"), data.get("founded_to")
        if start and end and start > end:
            self.add_error("founded_to", _("Ngày cuối phải từ ngày đầu trở đi."))
        return data


class PeriodForm(forms.Form):
    """The start of a period that ends on the page's date: flows over [from, day] (counting.md)."""

    start = VNDateField(label=_("Từ ngày"), required=False)


class DayForm(forms.Form):
    """The date a page is read on (the tree, an organization's state and figures)."""

    day = VNDateField(label=_("Ngày"), initial=today)
