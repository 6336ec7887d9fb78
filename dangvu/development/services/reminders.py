"""Reminders: the daily job's notifications, and marking them read."""

import datetime

from django.db import transaction
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.models import AuditKind
from dangvu.organizations.tree import History

from ..models import Notification
from .candidates import record_audit

# Reminders ----------------------------------------------------------------------------------------------------


@transaction.atomic
def record_reminders(on: datetime.date, *, acting_user=None) -> int:
    """The daily job (`dangvu remind`): one notification per user, candidate, kind and due date for what is
    due on `on` in each user's scope (deadlines.due_items); a second run on the same day adds nothing."""
    from dangvu.accounts.models import User
    from dangvu.accounts.scoping import has_perm, scope_org_ids

    from ..deadlines import due_items

    items = due_items(on)
    if not items:
        return 0
    history = History.load()
    created = 0
    for user in User.objects.filter(is_active=True).order_by("pk"):
        if not has_perm(user, "candidates.view"):
            continue
        ids = scope_org_ids(user, "candidates.view", history=history)
        mine = [item for item in items if ids is None or item.organization_id in ids]
        if not mine:
            continue
        existing = set(
            Notification.objects.filter(user=user, due_on__in={i.due_on for i in mine}).values_list(
                "candidate_id", "kind", "due_on"
            )
        )
        for item in mine:
            if (item.candidate_id, item.kind, item.due_on) in existing:
                continue
            notification = Notification.objects.create(
                user=user,
                candidate_id=item.candidate_id,
                kind=item.kind,
                due_on=item.due_on,
                message=item.message,
            )
            record_audit(
                AuditKind.CREATE, notification, after=audit.snapshot(notification), acting_user=acting_user
            )
            created += 1
    return created


@transaction.atomic
def mark_notification_read(notification: Notification, *, acting_user=None) -> Notification:
    if notification.read_at is None:
        before = audit.snapshot(notification)
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
        record_audit(
            AuditKind.UPDATE,
            notification,
            before=before,
            after=audit.snapshot(notification),
            acting_user=acting_user,
        )
    return notification
