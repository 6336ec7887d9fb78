"""Forms of the targets pages. They only parse what the user typed; every rule is checked by
`dangvu.targets.services`, whose Vietnamese messages the views show next to the form."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.web.forms.fields import OrganizationField, VNDateField

from .choices import CriterionKind, Measure, PeriodKind, RatingLevel, RecipientKind

ALL = ""


def year_choices(first: int = 2010) -> list[tuple[int, str]]:
    return [(year, str(year)) for year in range(today().year + 1, first - 1, -1)]


class TargetForm(forms.Form):
    """create_target / update_target take these names (a year or a term is turned into dates by the
    service)."""

    receiver = OrganizationField(label=_("Tổ chức nhận chỉ tiêu"))
    measure = forms.ChoiceField(label=_("Nội dung chỉ tiêu"), choices=Measure.choices)
    number = forms.IntegerField(label=_("Chỉ tiêu"), min_value=1)
    aim = forms.IntegerField(
        label=_("Mức phấn đấu"),
        min_value=1,
        required=False,
        help_text=_("Khi chỉ tiêu là một khoảng, ví dụ 5–7: chỉ tiêu 5, mức phấn đấu 7."),
    )
    period_kind = forms.ChoiceField(
        label=_("Thời hạn"), choices=PeriodKind.choices, widget=forms.RadioSelect, initial=PeriodKind.YEAR
    )
    year = forms.IntegerField(label=_("Năm (chỉ tiêu năm)"), required=False, min_value=1930)
    first_year = forms.IntegerField(label=_("Nhiệm kỳ: từ năm"), required=False, min_value=1930)
    last_year = forms.IntegerField(label=_("Nhiệm kỳ: đến năm"), required=False, min_value=1930)
    yearly = forms.BooleanField(label=_("Chỉ tiêu nhiệm kỳ tính cho mỗi năm"), required=False)
    start = VNDateField(label=_("Từ ngày (thời hạn theo ngày)"), required=False)
    end = VNDateField(label=_("Đến ngày (thời hạn theo ngày)"), required=False)
    assigner = OrganizationField(
        label=_("Cấp giao trong Đảng bộ"),
        required=False,
        help_text=_("Để trống khi cấp giao ở ngoài Đảng bộ."),
    )
    assigner_name = forms.CharField(
        label=_("Cấp giao ngoài Đảng bộ"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Ban Thường vụ Thành ủy"}),
    )
    document_number = forms.CharField(
        label=_("Số, ký hiệu văn bản giao"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "12-TB/TU"}),
    )
    document_date = VNDateField(label=_("Ngày văn bản"), required=False)
    document_title = forms.CharField(label=_("Trích yếu văn bản"), max_length=300, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["receiver"].queryset = organizations
            self.fields["assigner"].queryset = organizations

    @staticmethod
    def initial_for(target) -> dict:
        data = {
            name: getattr(target, name)
            for name in (
                "receiver",
                "measure",
                "number",
                "aim",
                "period_kind",
                "yearly",
                "start",
                "end",
                "assigner",
                "assigner_name",
                "document_number",
                "document_date",
                "document_title",
                "note",
            )
        }
        if target.period_kind == PeriodKind.YEAR:
            data["year"] = target.start.year
        if target.period_kind == PeriodKind.TERM:
            data["first_year"], data["last_year"] = target.start.year, target.end.year
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data["period_kind"] != PeriodKind.DATES:
            data.pop("start"), data.pop("end")
        return data


class TargetFilterForm(forms.Form):
    organization = OrganizationField(label=_("Tổ chức nhận (với mọi tổ chức trực thuộc)"), required=False)
    measure = forms.ChoiceField(
        label=_("Nội dung"), choices=[(ALL, _("Tất cả")), *Measure.choices], required=False
    )
    year = forms.TypedChoiceField(
        label=_("Năm"),
        choices=lambda: [(ALL, _("Mọi năm")), *year_choices()],
        coerce=int,
        empty_value=None,
        required=False,
    )
    level = forms.ChoiceField(
        label=_("Cấp"),
        choices=[(ALL, _("Tất cả")), ("assigned", _("Được giao")), ("parts", _("Phần phân bổ"))],
        required=False,
    )
    day = VNDateField(label=_("Tiến độ đến ngày"), required=False, initial=today)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class SplitDocumentForm(forms.Form):
    document_number = forms.CharField(
        label=_("Số, ký hiệu văn bản phân bổ"),
        max_length=100,
        required=False,
        help_text=_("Để trống: dùng văn bản giao chỉ tiêu."),
    )
    document_date = VNDateField(label=_("Ngày văn bản"), required=False)


class RatingFilterForm(forms.Form):
    organization = OrganizationField(label=_("Tổ chức (với mọi tổ chức trực thuộc)"), required=False)
    year = forms.TypedChoiceField(
        label=_("Năm đánh giá"),
        choices=year_choices,
        coerce=int,
        required=False,
        initial=lambda: today().year - 1,
    )
    kind = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[(ALL, _("Tất cả")), ("member", _("Đảng viên")), ("organization", _("Tổ chức đảng"))],
        required=False,
    )
    level = forms.ChoiceField(
        label=_("Mức xếp loại"), choices=[(ALL, _("Tất cả")), *RatingLevel.choices], required=False
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


def rating_entry_form(subjects: list[tuple[str, str, object]], data=None, initial=None):
    """One level, score and notes per subject: `subjects` are (key, label, object) with keys such as
    "member-12"; the fields are "<key>-level", "<key>-score", "<key>-notes"."""
    form = forms.Form(data=data, initial=initial)
    for key, label, _obj in subjects:
        form.fields[f"{key}-level"] = forms.ChoiceField(
            label=label, choices=[(ALL, _("— chưa xếp loại —")), *RatingLevel.choices], required=False
        )
        form.fields[f"{key}-score"] = forms.CharField(
            label=_("Điểm"),
            required=False,
            max_length=6,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
        )
        form.fields[f"{key}-notes"] = forms.CharField(label=_("Nhận xét"), required=False, max_length=500)
    return form


class CriterionForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), choices=year_choices, coerce=int)
    name = forms.CharField(label=_("Tiêu chí"), max_length=300)
    kind = forms.ChoiceField(label=_("Cách chấm"), choices=CriterionKind.choices, widget=forms.RadioSelect)
    max_points = forms.CharField(
        label=_("Điểm tối đa"), max_length=6, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, required=False, initial=0)
    description = forms.CharField(
        label=_("Hướng dẫn chấm"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RankingForm(forms.Form):
    organization = OrganizationField(label=_("Tổ chức đánh giá thi đua"), required=False)
    year = forms.TypedChoiceField(
        label=_("Năm"), choices=year_choices, coerce=int, required=False, initial=lambda: today().year - 1
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


def score_form(organizations: list, data=None, initial=None):
    """Points and evidence per organization: fields "organization-<id>-points", "organization-<id>-evidence"."""
    form = forms.Form(data=data, initial=initial)
    for org in organizations:
        key = f"organization-{org.pk}"
        form.fields[f"{key}-points"] = forms.CharField(
            label=org.name,
            required=False,
            max_length=6,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
        )
        form.fields[f"{key}-evidence"] = forms.CharField(
            label=_("Minh chứng"), required=False, max_length=1000
        )
    return form


class CommendationForm(forms.Form):
    number = forms.CharField(
        label=_("Số quyết định"), max_length=100, widget=forms.TextInput(attrs={"placeholder": "86-QĐ/ĐU"})
    )
    date = VNDateField(label=_("Ngày quyết định"))
    issuer = forms.CharField(label=_("Cấp khen thưởng"), max_length=300)
    form = forms.CharField(label=_("Hình thức khen thưởng"), max_length=200, initial=_("Giấy khen"))
    reason = forms.CharField(label=_("Lý do khen thưởng"), widget=forms.Textarea(attrs={"rows": 3}))
    collectives = forms.CharField(
        label=_("Tập thể được khen thưởng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một mã tổ chức đảng, ví dụ CB-A."),
    )
    individuals = forms.CharField(
        label=_("Cá nhân được khen thưởng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một số CCCD hoặc số thẻ đảng viên."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organizations=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = organizations
        self.members = members

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def clean_collectives(self):
        found = []
        for code in self._lines(self.cleaned_data.get("collectives")):
            org = self.organizations.filter(code__iexact=code).first()
            if org is None:
                raise forms.ValidationError(_("Không tìm thấy tổ chức mã “%(code)s”.") % {"code": code})
            found.append(org)
        return found

    def clean_individuals(self):
        from dangvu.members.services import clean_national_id

        found = []
        for text in self._lines(self.cleaned_data.get("individuals")):
            digits = text.replace(" ", "").replace(".", "")
            member = self.members.filter(card_number=digits).first()
            if member is None:
                try:
                    member = self.members.filter(national_id=clean_national_id(digits)).first()
                except forms.ValidationError:
                    member = None
            if member is None:
                raise forms.ValidationError(
                    _("Không tìm thấy đảng viên có số CCCD hoặc số thẻ “%(text)s”.") % {"text": text}
                )
            found.append(member)
        return found


class CommendationFilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Năm quyết định"),
        choices=lambda: [(ALL, _("Mọi năm")), *year_choices(1990)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=[(ALL, _("Tất cả")), *RecipientKind.choices], required=False
    )
    issuer = forms.CharField(label=_("Cấp khen thưởng"), required=False)
    date_from = VNDateField(label=_("Từ ngày"), required=False)
    date_to = VNDateField(label=_("Đến ngày"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date) and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau “Từ ngày”."))
        return cleaned
