"""The annual quality rating (đánh giá, xếp loại chất lượng) entered per organization.

An organization's entry for a year rates the members who belong to it on the rating day (31 December, or
today while the year runs) and the organizations directly under it. The whole entry is checked against the
dated rules of the year (core.rules, rules.md): the score bands of 366-QĐ/TW, the cap on the share of the
top level, the limit for members disciplined in the year; an entry that breaks one is refused with the
reason, and nothing is written."""

import datetime
from collections import Counter
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, rules
from dangvu.core.dates import format_vn_date, today
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.figures.counting import Scope, periods_on
from dangvu.figures.targets import rating_day
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from ..choices import LEVEL_ORDER, RatingLevel, SubjectKind
from ..models import QualityRating
from .common import Errors, points

HUNDRED = Decimal(100)


def regulation(year: int) -> str:
    return rules.value("rating.regulation", datetime.date(year, 12, 31))


def _rule(key: str, year: int):
    day = datetime.date(year, 12, 31)
    return rules.value(key, day), rules.source(key, day) or rules.source(key, datetime.date.max)


def _configured(key: str) -> str:
    return _(" (theo cấu hình)") if rules.unverified(key) else ""


def band_level(score: Decimal, bands: dict) -> str:
    """The highest level a score allows under the 100-point scale."""
    for level in (RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETE):
        if score >= Decimal(str(bands[level.value])):
            return level
    return RatingLevel.NOT_COMPLETE


