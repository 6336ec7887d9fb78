"""The audit trail in the interface (`audit.view` over the whole installation): the filtered list with its
export, one entry with its before and after values side by side, and the check of the hash chain."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render

from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry

from ..lists import AuditList, format_moment, object_type_label
from ..permissions import Perm
from ..scoping import covers_installation
from ..scoping import visible_audit_entries as entries_for
from .common import require

audit_list = AuditList.as_view()
MISSING = object()


def _require_auditor(request):
    require(request, Perm.AUDIT_VIEW)
    if not covers_installation(request.user, Perm.AUDIT_VIEW):
        raise PermissionDenied


def _shown(value) -> str:
    if value is MISSING:
        return "—"
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def diff_rows(before, after) -> list[dict]:
    """One row per field of before/after (in the order they come, before's first): the two values as text
    and whether the field changed. A value that is not a JSON object is one row."""
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before is None and after is None:
            return []
        return [{"field": "", "before": _shown(before), "after": _shown(after), "changed": before != after}]
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    names = list(before) + [name for name in after if name not in before]
    rows = []
    for name in names:
        old, new = before.get(name, MISSING), after.get(name, MISSING)
        rows.append({"field": name, "before": _shown(old), "after": _shown(new), "changed": old != new})
    return rows


@login_required
def audit_detail(request, pk):
    _require_auditor(request)
    entry = get_object_or_404(entries_for(request.user), pk=pk)
    rows = diff_rows(entry.before, entry.after)
    return render(
        request,
        "accounts/audit/detail.html",
        {
            "entry": entry,
            "at": format_moment(entry.at),
            "object_type": object_type_label(entry.object_type),
            "rows": rows,
            "changed": sum(1 for row in rows if row["changed"]),
            "has_before": entry.before is not None,
            "previous": entries_for(request.user).filter(pk__lt=entry.pk).order_by("-pk").first(),
            "next": entries_for(request.user).filter(pk__gt=entry.pk).order_by("pk").first(),
        },
    )


@login_required
def audit_verify(request):
    """Check the whole hash chain (`dangvu audit verify`): intact, or the first broken entry."""
    _require_auditor(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    broken = verify_chain()
    context = {
        "broken": broken,
        "broken_at": format_moment(broken.at) if broken else "",
        "total": AuditEntry.objects.count(),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "accounts/audit/_verify.html", context)
    return render(request, "accounts/audit/verify.html", context)
