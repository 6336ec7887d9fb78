"""The enterprise pages: the coverage figures on a date (whole register or one zone), the enterprise list,
an enterprise's page and a zone's page. Every figure comes from dangvu.figures.coverage; every queryset
starts from the model's `visible_to(user, perm)` (a record outside the user's scope is a 404)."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import format_vn_date, today
from dangvu.core.lists import Column, ObjectList
from dangvu.core.text import fold
from dangvu.figures.coverage import (
    candidate_ids_working_in,
    candidates_working_in,
    coverage,
    party_member_ids_working_in,
    party_members_working_in,
    register_on,
)
from dangvu.figures.dashboard import covered_enterprises
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History
from dangvu.web.views.common import require

from .choices import Country, EnterpriseStatus, MassOrganizationKind, Ownership
from .forms import PARTY, UNION, CoverageForm, EnterpriseFilterForm
from .models import Enterprise, PartyCoverage, WorkforceSnapshot, Zone, enterprise_scope

PERM = Perm.MASS_ORGS_VIEW


def _within(user) -> set[int] | None:
    """The enterprises of the user's scope for the figures; None for the whole register."""
    everything, _ids = enterprise_scope(user, PERM)
    if everything:
        return None
    return set(Enterprise.objects.visible_to(user, PERM).values_list("pk", flat=True))


def _decimal_text(value) -> str:
    """A rate such as 12.3 in Vietnamese style (12,3); "" without a base."""
    return "" if value is None else str(value).replace(".", ",")


def _chart_rows(rows: list[dict]) -> list[dict]:
    return [{**row, "per_1000": _decimal_text(row["party_members_per_1000_workers"])} for row in rows]


def _coverage_context(user, day, zone) -> dict:
    data = coverage(day, zone=zone, within=_within(user))
    statuses = [
        (EnterpriseStatus(value).label, count) for value, count in data["enterprises"]["by_status"].items()
    ]
    return {
        "figures": data,
        "statuses": statuses,
        "kind_labels": dict(MassOrganizationKind.choices),
        "status_labels": dict(EnterpriseStatus.choices),
        "per_1000": _decimal_text(data["party"]["members_per_1000_workers"]),
        "by_zone": _chart_rows(data["by_zone"]),
        "by_country": _chart_rows(data["by_country"]),
    }


@login_required
def coverage_page(request):
    require(request, PERM)
    data = request.GET.copy()
    if not data.get("day"):
        data["day"] = format_vn_date(today())
    form = CoverageForm(data)
    form.is_valid()
    day = form.cleaned_data.get("day") or today()
    zone = form.cleaned_data.get("zone")
    context = {"form": form, "day": day, "zone": zone, **_coverage_context(request.user, day, zone)}
    return render(request, "enterprises/coverage.html", context)


@login_required
def zone_detail(request, code):
    require(request, PERM)
    zone = get_object_or_404(Zone.objects.visible_to(request.user, PERM), code=code)
    data = request.GET.copy()
    if not data.get("day"):
        data["day"] = format_vn_date(today())
    form = CoverageForm(data)
    form.fields.pop("zone")
    form.is_valid()
    day = form.cleaned_data.get("day") or today()
    enterprises = (
        Enterprise.objects.visible_to(request.user, PERM)
        .filter(zone=zone)
        .with_status_on(day)
        .annotate(workers_on=_latest_workers(day))
        .order_by("sort_key", "id")
    )
    context = {
        "form": form,
        "day": day,
        "zone": zone,
        "enterprises": enterprises,
        "can_edit_zone": enterprise_scope(request.user, Perm.MASS_ORGS_CHANGE)[0],
        **_coverage_context(request.user, day, zone),
    }
    return render(request, "enterprises/zone_detail.html", context)


def _latest_workers(day):
    return Subquery(
        WorkforceSnapshot.objects.filter(enterprise=OuterRef("pk"), date__lte=day)
        .order_by("-date")
        .values("workers")[:1]
    )


