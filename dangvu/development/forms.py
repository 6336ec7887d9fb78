"""Forms of the member-development pages. They only parse what the user typed; every rule (order of steps,
ages, introducers, votes, deadlines) is checked by `dangvu.development.services`, whose Vietnamese messages
the pages show next to the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.members.choices import Gender
from dangvu.web.forms.fields import OrganizationField, VNDateField

from .choices import DueKind, IntroducerKind, Source, StepKind
from .models import Candidate
from .services import STEP_FIELDS
from .services.candidates import PERSONAL_FIELDS

ALL = ""

# The candidate's record on the form: identity, background, work, then the enterprise.
CANDIDATE_FIELDS = [*PERSONAL_FIELDS, "enterprise_name", "enterprise_tax_code"]
CANDIDATE_FIELD_ORDER = [
    "full_name",
    "gender",
    "birth_date",
    "national_id",
    "ethnicity",
    "religion",
    "home_province",
    "education",
    "professional_qualification",
    "theory_level",
    "job",
    "position",
    "phone",
    "enterprise_name",
    "enterprise_tax_code",
]


class CandidateForm(forms.Form):
    """The personal record and the enterprise (propose_candidate takes these names)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(Candidate, fields=CANDIDATE_FIELDS)
        for name in CANDIDATE_FIELDS:
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
        self.order_fields(CANDIDATE_FIELD_ORDER)

    def candidate_data(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in CANDIDATE_FIELDS} | {
            "birth_date": self.cleaned_data.get("birth_date")
        }


class CandidateEditForm(CandidateForm):
    """Correcting the record (services.update_candidate): the personal data while the candidate is not yet
    admitted (then the member record holds them), the enterprise, the source and the proposing body."""

    def __init__(self, *args, personal: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"] = forms.ChoiceField(
            label=_("Nguồn giới thiệu"), choices=Source.choices, widget=forms.RadioSelect
        )
        self.fields["proposing_body"] = forms.CharField(
            label=_("Tổ chức đề xuất"),
            max_length=300,
            required=False,
            help_text=_(
                "Công đoàn cơ sở, Đoàn Thanh niên cơ sở hoặc chi bộ đã phát hiện, đề xuất bồi dưỡng."
            ),
        )
        if not personal:
            for name in PERSONAL_FIELDS:
                self.fields.pop(name, None)

    def candidate_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) or "" for name in self.fields}
        if "birth_date" in self.fields:
            data["birth_date"] = self.cleaned_data.get("birth_date")
        return data


class ReassignForm(forms.Form):
    """Another party organization takes over the preparation (services.reassign_candidate): a dated step."""

    date = VNDateField(label=_("Ngày chuyển"))
    document_number = forms.CharField(
        label=_("Số văn bản"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "5-QĐ/ĐU"}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"] = OrganizationField(
            label=_("Tổ chức đảng bồi dưỡng mới"), queryset=organizations
        )
        self.order_fields(["organization", "date", "document_number", "note"])