def excellent_allowed(counts: Counter, cap: dict) -> int:
    """How many may be rated excellent: `percent` of those rated good (or of all rated), rounded down."""
    base = counts[RatingLevel.GOOD] if cap.get("of", "good") == "good" else sum(counts.values())
    return int(base * int(cap["percent"]) // 100)


def key_for(kind: str, pk: int) -> str:
    """The error key of one entry: "member-12", "organization-7"."""
    return f"{kind}-{pk}"


def _disciplined(member_ids, year: int) -> set[int]:
    """Members with a discipline decision dated in the year (corrected decisions do not count)."""
    if not apps.is_installed("dangvu.inspection"):
        return set()
    from dangvu.inspection.models import DisciplineRecord

    return set(
        DisciplineRecord.objects.filter(
            member_id__in=list(member_ids),
            voided_at__isnull=True,
            date__gte=datetime.date(year, 1, 1),
            date__lte=datetime.date(year, 12, 31),
        ).values_list("member_id", flat=True)
    )


def subjects(unit: Organization, year: int, history: History | None = None) -> tuple[list[Member], list[int]]:
    """Who the organization's entry rates: the members belonging to it on the rating day (Vietnamese order)
    and the ids of the organizations directly under it that day."""
    history = history or History.load()
    day = rating_day(year)
    tree = history.tree_on(day)
    if not tree.exists(unit.pk):
        return [], []
    member_ids = periods_on(Scope(day, unit.pk, history)).filter(organization_id=unit.pk).values("member_id")
    members = list(Member.objects.filter(pk__in=member_ids).order_by("sort_key", "id"))
    return members, list(tree.direct_subordinates(unit.pk))


@transaction.atomic
def record_ratings(
    unit: Organization, year: int, entries: list[dict], *, acting_user=None, history: History | None = None
) -> list[QualityRating]:
    """Record (or change) an organization's rating entry for a year, as a whole.

    `entries`: {"member": Member} or {"organization": Organization}, with "level" (a RatingLevel; empty to
    remove a rating), "score" (required under a 100-point scale) and "notes". The ratings of the same entry
    not named keep their values and count in the checks; a rating of someone no longer in the entry (moved
    since) can still be removed."""
    history = history or History.load()
    errors = Errors()
    if not isinstance(year, int) or not 1990 <= year <= today().year:
        errors.add("year", _("Năm đánh giá phải từ 1990 đến năm nay."))
        errors.raise_if_any()
    day = rating_day(year)
    if not history.tree_on(day).exists(unit.pk):
        errors.add(
            None,
            _("“%(org)s” không hoạt động ngày %(day)s: không đánh giá được năm %(year)s.")
            % {"org": unit.name, "day": format_vn_date(day), "year": year},
        )
        errors.raise_if_any()
    members, organization_ids = subjects(unit, year, history)
    allowed_members = {m.pk for m in members}
    allowed_organizations = set(organization_ids)
    bands, bands_source = _rule("rating.score_bands", year)
    source = regulation(year)

    existing = {
        (SubjectKind.MEMBER if r.member_id else SubjectKind.ORGANIZATION, r.member_id or r.organization_id): r
        for r in QualityRating.objects.filter(year=year, unit=unit)
    }
    wanted: dict[tuple[str, int], dict | None] = {}
    names: dict[tuple[str, int], str] = {}
    for entry in entries:
        member, organization = entry.get("member"), entry.get("organization")
        removing = not entry.get("level")
        if isinstance(member, Member):
            kind, subject, name = SubjectKind.MEMBER, member.pk, member.full_name
            if subject not in allowed_members and not (removing and (kind, subject) in existing):
                errors.add(
                    key_for(kind, subject),
                    _("Đảng viên %(name)s không sinh hoạt tại “%(org)s” ngày %(day)s.")
                    % {"name": name, "org": unit.name, "day": format_vn_date(day)},
                )
                continue
        elif isinstance(organization, Organization):
            kind, subject, name = SubjectKind.ORGANIZATION, organization.pk, organization.name
            if subject not in allowed_organizations and not (removing and (kind, subject) in existing):
                errors.add(
                    key_for(kind, subject),
                    _("“%(name)s” không trực thuộc “%(org)s” ngày %(day)s.")
                    % {"name": name, "org": unit.name, "day": format_vn_date(day)},
                )
                continue
        else:
            errors.add(None, _("Mỗi dòng đánh giá một đảng viên hoặc một tổ chức."))
            continue
        key = key_for(kind, subject)
        names[(kind, subject)] = name
        level = entry.get("level") or ""
        if not level:
            wanted[(kind, subject)] = None
            continue
        if level not in RatingLevel.values:
            errors.add(key, _("%(name)s: chọn một trong bốn mức xếp loại.") % {"name": name})
            continue
        score = points(
            entry.get("score"),
            key,
            _("Điểm của %(name)s") % {"name": name},
            errors,
            maximum=HUNDRED,
            required=bands is not None,
        )
        if (
            bands is not None
            and score is not None
            and LEVEL_ORDER.index(level) < LEVEL_ORDER.index(band_level(score, bands))
        ):
            errors.add(
                key,
                _(
                    "%(name)s: %(score)s điểm chỉ xếp được từ mức “%(allowed)s” trở xuống (%(source)s%(conf)s)."
                )
                % {
                    "name": name,
                    "score": str(score).replace(".", ","),
                    "allowed": RatingLevel(band_level(score, bands)).label,
                    "source": bands_source,
                    "conf": _configured("rating.score_bands"),
                },
            )
            continue
        wanted[(kind, subject)] = {
            "level": level,
            "score": score,
            "notes": normalize(entry.get("notes") or ""),
        }

    # Members disciplined in the year: at most the configured level.
    limit, limit_source = _rule("rating.disciplined_max_level", year)
    disciplined = _disciplined(
        [subject for (kind, subject), value in wanted.items() if kind == SubjectKind.MEMBER and value], year
    )
    for (kind, subject), value in wanted.items():
        if kind == SubjectKind.MEMBER and value and subject in disciplined:
            if LEVEL_ORDER.index(value["level"]) < LEVEL_ORDER.index(limit):
                errors.add(
                    key_for(kind, subject),
                    _(
                        "Đảng viên %(name)s bị thi hành kỷ luật trong năm %(year)s: chỉ xếp được từ mức “%(limit)s” "
                        "trở xuống (%(source)s%(conf)s)."
                    )
                    % {
                        "name": names[(kind, subject)],
                        "year": year,
                        "limit": RatingLevel(limit).label,
                        "source": limit_source,
                        "conf": _configured("rating.disciplined_max_level"),
                    },
                )

    # Someone rated already this year in another organization's entry (after moving, for example).
    for kind, field in ((SubjectKind.MEMBER, "member_id"), (SubjectKind.ORGANIZATION, "organization_id")):
        ids = [subject for (k, subject), value in wanted.items() if k == kind and value]
        elsewhere = QualityRating.objects.filter(year=year, **{f"{field}__in": ids}).exclude(unit=unit)
        for subject, other in elsewhere.values_list(field, "unit__name"):
            errors.add(
                key_for(kind, subject),
                _("%(name)s đã được xếp loại năm %(year)s tại “%(other)s”.")
                % {"name": names[(kind, subject)], "year": year, "other": other},
            )

    # The whole entry: the share of the top level, per kind of subject.
    cap, cap_source = _rule("rating.excellent_cap", year)
    final: dict[tuple[str, int], str] = {key: rating.level for key, rating in existing.items()}
    for key, value in wanted.items():
        if value is None:
            final.pop(key, None)
        else:
            final[key] = value["level"]
    for kind, label in ((SubjectKind.MEMBER, _("đảng viên")), (SubjectKind.ORGANIZATION, _("tổ chức"))):
        counts = Counter(level for (k, _subject), level in final.items() if k == kind)
        allowed = excellent_allowed(counts, cap)
        if counts[RatingLevel.EXCELLENT] > allowed:
            base = (
                _("số xếp loại “%(good)s” (%(n)s)")
                % {"good": RatingLevel.GOOD.label, "n": counts[RatingLevel.GOOD]}
                if cap.get("of", "good") == "good"
                else _("số được xếp loại (%(n)s)") % {"n": sum(counts.values())}
            )
            errors.add(
                None,
                _(
                    "Năm %(year)s, “%(org)s” xếp loại “%(excellent)s” cho %(count)s %(label)s, vượt mức tối đa "
                    "%(percent)s%% của %(base)s, tức %(allowed)s %(label)s (%(source)s%(conf)s)."
                )
                % {
                    "year": year,
                    "org": unit.name,
                    "excellent": RatingLevel.EXCELLENT.label,
                    "count": counts[RatingLevel.EXCELLENT],
                    "label": label,
                    "percent": cap["percent"],
                    "base": base,
                    "allowed": allowed,
                    "source": cap_source or source,
                    "conf": _configured("rating.excellent_cap"),
                },
            )
    errors.raise_if_any()

    written = []
    for (kind, subject), value in wanted.items():
        current = existing.get((kind, subject))
        if value is None:
            if current is not None:
                before = audit.snapshot(current)
                label = str(current)
                current.delete()
                audit.record(
                    AuditKind.DELETE,
                    before=before,
                    object_type=QualityRating._meta.label,
                    object_repr=label,
                    acting_user=acting_user,
                )
            continue
        if current is None:
            rating = QualityRating(year=year, unit=unit, **value)
            if kind == SubjectKind.MEMBER:
                rating.member_id = subject
            else:
                rating.organization_id = subject
            rating.save()
            audit.record(AuditKind.CREATE, rating, after=audit.snapshot(rating), acting_user=acting_user)
            written.append(rating)
            continue
        before = audit.snapshot(current)
        for name, field_value in value.items():
            setattr(current, name, field_value)
        if audit.snapshot(current) != before:
            current.save()
            audit.record(
                AuditKind.UPDATE,
                current,
                before=before,
                after=audit.snapshot(current),
                acting_user=acting_user,
            )
        written.append(current)
    return written