class EnterpriseList(ObjectList):
    title = gettext_lazy("Doanh nghiệp")
    view_perm = PERM
    filter_form = EnterpriseFilterForm
    search_label = gettext_lazy("Tên hoặc mã số thuế")
    default_sort = "name"
    export_filename = "doanh-nghiep"
    template_name = "enterprises/enterprise_list.html"
    empty_text = gettext_lazy("Không có doanh nghiệp nào khớp với điều kiện lọc.")

    columns = [
        Column(
            "name",
            gettext_lazy("Tên doanh nghiệp"),
            "name",
            sort=("sort_key",),
            link=lambda o: reverse("enterprises:enterprise-detail", args=[o.pk]),
        ),
        Column("tax_code", gettext_lazy("Mã số thuế"), "tax_code", sort=("tax_code",), css="nowrap"),
        Column(
            "zone",
            gettext_lazy("Khu"),
            lambda o: o.zone.name if o.zone else "",
            sort=("zone__sort_key",),
            link=lambda o: reverse("enterprises:zone-detail", args=[o.zone.code]) if o.zone else None,
        ),
        Column(
            "status",
            gettext_lazy("Tình trạng"),
            lambda o: EnterpriseStatus(o.status_on).label if o.status_on else "",
            sort=("status_on",),
        ),
        Column("ownership", gettext_lazy("Sở hữu"), "get_ownership_display", sort=("ownership",)),
        Column(
            "countries",
            gettext_lazy("Nước đầu tư"),
            lambda o: ", ".join(str(Country(c.country).label) for c in o.investor_countries.all()),
        ),
        Column("workers", gettext_lazy("Số lao động"), "workers_on", sort=("workers_on",), numeric=True),
    ]

    def queryset(self):
        return (
            Enterprise.objects.visible_to(self.request.user, PERM)
            .select_related("zone")
            .prefetch_related("investor_countries")
        )

    def search(self, queryset, text):
        digits = "".join(ch for ch in text if ch.isdigit() or ch == "-")
        condition = Q(search_key__contains=fold(text))
        if digits:
            condition |= Q(tax_code__contains=digits)
        return queryset.filter(condition)

    @property
    def day(self):
        """The day the list is read on ("tính đến ngày"): statuses and workforce as they stood then."""
        return self.filters.get("day") or today()

    def annotate(self, queryset):
        return queryset.with_status_on(self.day).annotate(workers_on=_latest_workers(self.day))

    def filter(self, queryset, data):
        if data.get("zone"):
            queryset = queryset.filter(zone=data["zone"])
        if data.get("ownership"):
            queryset = queryset.filter(ownership=data["ownership"])
        if data.get("country"):
            queryset = queryset.filter(
                pk__in=Enterprise.objects.filter(investor_countries__country=data["country"]).values("pk")
            )
        on_day = Enterprise.objects.with_status_on(data.get("day") or today())
        if data.get("day"):
            # Only the enterprises already in the register on that day.
            queryset = queryset.filter(pk__in=on_day.filter(status_on__isnull=False).values("pk"))
        if data.get("status"):
            queryset = queryset.filter(pk__in=on_day.filter(status_on=data["status"]).values("pk"))
        if data.get("has") or data.get("organization"):
            queryset = queryset.filter(pk__in=sorted(self.covered(data)))
        return queryset

    def covered(self, data) -> set[int]:
        """The enterprises that exist on the day in the register of the chosen organization's coverage figures
        (figures.dashboard.covered_enterprises), with a union or a party organization then as
        figures.coverage.summary counts them ("with_union", "with_party")."""
        day = data.get("day") or today()
        org = data.get("organization")
        history = History.load()
        within = covered_enterprises(history, org.pk if org else None, day)
        items = [e for e in register_on(day, within=within, history=history).enterprises if e.exists]
        if data.get("has") == UNION:
            items = [e for e in items if e.union_id]
        elif data.get("has") == PARTY:
            items = [e for e in items if e.party_org_ids]
        return {e.id for e in items}

    def form_kwargs(self):
        return {"organizations": Organization.objects.visible_to(self.request.user, PERM)}

    def extra_context(self):
        return {
            "coverage_url": reverse("enterprises:coverage"),
            "can_add": enterprise_scope(self.request.user, Perm.MASS_ORGS_CHANGE)[0],
        }

    @property
    def export_title(self):
        return _("Doanh nghiệp %(day)s") % {"day": format_vn_date(self.day)}


