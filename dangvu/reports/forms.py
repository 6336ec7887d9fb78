"""The parameters of a report: the organization (among those the user may report on) and the date or the
period, typed dd/mm/yyyy, with Vietnamese messages saying what to fix."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.web.forms.fields import OrganizationField, VNDateField

from .render import FORMATS


class ReportForm(forms.Form):
    def __init__(self, *args, spec, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.fields["organization"] = OrganizationField(
            label=_("Tổ chức (gồm cấp dưới)"),
            queryset=organizations,
            required=False,
            help_text=_("Để trống: tổ chức của tài khoản (toàn Đảng bộ nếu tài khoản ở cấp cao nhất)."),
        )
        if spec.period:
            self.fields["date_from"] = VNDateField(label=_("Từ ngày"))
            self.fields["date_to"] = VNDateField(label=_("Đến ngày"))
        else:
            self.fields["as_of"] = VNDateField(label=_("Tính đến ngày"))

    def clean(self):
        data = super().clean()
        now = today()
        for name in ("as_of", "date_from", "date_to"):
            day = data.get(name)
            if day is not None and day > now:
                self.add_error(name, _("Ngày này chưa đến: chọn một ngày đến hết hôm nay."))
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày cuối kỳ phải sau hoặc bằng ngày đầu kỳ."))
        return data

    @property
    def day(self):
        return self.cleaned_data["date_to" if self.spec.period else "as_of"]

    @property
    def date_from(self):
        return self.cleaned_data.get("date_from")


class RunForm(forms.Form):
    """The format of a report generated in the background."""

    format = forms.ChoiceField(
        label=_("Định dạng"),
        choices=[(key, f".{key}") for key in FORMATS],
        error_messages={"invalid_choice": _("Chọn định dạng .xlsx, .docx, .pdf hoặc .json.")},
    )
