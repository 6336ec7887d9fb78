"""Rating pages: the list of a year's ratings with the summary per scope, and an organization's entry for a
year (its members and the organizations directly under it), written through `services.record_ratings`,
which refuses an entry that breaks the year's rules with the reason."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.core import rules
from dangvu.core.dates import today
from dangvu.figures.ratings import rating_summary
from dangvu.figures.targets import rating_day
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History
from dangvu.web.views.common import require

from .. import services
from ..choices import RatingLevel
from ..forms import rating_entry_form
from ..lists import RatingList
from ..models import QualityRating
from ..scope import home_organization, may_act_on

rating_list = RatingList.as_view()


def rules_of_year(year: int) -> list[tuple[str, str]]:
    """The rules an entry of the year is checked against, as the page states them."""
    day = datetime.date(year, 12, 31)
    cap = rules.value("rating.excellent_cap", day)
    base = (
        _("số xếp loại “Hoàn thành tốt nhiệm vụ”")
        if cap.get("of", "good") == "good"
        else _("số được xếp loại")
    )
    lines = [
        (
            _("Quy định áp dụng"),
            rules.source("rating.regulation", day) or rules.value("rating.regulation", day),
        ),
        (
            _("Tỷ lệ “Hoàn thành xuất sắc nhiệm vụ”"),
            _("không quá %(percent)s%% %(base)s, riêng đảng viên và tổ chức (theo cấu hình)")
            % {"percent": cap["percent"], "base": base},
        ),
        (
            _("Đảng viên bị kỷ luật trong năm"),
            _("xếp loại cao nhất “%(level)s” (theo cấu hình)")
            % {"level": RatingLevel(rules.value("rating.disciplined_max_level", day)).label},
        ),
    ]
    bands = rules.value("rating.score_bands", day)
    if bands:
        lines.append(
            (
                _("Thang điểm"),
                _("xuất sắc từ %(e)s, tốt từ %(g)s, hoàn thành từ %(c)s điểm (theo cấu hình)")
                % {"e": bands["excellent"], "g": bands["good"], "c": bands["complete"]},
            )
        )
    else:
        lines.append((_("Thang điểm"), _("không chấm điểm: xếp loại theo tiêu chí")))
    return lines


@login_required
def rating_entry(request, org_pk, year):
    require(request, Perm.RATINGS_VIEW)
    unit = get_object_or_404(Organization.objects.visible_to(request.user, Perm.RATINGS_VIEW), pk=org_pk)
    if not 1990 <= year <= today().year:
        raise Http404
    can_change = may_act_on(request.user, Perm.RATINGS_CHANGE, unit.pk)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    history = History.load()
    members, organization_ids = services.subjects(unit, year, history)
    organizations = Organization.objects.in_bulk(organization_ids)
    existing = {
        (f"member-{r.member_id}" if r.member_id else f"organization-{r.organization_id}"): r
        for r in QualityRating.objects.filter(year=year, unit=unit).select_related("member", "organization")
    }
    subjects = [(f"member-{m.pk}", m.full_name, m) for m in members]
    subjects += [
        (f"organization-{org.pk}", org.name, org)
        for org in sorted(organizations.values(), key=lambda o: o.sort_key)
    ]
    listed = {key for key, _label, _obj in subjects}
    # Ratings of the entry whose subject is no longer in it (moved since): shown, and can be removed.
    for key, rating in existing.items():
        if key not in listed:
            subject = rating.member or rating.organization
            subjects.append((key, rating.subject_name, subject))
    initial = {}
    for key, rating in existing.items():
        initial[f"{key}-level"] = rating.level
        initial[f"{key}-score"] = "" if rating.score is None else str(rating.score).replace(".", ",")
        initial[f"{key}-notes"] = rating.notes
    form = rating_entry_form(subjects, request.POST or None, initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        entries = []
        for key, _label, obj in subjects:
            entry = {
                "level": form.cleaned_data[f"{key}-level"],
                "score": form.cleaned_data[f"{key}-score"],
                "notes": form.cleaned_data[f"{key}-notes"],
            }
            entry["member" if key.startswith("member-") else "organization"] = obj
            if entry["level"] or key in existing:
                entries.append(entry)
        try:
            services.record_ratings(unit, year, entries, acting_user=request.user, history=history)
        except ValidationError as error:
            status = 422
            items = (
                error.error_dict.items()
                if hasattr(error, "error_dict")
                else [(NON_FIELD_ERRORS, error.error_list)]
            )
            for key, errors in items:
                field = f"{key}-level" if f"{key}-level" in form.fields else None
                form.add_error(field, errors)
        else:
            messages.success(request, _("Đã ghi kết quả xếp loại năm %(year)s.") % {"year": year})
            return redirect("targets:rating-entry", unit.pk, year)
    elif request.method == "POST":
        status = 422
    rows = [
        (
            label,
            key.startswith("member-"),
            form[f"{key}-level"],
            form[f"{key}-score"],
            form[f"{key}-notes"],
        )
        for key, label, _obj in subjects
    ]
    context = {
        "unit": unit,
        "year": year,
        "day": rating_day(year),
        "form": form,
        "rows": rows,
        "rules": rules_of_year(year),
        "summary": rating_summary(unit.pk, year, history),
        "levels": RatingLevel,
        "can_change": can_change,
        "years": [y for y in range(today().year, today().year - 6, -1)],
    }
    return render(request, "targets/rating_entry.html", context, status=status)


@login_required
def rating_entry_start(request):
    """The entry form of the user's own organization for last year (from the list page's button)."""
    require(request, Perm.RATINGS_CHANGE)
    org = home_organization(request.user)
    if org is None:
        raise Http404
    return redirect("targets:rating-entry", org.pk, today().year - 1)
