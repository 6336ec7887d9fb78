"""Actions on members: every write validates, saves, rebuilds the projection and writes its audit row in
one transaction. Views, the API, the importer and the demo loader all call these."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.models import AuditKind
from dangvu.core.text import fold, normalize, person_sort_key
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .choices import EventKind, Gender
from .ledger import EventData, Replay, replay
from .models import Member, MembershipEvent, MembershipPeriod

PERSONAL_TEXT_FIELDS = [
    "full_name",
    "ethnicity",
    "religion",
    "home_province",
    "professional_qualification",
    "job",
    "position",
    "phone",
    "card_number",
]
EDITABLE_FIELDS = [*PERSONAL_TEXT_FIELDS, "gender", "birth_date", "national_id", "education", "theory_level"]
_GENDERS = frozenset(Gender.values)


def clean_national_id(value) -> str:
    """12 digits; a number that lost its leading zeros (Excel) gets them back."""
    text = normalize(str(value) if value is not None else "").replace(" ", "").replace(".", "")
    if text.endswith(",0"):
        text = text[:-2]
    if not text.isdigit() or len(text) > 12:
        raise ValidationError(_("Số CCCD “%(v)s” không hợp lệ: phải gồm 12 chữ số.") % {"v": value})
    return text.zfill(12)


def _clean_member_data(
    data: dict,
    instance: Member | None = None,
    *,
    taken: set[str] | None = None,
    today: datetime.date | None = None,
) -> dict:
    """`taken`: the identity numbers already in use, when the caller has read them (bulk creation); `today`:
    the local date, when the caller has read it once for many records."""
    cleaned = {}
    errors = {}
    for name in EDITABLE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in PERSONAL_TEXT_FIELDS:
            value = normalize(value)
        cleaned[name] = value
    if "national_id" in cleaned:
        try:
            cleaned["national_id"] = clean_national_id(cleaned["national_id"])
        except ValidationError as exc:
            errors["national_id"] = exc.messages
        else:
            if taken is not None:
                used = cleaned["national_id"] in taken and (
                    instance is None or cleaned["national_id"] != instance.national_id
                )
            else:
                clash = Member.objects.filter(national_id=cleaned["national_id"])
                if instance is not None:
                    clash = clash.exclude(pk=instance.pk)
                used = clash.exists()
            if used:
                errors["national_id"] = [
                    _("Số CCCD %(v)s đã thuộc một đảng viên khác.") % {"v": cleaned["national_id"]}
                ]
    if instance is None or "full_name" in cleaned:
        if not cleaned.get("full_name"):
            errors["full_name"] = [_("Nhập họ và tên.")]
    if instance is None or "gender" in cleaned:
        if cleaned.get("gender") not in _GENDERS:
            errors["gender"] = [_("Chọn giới tính Nam hoặc Nữ.")]
    if instance is None or "birth_date" in cleaned:
        birth = cleaned.get("birth_date")
        if not isinstance(birth, datetime.date):
            errors["birth_date"] = [_("Nhập ngày sinh (dd/mm/yyyy).")]
        elif birth > (today if today is not None else timezone.localdate()):
            errors["birth_date"] = [_("Ngày sinh ở tương lai.")]
    if instance is None and "national_id" not in cleaned:
        errors["national_id"] = [_("Nhập số CCCD (12 chữ số).")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def member_keys(full_name: str) -> tuple[str, str]:
    """The stored search key and sort key of a name."""
    return fold(full_name), person_sort_key(full_name)


def _apply_keys(member: Member):
    member.search_key, member.sort_key = member_keys(member.full_name)


def check_ledger(member: Member, events: list[EventData], history: History | None = None) -> Replay:
    """Replay a ledger; raise ValidationError listing every problem (Vietnamese), or return the replay."""
    result = replay(member.birth_date, events, history or History.load())
    if result.errors:
        raise ValidationError([message for _key, message in result.errors])
    return result


def _effective_events(member: Member) -> list[MembershipEvent]:
    return list(member.events.filter(voided_at__isnull=True).order_by("date", "id"))


def rebuild_periods(member: Member, result: Replay):
    """Replace the member's projection by the replay's periods (see models)."""
    MembershipPeriod.objects.filter(member=member).delete()
    MembershipPeriod.objects.bulk_create(period_rows(member.pk, result))


def period_values(result: Replay) -> list[tuple]:
    """(organization_id, start, end, admitted_on, recognized_on, is_latest) of each projection row of one
    replayed ledger; the last one marks the member's current (or last) organization, which decides who may
    see the member (accounts.scoping)."""
    last = len(result.periods) - 1
    return [
        (p.organization_id, p.start, p.end, p.admitted_on, p.recognized_on, index == last)
        for index, p in enumerate(result.periods)
    ]


PERIOD_FIELDS = ["organization_id", "start", "end", "admitted_on", "recognized_on", "is_latest"]


def period_rows(member_id: int, result: Replay) -> list[MembershipPeriod]:
    """The projection rows of one replayed ledger (`period_values`)."""
    return [
        MembershipPeriod(member_id=member_id, **dict(zip(PERIOD_FIELDS, values, strict=True)))
        for values in period_values(result)
    ]


@transaction.atomic
def create_member(data: dict, *, acting_user=None, first_event: dict | None = None) -> Member:
    """Create a member's personal record, with its first ledger event (admission or transfer in).

    A member record without a ledger would count nowhere, so the first event comes with it.
    """
    cleaned = _clean_member_data(data)
    member = Member(**cleaned)
    _apply_keys(member)
    if first_event is None:
        raise ValidationError(_("Ghi sự kiện đầu tiên: kết nạp hoặc chuyển đến."))
    if first_event.get("kind") not in (EventKind.ADMISSION, EventKind.TRANSFER_IN):
        raise ValidationError(_("Sự kiện đầu tiên phải là kết nạp hoặc chuyển đến."))
    history = History.load()
    new = _event_data(first_event)
    check_ledger(member, [new], history)
    member.save()
    audit.record(AuditKind.CREATE, member, after=audit.snapshot(member), acting_user=acting_user)
    _save_event(member, first_event, acting_user=acting_user, history=history)
    return member


@transaction.atomic
def update_member(member: Member, data: dict, *, acting_user=None) -> Member:
    cleaned = _clean_member_data(data, instance=member)
    before = audit.snapshot(member)
    for name, value in cleaned.items():
        setattr(member, name, value)
    _apply_keys(member)
    if "birth_date" in cleaned:
        check_ledger(member, [EventData.of(e) for e in _effective_events(member)])
    member.save()
    audit.record(
        AuditKind.UPDATE, member, before=before, after=audit.snapshot(member), acting_user=acting_user
    )
    return member


EVENT_FIELDS = [
    "kind",
    "date",
    "organization",
    "to_organization",
    "external_organization",
    "ceremony_date",
    "original_admission_date",
    "original_recognition_date",
    "until",
    "decision_number",
    "note",
]


def _event_data(fields: dict, key="new") -> EventData:
    def org_id(value):
        if isinstance(value, Organization):
            return value.pk
        return value

    return EventData(
        kind=fields.get("kind"),
        date=fields.get("date"),
        organization_id=org_id(fields.get("organization")),
        to_organization_id=org_id(fields.get("to_organization")),
        ceremony_date=fields.get("ceremony_date"),
        original_admission_date=fields.get("original_admission_date"),
        original_recognition_date=fields.get("original_recognition_date"),
        until=fields.get("until"),
        key=key,
    )


def _save_event(member: Member, fields: dict, *, acting_user=None, history=None) -> MembershipEvent:
    event = MembershipEvent(member=member, recorded_by=getattr(acting_user, "username", "") or "")
    for name in EVENT_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if (
            name in ("organization", "to_organization")
            and value is not None
            and not isinstance(value, Organization)
        ):
            name = name + "_id"
        if name in ("decision_number", "note", "external_organization"):
            value = normalize(value)
        setattr(event, name, value)
    event.save()
    result = check_ledger(member, [EventData.of(e) for e in _effective_events(member)], history)
    rebuild_periods(member, result)
    audit.record(
        AuditKind.EVENT,
        event,
        after=audit.snapshot(event),
        acting_user=acting_user,
        object_repr=f"{member.full_name}: {event}",
    )
    return event


@transaction.atomic
def record_event(member: Member, *, acting_user=None, **fields) -> MembershipEvent:
    """Record one ledger event after replaying the whole ledger with it (ledger.replay names the rules)."""
    if not fields.get("date"):
        raise ValidationError(_("Nhập ngày của biến động (dd/mm/yyyy)."))
    if fields.get("kind") not in EventKind.values:
        raise ValidationError(_("Chọn loại biến động."))
    if fields.get("organization") is None and fields["kind"] not in (
        EventKind.ADMISSION,
        EventKind.TRANSFER_IN,
        EventKind.TEMPORARY_TRANSFER,
    ):
        # Endings, transfers and recognitions concern the organization the member belongs to that day.
        fields["organization"] = current_organization(member, fields["date"])
    history = History.load()
    events = [EventData.of(e) for e in _effective_events(member)]
    check_ledger(member, [*events, _event_data(fields)], history)
    return _save_event(member, fields, acting_user=acting_user, history=history)


def admit(member, organization, day, decision_number="", *, ceremony_date=None, acting_user=None):
    return record_event(
        member,
        kind=EventKind.ADMISSION,
        date=day,
        organization=organization,
        ceremony_date=ceremony_date,
        decision_number=decision_number,
        acting_user=acting_user,
    )


def recognize(member, day, decision_number="", *, acting_user=None):
    return record_event(
        member, kind=EventKind.RECOGNITION, date=day, decision_number=decision_number, acting_user=acting_user
    )


def record_transfer(member, to_organization, day, decision_number="", *, acting_user=None):
    """Permanent transfer inside the installation, from where the member belongs on `day`."""
    return record_event(
        member,
        kind=EventKind.TRANSFER,
        date=day,
        to_organization=to_organization,
        decision_number=decision_number,
        acting_user=acting_user,
    )


def current_organization(member: Member, day: datetime.date) -> int | None:
    period = (
        member.periods.filter(start__lte=day)
        .exclude(end__isnull=False, end__lte=day)
        .order_by("-start")
        .first()
    )
    return period.organization_id if period else None


def members_of_org_on(org: Organization, day: datetime.date):
    """Members who belong to `org` itself (not below it) on `day`."""
    ids = (
        MembershipPeriod.objects.filter(organization=org, start__lte=day)
        .exclude(end__isnull=False, end__lte=day)
        .values_list("member_id", flat=True)
    )
    return Member.objects.filter(pk__in=list(ids))


@transaction.atomic
def correct_event(
    event: MembershipEvent, reason: str, *, replacement: dict | None = None, acting_user=None
) -> MembershipEvent | None:
    """A recorded correction: the wrong event stops counting (kept, with the reason); an optional replacement
    is recorded in its place. The ledger must replay without error afterwards, or nothing is written."""
    reason = normalize(reason)
    if not reason:
        raise ValidationError(_("Ghi lý do đính chính."))
    if event.voided_at is not None:
        raise ValidationError(_("Biến động này đã được đính chính."))
    member = event.member
    history = History.load()
    remaining = [EventData.of(e) for e in _effective_events(member) if e.pk != event.pk]
    if replacement is not None:
        replacement = dict(replacement)
        if (
            replacement.get("organization") is None
            and replacement.get("date")
            and replacement.get("kind")
            not in (EventKind.ADMISSION, EventKind.TRANSFER_IN, EventKind.TEMPORARY_TRANSFER)
        ):
            # As in record_event: the organization the member belongs to that day, the voided event left out.
            earlier = [e for e in remaining if e.date <= replacement["date"]]
            replacement["organization"] = replay(member.birth_date, earlier, history).organization_id
        remaining.append(_event_data(replacement))
    if remaining:
        check_ledger(member, remaining, history)
    before = audit.snapshot(event)
    event.voided_at = timezone.now()
    event.void_reason = reason
    event.save(update_fields=["voided_at", "void_reason", "updated_at"])
    audit.record(
        AuditKind.CORRECTION,
        event,
        before=before,
        after=audit.snapshot(event),
        acting_user=acting_user,
        object_repr=f"{member.full_name}: {event}",
    )
    new_event = None
    if replacement is not None:
        new_event = _save_event(member, replacement, acting_user=acting_user, history=history)
    else:
        result = replay(member.birth_date, remaining, history)
        rebuild_periods(member, result)
    return new_event
