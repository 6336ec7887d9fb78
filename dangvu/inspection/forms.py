"""Forms of the discipline pages; the rules are checked by `inspection.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.web.forms.fields import VNDateField

from .models import DisciplineForm

ANY = ""


class DisciplineRecordForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Hình thức kỷ luật"),
        choices=DisciplineForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn hình thức kỷ luật.")},
    )
    date = VNDateField(label=_("Ngày quyết định"))
    decision_number = forms.CharField(
        label=_("Số quyết định"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "12-QĐ/UBKT"}),
        error_messages={"required": _("Nhập số quyết định kỷ luật.")},
    )
    issuer = forms.CharField(
        label=_("Cấp ra quyết định"),
        max_length=200,
        initial=_("Ủy ban Kiểm tra Đảng ủy"),
        error_messages={"required": _("Nhập cấp ra quyết định.")},
    )
    reason = forms.CharField(
        label=_("Nội dung vi phạm"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={"required": _("Nhập nội dung vi phạm.")},
    )


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        error_messages={"required": _("Ghi lý do đính chính.")},
    )


class DisciplineFilterForm(forms.Form):
    STATUS_CHOICES = [
        (ANY, _("Đang có hiệu lực")),
        ("voided", _("Đã đính chính")),
        ("all", _("Tất cả")),
    ]
    form = forms.ChoiceField(
        label=_("Hình thức"), choices=[(ANY, _("Tất cả")), *DisciplineForm.choices], required=False
    )
    date_from = VNDateField(label=_("Từ ngày"), required=False)
    date_to = VNDateField(label=_("Đến ngày"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=STATUS_CHOICES, required=False)