enterprise_list = EnterpriseList.as_view()


@login_required
def enterprise_detail(request, pk):
    require(request, PERM)
    enterprise = get_object_or_404(
        Enterprise.objects.visible_to(request.user, PERM).select_related("zone"), pk=pk
    )
    day = today()
    history = History.load()
    tree = history.tree_on(day)
    can_change = (
        Enterprise.objects.visible_to(request.user, Perm.MASS_ORGS_CHANGE).filter(pk=enterprise.pk).exists()
    )
    links = list(PartyCoverage.objects.filter(enterprise=enterprise).select_related("organization"))
    # A link is ended by a user who may change both the enterprise and the covering organization.
    endable = (
        set(
            Organization.objects.visible_to(request.user, Perm.MASS_ORGS_CHANGE)
            .filter(pk__in=[link.organization_id for link in links])
            .values_list("pk", flat=True)
        )
        if can_change
        else set()
    )
    coverage_rows = []
    for link in links:
        state = tree.states.get(link.organization_id)
        coverage_rows.append(
            {
                "link": link,
                "name": state.name if state else link.organization.name,
                "current": link.start <= day and (link.end is None or link.end > day),
                "can_end": link.end is None and link.organization_id in endable,
            }
        )
    organizations = enterprise.mass_organizations.prefetch_related("snapshots").order_by("founded_on", "id")
    candidates = candidates_working_in([enterprise.pk], day)
    people = _people_working_in(request, enterprise, day, history)
    context = {
        "enterprise": enterprise,
        "day": day,
        "countries": [Country(c).label for c in enterprise.countries],
        # Corrected changes stay in the history, marked, with their reason.
        "statuses": enterprise.status_changes.order_by("date", "id"),
        "first_status_id": enterprise.status_changes.filter(voided_at__isnull=True)
        .order_by("date", "id")
        .values_list("pk", flat=True)
        .first(),
        "workforce": enterprise.workforce.order_by("-date"),
        "party_links": coverage_rows,
        "mass_organizations": organizations,
        "party_members": party_members_working_in([enterprise.pk], day, history).get(enterprise.pk, 0),
        "candidates": None if candidates is None else candidates.get(enterprise.pk, 0),
        "ownership_label": Ownership(enterprise.ownership).label,
        **people,
        "can_change": can_change,
    }
    return render(request, "enterprises/enterprise_detail.html", context)


def _people_working_in(request, enterprise, day, history) -> dict:
    """The members and candidates counted as working in the enterprise on D (figures.coverage), by name for
    a user who may see them (members.view, candidates.view in their scope); None for the others."""
    found = {"member_list": None, "candidate_list": None}
    if has_perm(request.user, Perm.MEMBERS_VIEW):
        ids = party_member_ids_working_in(enterprise.pk, day, history)
        found["member_list"] = list(
            Member.objects.visible_to(request.user, Perm.MEMBERS_VIEW).filter(pk__in=ids)
        )
    if apps.is_installed("dangvu.development") and has_perm(request.user, Perm.CANDIDATES_VIEW):
        from dangvu.development.models import Candidate

        ids = (candidate_ids_working_in([enterprise.pk], day) or {}).get(enterprise.pk, [])
        found["candidate_list"] = list(
            Candidate.objects.visible_to(request.user, Perm.CANDIDATES_VIEW).filter(pk__in=ids)
        )
    return found
