"""Emulation criteria of a year and the points scored by hand (with evidence). Target completion is never
scored by hand: a criterion of kind "targets" is computed from progress (figures.targets.ranking)."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date, today
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.figures.targets import rating_day
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from ..choices import CriterionKind
from ..models import EmulationCriterion, EmulationScore
from .common import Errors, points, whole_number

MAX_POINTS = Decimal(100)
EDITABLE = ("owner", "year", "name", "kind", "max_points", "position", "description")


def _clean_criterion(data: dict, instance: EmulationCriterion | None) -> dict:
    errors = Errors()
    merged = {name: getattr(instance, name) for name in EDITABLE} if instance is not None else {}
    merged.update(data)
    cleaned = {}
    owner = merged.get("owner")
    if not isinstance(owner, Organization):
        errors.add("owner", _("Chọn tổ chức đánh giá thi đua."))
    cleaned["owner"] = owner
    year = whole_number(merged.get("year"), "year", _("năm"), errors, minimum=1990)
    if year is not None and year > today().year + 1:
        errors.add("year", _("Năm thi đua không quá năm sau."))
    cleaned["year"] = year
    cleaned["name"] = normalize(merged.get("name") or "")
    if not cleaned["name"]:
        errors.add("name", _("Ghi tên tiêu chí."))
    if merged.get("kind") not in CriterionKind.values:
        errors.add("kind", _("Chọn cách chấm: theo tiến độ chỉ tiêu hoặc chấm theo minh chứng."))
    cleaned["kind"] = merged.get("kind")
    cleaned["max_points"] = points(
        merged.get("max_points"), "max_points", _("Điểm tối đa"), errors, maximum=MAX_POINTS
    )
    if cleaned["max_points"] is not None and cleaned["max_points"] <= 0:
        errors.add("max_points", _("Điểm tối đa phải lớn hơn 0."))
    cleaned["position"] = whole_number(merged.get("position") or 0, "position", _("thứ tự"), errors) or 0
    cleaned["description"] = normalize(merged.get("description") or "")
    if not errors:
        same = EmulationCriterion.objects.filter(owner=owner, year=year, name=cleaned["name"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors.add(
                "name", _("Năm %(year)s đã có tiêu chí “%(name)s”.") % {"year": year, "name": cleaned["name"]}
            )
    if instance is not None and instance.scores.exists() and cleaned["kind"] != instance.kind:
        errors.add("kind", _("Tiêu chí đã được chấm điểm: không đổi được cách chấm."))
    errors.raise_if_any()
    return cleaned


@transaction.atomic
def create_criterion(data: dict, *, acting_user=None) -> EmulationCriterion:
    """Add a criterion to an organization's emulation evaluation of a year."""
    criterion = EmulationCriterion(**_clean_criterion(data, None))
    criterion.save()
    audit.record(AuditKind.CREATE, criterion, after=audit.snapshot(criterion), acting_user=acting_user)
    return criterion


@transaction.atomic
def update_criterion(criterion: EmulationCriterion, data: dict, *, acting_user=None) -> EmulationCriterion:
    before = audit.snapshot(criterion)
    cleaned = _clean_criterion(data, criterion)
    over = criterion.scores.filter(points__gt=cleaned["max_points"])
    if over.exists():
        raise_over = Errors()
        raise_over.add(
            "max_points",
            _("Đã có tổ chức được chấm %(points)s điểm ở tiêu chí này: điểm tối đa không thấp hơn.")
            % {"points": str(max(over.values_list("points", flat=True))).replace(".", ",")},
        )
        raise_over.raise_if_any()
    for name, value in cleaned.items():
        setattr(criterion, name, value)
    criterion.save()
    audit.record(
        AuditKind.UPDATE, criterion, before=before, after=audit.snapshot(criterion), acting_user=acting_user
    )
    return criterion


@transaction.atomic
def delete_criterion(criterion: EmulationCriterion, *, acting_user=None):
    for score in list(criterion.scores.all()):
        _delete_score(score, acting_user)
    before = audit.snapshot(criterion)
    label = str(criterion)
    criterion.delete()
    audit.record(
        AuditKind.DELETE,
        before=before,
        object_type=EmulationCriterion._meta.label,
        object_repr=label,
        acting_user=acting_user,
    )


def _delete_score(score: EmulationScore, acting_user):
    before = audit.snapshot(score)
    label = str(score)
    score.delete()
    audit.record(
        AuditKind.DELETE,
        before=before,
        object_type=EmulationScore._meta.label,
        object_repr=label,
        acting_user=acting_user,
    )


@transaction.atomic
def record_scores(
    criterion: EmulationCriterion, entries: list[dict], *, acting_user=None, history: History | None = None
) -> list[EmulationScore]:
    """Score a criterion by hand for organizations directly under its owner: `entries` are
    {"organization", "points", "evidence"}; empty points remove a score. Points run from 0 to the
    criterion's maximum and need their evidence. All or nothing."""
    errors = Errors()
    if criterion.kind != CriterionKind.MANUAL:
        errors.add(
            None,
            _("Tiêu chí “%(name)s” tính tự động từ tiến độ chỉ tiêu, không chấm tay.")
            % {"name": criterion.name},
        )
        errors.raise_if_any()
    history = history or History.load()
    day = rating_day(criterion.year)
    tree = history.tree_on(day)
    allowed = set(tree.direct_subordinates(criterion.owner_id)) if tree.exists(criterion.owner_id) else set()
    existing = {score.organization_id: score for score in criterion.scores.all()}
    wanted: dict[int, dict | None] = {}
    for entry in entries:
        org = entry.get("organization")
        if not isinstance(org, Organization):
            errors.add(None, _("Mỗi dòng chấm điểm một tổ chức."))
            continue
        key = f"organization-{org.pk}"
        if org.pk not in allowed:
            errors.add(
                key,
                _("“%(org)s” không trực thuộc “%(owner)s” ngày %(day)s.")
                % {"org": org.name, "owner": criterion.owner.name, "day": format_vn_date(day)},
            )
            continue
        value = points(
            entry.get("points"), key, _("Điểm của “%(org)s”") % {"org": org.name}, errors,
            maximum=criterion.max_points, required=False,
        )  # fmt: skip
        if value is None:
            if entry.get("points") in (None, ""):
                wanted[org.pk] = None
            continue
        evidence = normalize(entry.get("evidence") or "")
        if not evidence:
            errors.add(key, _("“%(org)s”: ghi minh chứng cho điểm đã chấm.") % {"org": org.name})
            continue
        wanted[org.pk] = {"points": value, "evidence": evidence}
    errors.raise_if_any()
    written = []
    for org_id, value in wanted.items():
        current = existing.get(org_id)
        if value is None:
            if current is not None:
                _delete_score(current, acting_user)
            continue
        if current is None:
            score = EmulationScore(criterion=criterion, organization_id=org_id, **value)
            score.save()
            audit.record(AuditKind.CREATE, score, after=audit.snapshot(score), acting_user=acting_user)
        else:
            before = audit.snapshot(current)
            current.points, current.evidence = value["points"], value["evidence"]
            score = current
            if audit.snapshot(score) != before:
                score.save()
                audit.record(
                    AuditKind.UPDATE,
                    score,
                    before=before,
                    after=audit.snapshot(score),
                    acting_user=acting_user,
                )
        written.append(score)
    return written
