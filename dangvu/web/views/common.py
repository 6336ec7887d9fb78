"""What every page shares: the date a page is read on, permission checks, and the form flow
(validate → confirm a destructive action → call the service → show its Vietnamese errors, nothing written)."""

import datetime
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import format_vn_date, today
from dangvu.organizations.models import Organization

from ..forms.fields import organization_label
from ..forms.organizations import DayForm


def read_day(request) -> tuple[datetime.date, DayForm]:
    """The `day` of the query string (dd/mm/yyyy), today when absent or invalid (the form shows the error)."""
    data = request.GET.copy()
    if not data.get("day"):
        data["day"] = format_vn_date(today())
    form = DayForm(data)
    day = form.cleaned_data["day"] if form.is_valid() else today()
    return day, form


def require(request, perm: str):
    if not has_perm(request.user, perm):
        raise PermissionDenied


def is_htmx(request) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def add_service_errors(forms_: list[forms.Form], error: ValidationError, fallback: forms.Form):
    """Show a service's ValidationError: a message about a field next to that field (in whichever form has
    it), the others at the top of `fallback`."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            owner = next((form for form in forms_ if field in form.fields), None)
            if owner is not None:
                owner.add_error(field, errors)
            else:
                fallback.add_error(None, errors)
    else:
        fallback.add_error(None, error.messages)


def shown_value(field: forms.Field, value) -> str:
    """A cleaned value as the confirmation page repeats it to the user."""
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.date):
        return format_vn_date(value)
    if isinstance(value, Organization):
        return organization_label(value)
    choices = getattr(field, "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    return str(value)


def summary(*forms_: forms.Form) -> list[tuple[str, str]]:
    rows = []
    for form in forms_:
        for name, field in form.fields.items():
            if name in form.cleaned_data:
                rows.append((str(field.label), shown_value(field, form.cleaned_data[name])))
    return rows


def posted_pairs(request) -> list[tuple[str, str]]:
    """The submitted fields, to post them again from the confirmation page."""
    skip = {"csrfmiddlewaretoken", "confirmed", "back"}
    return [(key, value) for key, values in request.POST.lists() if key not in skip for value in values]


def form_flow(
    request,
    *,
    forms_: list[forms.Form],
    template: str,
    context: dict,
    perform: Callable[[], str],
    confirm: str | None = None,
    success: str = "",
    error_form: forms.Form | None = None,
):
    """GET shows the forms; POST validates them, asks for confirmation when `confirm` is given, then calls
    `perform()` (a service call that returns the URL to go to). A ValidationError from the service is shown
    on the form; the service is atomic, so nothing is written."""
    context = {**context, "forms": forms_}
    if request.method != "POST":
        return render(request, template, context)
    valid = all(form.is_valid() for form in forms_)
    if valid and confirm and request.POST.get("confirmed") != "1" and request.POST.get("back") != "1":
        return render(
            request,
            "web/confirm.html",
            {
                **context,
                "confirm_text": confirm,
                "summary": summary(*forms_),
                "pairs": posted_pairs(request),
            },
        )
    if valid and request.POST.get("back") != "1":
        try:
            url = perform()
        except ValidationError as error:
            add_service_errors(forms_, error, error_form or forms_[-1])
        else:
            if success:
                messages.success(request, success)
            return redirect(url)
    return render(request, template, context, status=200 if request.POST.get("back") == "1" else 422)
