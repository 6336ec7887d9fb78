"""Forms of the member pages. They only parse what the user typed; every rule is checked by
`dangvu.members.services`, whose Vietnamese ValidationError messages the views show next to the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.members.choices import AgeBand, EventKind, Gender, MemberStatus
from dangvu.members.models import Member
from dangvu.members.services import EDITABLE_FIELDS
from dangvu.organizations.choices import Sector

from .fields import OrganizationField, VNDateField

ALL = ""


# The order of the personal record on the form: identity first, then background, then work.
MEMBER_FIELD_ORDER = [
    "full_name",
    "gender",
    "birth_date",
    "national_id",
    "card_number",
    "ethnicity",
    "religion",
    "home_province",
    "education",
    "professional_qualification",
    "theory_level",
    "job",
    "position",
    "phone",
]


class MemberForm(forms.Form):
    """The personal record (create_member / update_member take these names)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(Member, fields=EDITABLE_FIELDS)
        for name in EDITABLE_FIELDS:
            field = model_fields[name]
            if name == "birth_date":
                field = VNDateField(label=field.label)
            elif name == "national_id":
                # The service accepts spaces and dots and restores leading zeros lost in Excel.
                field = forms.CharField(
                    label=field.label,
                    max_length=20,
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                    help_text=_("12 chữ số."),
                )
            elif name == "gender":
                field = forms.ChoiceField(label=field.label, choices=Gender.choices, widget=forms.RadioSelect)
            field.required = name in ("full_name", "gender", "birth_date", "national_id")
            self.fields[name] = field
        self.fields["full_name"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.order_fields(MEMBER_FIELD_ORDER)

    def member_data(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in EDITABLE_FIELDS} | {
            "birth_date": self.cleaned_data.get("birth_date")
        }


# The fields each kind of event takes, in order; labels depend on the kind.
EVENT_FIELDS: dict[str, list[str]] = {
    EventKind.ADMISSION: ["date", "organization", "ceremony_date", "decision_number", "note"],
    EventKind.RECOGNITION: ["date", "decision_number", "note"],
    EventKind.TRANSFER: ["date", "to_organization", "decision_number", "note"],
    EventKind.TRANSFER_IN: [
        "date",
        "organization",
        "external_organization",
        "original_admission_date",
        "original_recognition_date",
        "decision_number",
        "note",
    ],
    EventKind.TRANSFER_OUT: ["date", "external_organization", "decision_number", "note"],
    EventKind.TEMPORARY_TRANSFER: ["date", "organization", "until", "decision_number", "note"],
    EventKind.EXEMPTION: ["date", "until", "decision_number", "note"],
    EventKind.STRUCK_OFF: ["date", "decision_number", "note"],
    EventKind.EXPELLED: ["date", "decision_number", "note"],
    EventKind.LEFT: ["date", "decision_number", "note"],
    EventKind.DECEASED: ["date", "decision_number", "note"],
}
# Events that end a membership here: the page asks for confirmation before recording them.
CONFIRMED_KINDS = {
    EventKind.TRANSFER_OUT,
    EventKind.STRUCK_OFF,
    EventKind.EXPELLED,
    EventKind.LEFT,
    EventKind.DECEASED,
}
DATE_LABELS = {
    EventKind.ADMISSION: _("Ngày quyết định kết nạp"),
    EventKind.RECOGNITION: _("Ngày chính thức"),
    EventKind.TRANSFER: _("Ngày chuyển"),
    EventKind.TRANSFER_IN: _("Ngày chuyển đến"),
    EventKind.TRANSFER_OUT: _("Ngày chuyển đi"),
    EventKind.TEMPORARY_TRANSFER: _("Từ ngày"),
    EventKind.EXEMPTION: _("Từ ngày"),
    EventKind.STRUCK_OFF: _("Ngày xóa tên"),
    EventKind.EXPELLED: _("Ngày khai trừ"),
    EventKind.LEFT: _("Ngày ra khỏi Đảng"),
    EventKind.DECEASED: _("Ngày từ trần"),
}
ORGANIZATION_LABELS = {
    EventKind.ADMISSION: _("Chi bộ kết nạp"),
    EventKind.TRANSFER_IN: _("Tổ chức nhận"),
    EventKind.TEMPORARY_TRANSFER: _("Nơi sinh hoạt tạm thời"),
}
EXTERNAL_LABELS = {
    EventKind.TRANSFER_IN: _("Chuyển từ (đảng bộ nơi đi)"),
    EventKind.TRANSFER_OUT: _("Chuyển đến (đảng bộ nơi đến)"),
}
HELP = {
    EventKind.RECOGNITION: _("Ngày đủ 12 tháng dự bị kể từ lễ kết nạp, dù nghị quyết hay quyết định ra sau."),
    EventKind.TEMPORARY_TRANSFER: _("Đảng viên vẫn được tính ở nơi sinh hoạt chính thức."),
    EventKind.EXEMPTION: _("Đảng viên được miễn sinh hoạt vẫn là đảng viên."),
}


def event_field(kind: str, name: str, queryset) -> forms.Field:
    if name == "date":
        return VNDateField(label=DATE_LABELS.get(kind, _("Ngày")), help_text=HELP.get(kind, ""))
    if name == "organization":
        return OrganizationField(label=ORGANIZATION_LABELS.get(kind, _("Tổ chức")), queryset=queryset)
    if name == "to_organization":
        return OrganizationField(label=_("Chuyển đến tổ chức"), queryset=queryset)
    if name == "ceremony_date":
        return VNDateField(
            label=_("Ngày lễ kết nạp"), required=False, help_text=_("Bỏ trống nếu trùng ngày quyết định.")
        )
    if name == "external_organization":
        return forms.CharField(label=EXTERNAL_LABELS.get(kind, _("Tổ chức ngoài Đảng bộ")), max_length=300)
    if name == "original_admission_date":
        return VNDateField(label=_("Ngày vào Đảng"))
    if name == "original_recognition_date":
        return VNDateField(
            label=_("Ngày chính thức"), required=False, help_text=_("Bỏ trống nếu còn là đảng viên dự bị.")
        )
    if name == "until":
        return VNDateField(label=_("Đến ngày"), required=False)
    if name == "decision_number":
        return forms.CharField(
            label=_("Số quyết định"),
            max_length=100,
            required=False,
            widget=forms.TextInput(attrs={"placeholder": "123-QĐ/ĐU"}),
        )
    if name == "note":
        return forms.CharField(
            label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
        )
    raise KeyError(name)


class EventForm(forms.Form):
    """One ledger event of `kind`; `event_data()` gives the keyword arguments of services.record_event."""

    def __init__(self, *args, kind: str, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in EVENT_FIELDS[kind]:
            self.fields[name] = event_field(kind, name, organizations)

    @property
    def needs_confirmation(self) -> bool:
        return self.kind in CONFIRMED_KINDS

    def event_data(self) -> dict:
        data = {"kind": self.kind}
        for name in EVENT_FIELDS[self.kind]:
            value = self.cleaned_data.get(name)
            if name in ("decision_number", "note", "external_organization"):
                value = value or ""
            data[name] = value
        return data


class FirstEventForm(forms.Form):
    """The first event on the "add member" form: an admission, or a transfer in from another committee."""

    first_kind = forms.ChoiceField(
        label=_("Sự kiện đầu tiên"),
        choices=[
            (EventKind.ADMISSION.value, EventKind.ADMISSION.label),
            (EventKind.TRANSFER_IN.value, EventKind.TRANSFER_IN.label),
        ],
        initial=EventKind.ADMISSION.value,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"] = OrganizationField(
            label=_("Chi bộ kết nạp / tổ chức nhận"), queryset=organizations
        )
        self.fields["date"] = VNDateField(label=_("Ngày quyết định kết nạp / ngày chuyển đến"))
        self.fields["ceremony_date"] = event_field(EventKind.ADMISSION, "ceremony_date", organizations)
        self.fields["external_organization"] = forms.CharField(
            label=EXTERNAL_LABELS[EventKind.TRANSFER_IN], max_length=300, required=False
        )
        self.fields["original_admission_date"] = VNDateField(label=_("Ngày vào Đảng"), required=False)
        self.fields["original_recognition_date"] = event_field(
            EventKind.TRANSFER_IN, "original_recognition_date", organizations
        )
        self.fields["decision_number"] = event_field(EventKind.ADMISSION, "decision_number", organizations)
        # Which fields belong to which kind: the template shows only those of the chosen kind.
        for name in ("ceremony_date",):
            self.fields[name].widget.attrs["data-kind"] = EventKind.ADMISSION
        for name in ("external_organization", "original_admission_date", "original_recognition_date"):
            self.fields[name].widget.attrs["data-kind"] = EventKind.TRANSFER_IN

    def clean(self):
        data = super().clean()
        if data.get("first_kind") == EventKind.TRANSFER_IN:
            if not data.get("external_organization"):
                self.add_error("external_organization", _("Ghi đảng bộ nơi chuyển đi."))
            if not data.get("original_admission_date"):
                self.add_error("original_admission_date", _("Ghi ngày vào Đảng của đảng viên chuyển đến."))
        return data

    def event_data(self) -> dict:
        data = self.cleaned_data
        kind = data["first_kind"]
        event = {
            "kind": kind,
            "date": data["date"],
            "organization": data["organization"],
            "decision_number": data.get("decision_number") or "",
        }
        if kind == EventKind.ADMISSION:
            event["ceremony_date"] = data.get("ceremony_date") or data["date"]
        else:
            event["external_organization"] = data.get("external_organization") or ""
            event["original_admission_date"] = data.get("original_admission_date")
            event["original_recognition_date"] = data.get("original_recognition_date")
        return event


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 50}),
        error_messages={"required": _("Ghi lý do đính chính.")},
    )
    replace = forms.BooleanField(
        label=_("Ghi biến động thay thế (điền bên dưới)"),
        required=False,
        help_text=_("Bỏ chọn nếu biến động bị ghi nhầm và không có gì thay thế."),
    )


