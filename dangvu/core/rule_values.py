"""Actions on the administrator's dated rule values (`RuleValue`, read by `dangvu.core.rules`): set the value
of a rule from a date, change it, remove it. Each writes its audit row with the values before and after."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit, rules
from .models import AuditKind, RuleValue
from .text import normalize


def _check(key: str, valid_from) -> dict:
    errors = {}
    if key not in {d.key for d in rules.DEFAULTS}:
        errors["key"] = [_("Không có quy định “%(k)s”.") % {"k": key}]
    if not isinstance(valid_from, datetime.date):
        errors["valid_from"] = [_("Nhập ngày áp dụng (dd/mm/yyyy).")]
    return errors


@transaction.atomic
def set_rule_value(
    key: str, value, valid_from: datetime.date, *, source: str = "", acting_user=None
) -> RuleValue:
    """The value of rule `key` from `valid_from` on (it replaces a value set for the same date); `source` names
    the text it follows."""
    errors = _check(key, valid_from)
    if not normalize(source):
        errors["source"] = [_("Ghi căn cứ (văn bản quy định giá trị này).")]
    if errors:
        raise ValidationError(errors)
    existing = RuleValue.objects.filter(key=key, valid_from=valid_from).first()
    before = audit.snapshot(existing) if existing else None
    row = existing or RuleValue(key=key, valid_from=valid_from)
    row.value = value
    row.source = normalize(source)
    if row.pk is None and acting_user is not None and getattr(acting_user, "pk", None):
        row.created_by = acting_user
    row.save()
    audit.record(
        AuditKind.UPDATE if before else AuditKind.CREATE,
        row,
        before=before,
        after=audit.snapshot(row),
        acting_user=acting_user,
        object_repr=f"{key} {valid_from:%d/%m/%Y}",
    )
    return row


@transaction.atomic
def delete_rule_value(row: RuleValue, *, acting_user=None):
    """Remove an administrator's value: the rule follows its default (or an earlier value) again."""
    audit.record(
        AuditKind.DELETE,
        row,
        before=audit.snapshot(row),
        acting_user=acting_user,
        object_repr=f"{row.key} {row.valid_from:%d/%m/%Y}",
    )
    row.delete()