class ProposalForm(forms.Form):
    """The first step: who proposes the candidate for party-awareness training, and which party
    organization prepares them."""

    source = forms.ChoiceField(
        label=_("Nguồn giới thiệu"),
        choices=Source.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    proposing_body = forms.CharField(
        label=_("Tổ chức đề xuất"),
        max_length=300,
        required=False,
        help_text=_("Công đoàn cơ sở, Đoàn Thanh niên cơ sở hoặc chi bộ đã phát hiện, đề xuất bồi dưỡng."),
    )
    date = VNDateField(label=_("Ngày đề xuất"))
    document_number = forms.CharField(
        label=_("Số văn bản đề xuất"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "12/CĐ"}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preparing_organization"] = OrganizationField(
            label=_("Tổ chức đảng bồi dưỡng"), queryset=organizations
        )
        self.order_fields(["source", "proposing_body", "preparing_organization", "date", "document_number"])


# The step form ------------------------------------------------------------------------------------------------

DATE_LABELS = {
    StepKind.TRAINED: _("Ngày cấp giấy chứng nhận"),
    StepKind.APPLIED: _("Ngày nộp đơn và lý lịch"),
    StepKind.INTRODUCED: _("Ngày giới thiệu"),
    StepKind.VERIFIED: _("Ngày kết luận thẩm tra"),
    StepKind.CELL_VOTE: _("Ngày chi bộ họp xét"),
    StepKind.COMMITTEE_AGREED: _("Ngày đảng ủy cơ sở họp"),
    StepKind.ADMITTED: _("Ngày quyết định kết nạp"),
    StepKind.CEREMONY: _("Ngày lễ kết nạp"),
    StepKind.PROBATION_REVIEW: _("Ngày chi bộ họp xét"),
    StepKind.RECOGNIZED: _("Ngày quyết định công nhận"),
    StepKind.STOPPED: _("Ngày dừng"),
    StepKind.REASSIGNED: _("Ngày chuyển"),
}
# The field that carries the step's document: the service names it `decision_number` in its messages.
DOCUMENT_FIELDS = ("certificate_number", "resolution_number", "decision_number", "document_number")
DOCUMENT_LABELS = {
    "certificate_number": _("Số giấy chứng nhận"),
    "resolution_number": _("Số nghị quyết"),
    "decision_number": _("Số quyết định"),
    "document_number": _("Số văn bản"),
}
DOCUMENT_PLACEHOLDERS = {
    "certificate_number": "101/GCN-TTCT",
    "resolution_number": "3-NQ/CB",
    "decision_number": "45-QĐ/ĐU",
    "document_number": "5-BC/ĐU",
}
EXCEPTION_HELP = _(
    "Chỉ khi bước ghi muộn hơn thời hạn: số và ngày văn bản đồng ý hoặc gia hạn của cấp ủy cấp trên."
)
MEMBER_INTRODUCERS = 2


def _integer(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-number"}),
        error_messages={"invalid": _("Nhập một số nguyên."), "min_value": _("Nhập số không âm.")},
    )


def step_field(kind: str, name: str, organizations) -> forms.Field:
    if name in DOCUMENT_FIELDS:
        return forms.CharField(
            label=DOCUMENT_LABELS[name],
            max_length=100,
            required=False,
            widget=forms.TextInput(attrs={"placeholder": DOCUMENT_PLACEHOLDERS[name]}),
        )
    if name == "members_present":
        return _integer(_("Số đảng viên dự họp"))
    if name == "votes_for":
        return _integer(_("Số tán thành"))
    if name == "committee_members":
        return _integer(_("Số cấp ủy viên của đảng ủy cơ sở"))
    if name == "ceremony_date":
        return VNDateField(
            label=_("Ngày lễ kết nạp"),
            required=False,
            help_text=_("Nếu lễ kết nạp đã tổ chức: ghi luôn ngày lễ. Bỏ trống để ghi sau."),
        )
    if name == "exception_document":
        return forms.CharField(
            label=_("Văn bản cho phép chậm, gia hạn"),
            max_length=300,
            required=False,
            help_text=EXCEPTION_HELP,
        )
    if name == "ceremony_exception_document":
        return forms.CharField(
            label=_("Văn bản cho phép tổ chức lễ kết nạp muộn"),
            max_length=300,
            required=False,
            help_text=EXCEPTION_HELP,
        )
    if name == "reason":
        return forms.CharField(
            label=_("Lý do dừng"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
        )
    if name == "organization":
        return OrganizationField(label=_("Tổ chức đảng bồi dưỡng mới"), queryset=organizations)
    raise KeyError(name)


class StepForm(forms.Form):
    """One step of `kind`: its date, the fields that kind takes (services.STEP_FIELDS) and a note.
    `step_arguments()` gives the keyword arguments of `services.record_step`."""

    def __init__(self, *args, kind: str, organizations=None, introducers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["date"] = VNDateField(label=DATE_LABELS[kind])
        for name in STEP_FIELDS[kind]:
            if name == "introducers":
                self._add_introducer_fields(introducers)
            else:
                self.fields[name] = step_field(kind, name, organizations)
        self.fields["note"] = forms.CharField(
            label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
        )

    def _add_introducer_fields(self, members):
        """A grassroots trade-union or youth-union executive committee, and up to two full members chosen
        among `members` ((id, label) pairs), each with the date since when they know the candidate."""
        self.fields["body_kind"] = forms.ChoiceField(
            label=_("Tổ chức giới thiệu"),
            required=False,
            choices=[
                (ALL, _("Không (hai đảng viên chính thức giới thiệu)")),
                (IntroducerKind.TRADE_UNION_EXECUTIVE.value, IntroducerKind.TRADE_UNION_EXECUTIVE.label),
                (IntroducerKind.YOUTH_UNION_EXECUTIVE.value, IntroducerKind.YOUTH_UNION_EXECUTIVE.label),
            ],
        )
        self.fields["body_name"] = forms.CharField(
            label=_("Tên tổ chức giới thiệu"),
            max_length=300,
            required=False,
            widget=forms.TextInput(attrs={"placeholder": _("BCH Công đoàn cơ sở Công ty …")}),
        )
        choices = [(ALL, "—"), *[(str(pk), label) for pk, label in members]]
        for index in range(1, MEMBER_INTRODUCERS + 1):
            self.fields[f"member_{index}"] = forms.TypedChoiceField(
                label=_("Đảng viên giới thiệu %(n)s") % {"n": index},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("Đảng viên chính thức đang sinh hoạt ở tổ chức đảng bồi dưỡng quần chúng.")
                if index == 1
                else "",
            )
            self.fields[f"known_since_{index}"] = VNDateField(
                label=_("Biết người xin vào Đảng từ ngày"),
                required=False,
                help_text=_("Cùng công tác, học tập hoặc sinh sống từ ngày này.") if index == 1 else "",
            )

    def introducers(self) -> list[dict]:
        data = self.cleaned_data
        result = []
        if data.get("body_kind"):
            result.append({"kind": data["body_kind"], "body_name": data.get("body_name") or ""})
        for index in range(1, MEMBER_INTRODUCERS + 1):
            member = data.get(f"member_{index}")
            if member is not None:
                result.append(
                    {
                        "kind": IntroducerKind.MEMBER,
                        "member": member,
                        "known_since": data.get(f"known_since_{index}"),
                    }
                )
        return result

    def step_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {"date": data["date"], "note": data.get("note") or ""}
        for name in STEP_FIELDS[self.kind]:
            if name == "introducers":
                arguments["introducers"] = self.introducers()
            elif name in (
                "members_present",
                "votes_for",
                "committee_members",
                "ceremony_date",
                "organization",
            ):
                arguments[name] = data.get(name)
            else:
                arguments[name] = data.get(name) or ""
        return arguments

    def service_field(self, name: str) -> str:
        """The form field a service message about `name` (a workflow.StepData field) belongs next to."""
        if name == "decision_number":
            return next((field for field in DOCUMENT_FIELDS if field in self.fields), name)
        if name == "voters":
            return "committee_members"
        return name


class IntroductionCorrectionForm(StepForm):
    """The introducers corrected (services.correct_introduction): the introduction's fields and the reason."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, kind=StepKind.INTRODUCED, **kwargs)
        self.fields["reason"] = forms.CharField(
            label=_("Lý do sửa"),
            error_messages={"required": _("Ghi lý do sửa người giới thiệu.")},
            widget=forms.Textarea(attrs={"rows": 2, "cols": 50}),
            help_text=_(
                "Bước giới thiệu cũ được đính chính với lý do này và ghi lại với người giới thiệu đúng."
            ),
        )

    def step_arguments(self) -> dict:
        return {**super().step_arguments(), "reason": self.cleaned_data["reason"]}


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        error_messages={"required": _("Ghi lý do đính chính.")},
        widget=forms.Textarea(attrs={"rows": 2, "cols": 50}),
        help_text=_("Ví dụ: ghi nhầm ngày, ghi nhầm bước."),
    )


# Filters ------------------------------------------------------------------------------------------------------

OPEN = ""
CLOSED = "closed"
EVERYONE = "all"
OVERDUE = "overdue"
DUE = "due"


class BoardFilterForm(forms.Form):
    """The board's filters: the organization (with everything under it), the source, the enterprise, the
    step, open or closed candidates, and what is due."""

    organization = OrganizationField(label=_("Tổ chức (gồm cấp dưới)"), required=False)
    source = forms.ChoiceField(
        label=_("Nguồn"), required=False, choices=[(ALL, _("Tất cả")), *Source.choices]
    )
    enterprise = forms.CharField(
        label=_("Doanh nghiệp"),
        required=False,
        max_length=300,
        help_text=_("Mã số thuế hoặc một phần tên."),
        widget=forms.TextInput(attrs={"class": "input-short"}),
    )
    stage = forms.ChoiceField(
        label=_("Bước hiện tại"),
        required=False,
        choices=[(ALL, _("Tất cả")), *[(k.value, k.label) for k in StepKind if k != StepKind.REASSIGNED]],
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[
            (OPEN, _("Đang trong quá trình")),
            (CLOSED, _("Đã công nhận chính thức hoặc dừng")),
            (EVERYONE, _("Tất cả")),
        ],
    )
    due = forms.ChoiceField(
        label=_("Thời hạn"),
        required=False,
        choices=[(ALL, _("Tất cả")), (OVERDUE, _("Có việc quá hạn")), (DUE, _("Có việc cần làm"))],
    )
    # The candidates in progress on a past or present day (the dashboard's figure, figures.funnel): their
    # organization then, whatever their step today.
    in_progress_on = VNDateField(label=_("Đang bồi dưỡng vào ngày"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class TodoFilterForm(forms.Form):
    day = VNDateField(label=_("Tính đến ngày"), initial=today, required=False)
    kind = forms.ChoiceField(label=_("Việc"), required=False, choices=[(ALL, _("Tất cả")), *DueKind.choices])
    due = forms.ChoiceField(
        label=_("Thời hạn"),
        required=False,
        choices=[(ALL, _("Tất cả")), (OVERDUE, _("Chỉ việc quá hạn"))],
    )
    organization = OrganizationField(label=_("Tổ chức (gồm cấp dưới)"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class FunnelForm(forms.Form):
    """The funnel's period and scope."""

    start = VNDateField(label=_("Từ ngày"))
    end = VNDateField(label=_("Đến ngày"))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"] = OrganizationField(
            label=_("Tổ chức (gồm cấp dưới)"), queryset=organizations, required=False
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("Ngày cuối kỳ phải sau hoặc bằng ngày đầu kỳ."))
        return data