class MemberFilterForm(forms.Form):
    """The member list's filters; `day` is the date the list is read on (members of X on D)."""

    day = VNDateField(label=_("Tính đến ngày"), initial=today, required=False)
    organization = OrganizationField(label=_("Tổ chức (gồm cấp dưới)"), required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[
            (ALL, _("Đang sinh hoạt")),
            (MemberStatus.FULL.value, MemberStatus.FULL.label),
            (MemberStatus.PROBATIONARY.value, MemberStatus.PROBATIONARY.label),
            (MemberStatus.ENDED.value, _("Không còn là đảng viên của Đảng bộ")),
        ],
    )
    sector = forms.ChoiceField(label=_("Khối"), required=False, choices=[(ALL, _("Tất cả")), *Sector.choices])
    gender = forms.ChoiceField(
        label=_("Giới tính"), required=False, choices=[(ALL, _("Tất cả")), *Gender.choices]
    )
    age_band = forms.ChoiceField(
        label=_("Độ tuổi"), required=False, choices=[(ALL, _("Tất cả")), *AgeBand.choices]
    )
    # Those admitted in a period (the dashboard's "admitted this year"): the admissions of the organization
    # (with everything under it) in [from, to], whether or not they are still members on the day.
    admitted_from = VNDateField(label=_("Kết nạp từ ngày"), required=False)
    admitted_to = VNDateField(label=_("Kết nạp đến ngày"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations

    def clean(self):
        data = super().clean()
        start, end = data.get("admitted_from"), data.get("admitted_to")
        if start and end and start > end:
            self.add_error("admitted_to", _("Ngày cuối phải từ ngày đầu trở đi."))
        return data
