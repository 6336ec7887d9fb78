"""Recording discipline. Expulsion (khai trừ) also ends the membership, in the same transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date, today
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.members import services as member_services
from dangvu.members.choices import EventKind

from .models import DisciplineForm, DisciplineRecord


@transaction.atomic
def record_discipline(
    member,
    *,
    form: str,
    date: datetime.date,
    decision_number: str,
    issuer: str,
    reason: str,
    acting_user=None,
) -> DisciplineRecord:
    errors = {}
    if form not in DisciplineForm.values:
        errors["form"] = [_("Chọn hình thức kỷ luật.")]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Nhập ngày quyết định (dd/mm/yyyy).")]
    elif date > today():
        errors["date"] = [_("Ngày %(d)s ở tương lai.") % {"d": format_vn_date(date)}]
    if not normalize(decision_number):
        errors["decision_number"] = [_("Nhập số quyết định kỷ luật.")]
    if not normalize(issuer):
        errors["issuer"] = [_("Nhập cấp ra quyết định.")]
    if not normalize(reason):
        errors["reason"] = [_("Nhập nội dung vi phạm.")]
    if errors:
        raise ValidationError(errors)
    record = DisciplineRecord.objects.create(
        member=member,
        form=form,
        date=date,
        decision_number=normalize(decision_number),
        issuer=normalize(issuer),
        reason=normalize(reason),
        recorded_by=getattr(acting_user, "username", "") or "",
    )
    audit.record(AuditKind.CREATE, record, after=audit.snapshot(record), acting_user=acting_user)
    if form == DisciplineForm.EXPULSION:
        member_services.record_event(
            member,
            kind=EventKind.EXPELLED,
            date=date,
            decision_number=decision_number,
            note=_("Kỷ luật khai trừ"),
            acting_user=acting_user,
        )
    return record


@transaction.atomic
def void_discipline(record: DisciplineRecord, reason: str, *, acting_user=None) -> DisciplineRecord:
    """Correction of a discipline decision recorded by mistake (or annulled): it stops counting, kept with the
    reason. An expulsion's ending of the membership is corrected with it."""
    reason = normalize(reason)
    if not reason:
        raise ValidationError({"reason": [_("Ghi lý do đính chính.")]})
    if record.voided_at is not None:
        raise ValidationError(_("Quyết định kỷ luật này đã được đính chính."))
    before = audit.snapshot(record)
    record.voided_at = timezone.now()
    record.void_reason = reason
    record.save(update_fields=["voided_at", "void_reason", "updated_at"])
    audit.record(
        AuditKind.CORRECTION, record, before=before, after=audit.snapshot(record), acting_user=acting_user
    )
    if record.form == DisciplineForm.EXPULSION:
        ending = record.member.events.filter(
            kind=EventKind.EXPELLED, date=record.date, voided_at__isnull=True
        ).first()
        if ending is not None:
            member_services.correct_event(
                ending,
                _("Đính chính quyết định kỷ luật khai trừ: %(r)s") % {"r": reason},
                acting_user=acting_user,
            )
    return record
