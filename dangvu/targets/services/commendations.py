"""Commendation decisions and the collectives and individuals they commend (the commendation register)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date
from dangvu.core.models import AuditKind
from dangvu.core.text import fold, normalize, person_sort_key, text_sort_key
from dangvu.figures.counting import standing_on
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from ..models import Commendation, CommendationDecision
from .common import Errors, past_day

EDITABLE = ("number", "date", "issuer", "form", "reason", "note")


def _clean_decision(data: dict, instance: CommendationDecision | None, errors: Errors) -> dict:
    merged = {name: getattr(instance, name) for name in EDITABLE} if instance is not None else {}
    merged.update(data)
    cleaned = {}
    for name, label in (
        ("number", _("số quyết định")),
        ("issuer", _("cấp khen thưởng")),
        ("form", _("hình thức khen thưởng")),
        ("reason", _("lý do khen thưởng")),
    ):
        cleaned[name] = normalize(merged.get(name) or "")
        if not cleaned[name]:
            errors.add(name, _("Ghi %(label)s.") % {"label": label})
    cleaned["date"] = past_day(merged.get("date"), "date", _("ngày quyết định"), errors)
    cleaned["note"] = normalize(merged.get("note") or "")
    if cleaned["number"] and cleaned["issuer"]:
        same = CommendationDecision.objects.filter(number=cleaned["number"], issuer=cleaned["issuer"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors.add(
                "number",
                _("Đã có quyết định số %(number)s của %(issuer)s trong sổ khen thưởng.")
                % {"number": cleaned["number"], "issuer": cleaned["issuer"]},
            )
    cleaned["search_key"] = fold(" ".join([cleaned["number"], cleaned["issuer"], cleaned["reason"]]))[:600]
    return cleaned


def _check_recipients(
    day: datetime.date | None,
    collectives: list[Organization],
    individuals: list[Member],
    errors: Errors,
    history: History,
):
    """Collectives that exist on the decision's date, members who are members on it, each once."""
    if not collectives and not individuals:
        errors.add(None, _("Ghi ít nhất một tập thể hoặc một cá nhân được khen thưởng."))
    if day is None:
        return
    seen = set()
    for org in collectives:
        if org.pk in seen:
            errors.add("collectives", _("“%(org)s” có tên hai lần.") % {"org": org.name})
        seen.add(org.pk)
        if history.state_on(org.pk, day) is None:
            errors.add(
                "collectives",
                _("“%(org)s” không hoạt động ngày %(day)s.") % {"org": org.name, "day": format_vn_date(day)},
            )
    standing = standing_on([m.pk for m in individuals], day)
    seen = set()
    for member in individuals:
        if member.pk in seen:
            errors.add("individuals", _("%(name)s có tên hai lần.") % {"name": member.full_name})
        seen.add(member.pk)
        if member.pk not in standing:
            errors.add(
                "individuals",
                _("%(name)s không phải là đảng viên ngày %(day)s.")
                % {"name": member.full_name, "day": format_vn_date(day)},
            )


def _add_recipient(decision, acting_user, *, organization=None, member=None, achievement=""):
    name = organization.name if organization is not None else member.full_name
    recipient = Commendation(
        decision=decision,
        organization=organization,
        member=member,
        name=name,
        sort_key=text_sort_key(name) if organization is not None else person_sort_key(name),
        search_key=fold(name),
        achievement=normalize(achievement),
    )
    recipient.save()
    audit.record(AuditKind.CREATE, recipient, after=audit.snapshot(recipient), acting_user=acting_user)
    return recipient


@transaction.atomic
def record_commendation(
    data: dict,
    *,
    collectives: list[Organization] = (),
    individuals: list[Member] = (),
    acting_user=None,
    history: History | None = None,
) -> CommendationDecision:
    """Record a commendation decision (number, date, issuer, form, what for) with the collectives (party
    organizations existing on its date) and individuals (members on its date) it commends."""
    history = history or History.load()
    errors = Errors()
    cleaned = _clean_decision(data, None, errors)
    _check_recipients(cleaned.get("date"), list(collectives), list(individuals), errors, history)
    errors.raise_if_any()
    decision = CommendationDecision(**cleaned)
    decision.save()
    audit.record(AuditKind.CREATE, decision, after=audit.snapshot(decision), acting_user=acting_user)
    for org in collectives:
        _add_recipient(decision, acting_user, organization=org)
    for member in individuals:
        _add_recipient(decision, acting_user, member=member)
    return decision


@transaction.atomic
def update_commendation(
    decision: CommendationDecision, data: dict, *, acting_user=None
) -> CommendationDecision:
    """Correct a decision's number, date, issuer, form or reason (its recipients stay)."""
    before = audit.snapshot(decision)
    errors = Errors()
    cleaned = _clean_decision(data, decision, errors)
    history = History.load()
    recipients = list(decision.recipients.select_related("organization", "member"))
    _check_recipients(
        cleaned["date"],
        [r.organization for r in recipients if r.organization_id],
        [r.member for r in recipients if r.member_id],
        errors,
        history,
    )
    errors.raise_if_any()
    for name, value in cleaned.items():
        setattr(decision, name, value)
    decision.save()
    audit.record(
        AuditKind.UPDATE, decision, before=before, after=audit.snapshot(decision), acting_user=acting_user
    )
    return decision


@transaction.atomic
def delete_commendation(decision: CommendationDecision, *, acting_user=None):
    """Remove a decision recorded by mistake, with its recipients."""
    for recipient in list(decision.recipients.all()):
        before = audit.snapshot(recipient)
        label = str(recipient)
        recipient.delete()
        audit.record(
            AuditKind.DELETE,
            before=before,
            object_type=Commendation._meta.label,
            object_repr=label,
            acting_user=acting_user,
        )
    before = audit.snapshot(decision)
    label = str(decision)
    decision.delete()
    audit.record(
        AuditKind.DELETE,
        before=before,
        object_type=CommendationDecision._meta.label,
        object_repr=label,
        acting_user=acting_user,
    )
