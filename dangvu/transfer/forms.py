from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel"),
        help_text=_("Tệp theo mẫu (.xlsx, .xls hoặc .ods), có trang Tổ chức, Đảng viên và/hoặc Biến động."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp lớn quá 100 MB: chia thành nhiều tệp nhỏ hơn."))
        if upload.size == 0:
            raise forms.ValidationError(_("Tệp trống."))
        return upload
