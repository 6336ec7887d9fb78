"""Form fields shared by the pages: dates typed dd/mm/yyyy, and an organization chosen by typing its name or
code with suggestions from the autocomplete endpoint (a plain text input with a <datalist>, so it works from
the keyboard, with screen readers, and without JavaScript by typing the code)."""

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.core.text import fold, normalize
from dangvu.organizations.models import Organization

DATE_PLACEHOLDER = "dd/mm/yyyy"
_CODE_IN_PARENTHESES = re.compile(r"\(([^()]+)\)\s*$")


class VNDateInput(forms.DateInput):
    def __init__(self, attrs=None):
        defaults = {
            "placeholder": DATE_PLACEHOLDER,
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "input-date",
            "size": 10,
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class VNDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd: the locale's DATE_INPUT_FORMATS)."""

    widget = VNDateInput
    default_error_messages = {"invalid": _("Nhập ngày dạng dd/mm/yyyy, ví dụ 31/03/2024.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {}).setdefault("required", _("Nhập ngày (dd/mm/yyyy)."))
        super().__init__(*args, **kwargs)


def organization_label(org: Organization) -> str:
    """How an organization is written in the input: its name, then its code in parentheses."""
    return f"{org.name} ({org.code})"


class OrganizationInput(forms.TextInput):
    template_name = "web/widgets/organization.html"

    def __init__(self, attrs=None):
        defaults = {"autocomplete": "off", "class": "input-organization", "spellcheck": "false"}
        super().__init__(attrs={**defaults, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["autocomplete_url"] = reverse("web:organization-autocomplete") + f"?field={name}"
        return context

    def format_value(self, value):
        if isinstance(value, Organization):
            return organization_label(value)
        return super().format_value(value)


class OrganizationField(forms.Field):
    """An organization of `queryset`, typed as "Name (CODE)", as its code, or as its exact name."""

    widget = OrganizationInput
    default_error_messages = {
        "required": _("Chọn tổ chức: gõ tên hoặc mã rồi chọn trong danh sách gợi ý."),
        "not_found": _("Không tìm thấy tổ chức “%(value)s”: gõ tên hoặc mã rồi chọn trong danh sách gợi ý."),
        "ambiguous": _("Có nhiều tổ chức tên “%(value)s”: chọn trong danh sách gợi ý (có mã tổ chức)."),
    }

    def __init__(self, *, queryset=None, **kwargs):
        self.queryset = queryset if queryset is not None else Organization.objects.all()
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Organization):
            return organization_label(value)
        if isinstance(value, int):
            org = self.queryset.filter(pk=value).first()
            return organization_label(org) if org else ""
        return value

    def to_python(self, value):
        if isinstance(value, Organization):
            return value
        text = normalize(value)
        if not text:
            return None
        match = _CODE_IN_PARENTHESES.search(text)
        code = match.group(1).strip() if match else text
        org = self.queryset.filter(code__iexact=code).first()
        if org is not None:
            return org
        by_name = list(self.queryset.filter(search_key=fold(text))[:2])
        if len(by_name) == 1:
            return by_name[0]
        if by_name:
            raise forms.ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"value": text}
            )
        raise forms.ValidationError(
            self.error_messages["not_found"], code="not_found", params={"value": text}
        )
