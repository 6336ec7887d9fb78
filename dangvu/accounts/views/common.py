"""What the administration pages share: permission checks, and the flow of a form or an action that asks for
confirmation before calling its service (whose ValidationError is shown, nothing written)."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from dangvu.web.views.common import add_service_errors, posted_pairs

from ..scoping import has_perm


def require(request, perm: str):
    if not has_perm(request.user, perm):
        raise PermissionDenied


def no_store(response: HttpResponse) -> HttpResponse:
    """A page that shows a secret once (a password, an API token) is not kept by the browser."""
    response["Cache-Control"] = "no-store"
    return response


def confirmed_flow(
    request,
    *,
    template: str,
    context: dict,
    perform: Callable[[], str | HttpResponse],
    form: forms.Form | None = None,
    confirm: str | None = None,
    summary: Callable[[], list[tuple[str, str]]] | None = None,
    success: str = "",
):
    """GET shows the form (or, without a form, the confirmation of the action); POST validates it, asks for
    confirmation when `confirm` is given, then calls `perform()`, which returns the URL to go to or a
    response of its own (a secret shown once). A ValidationError from the service is shown on the page."""
    form = form if form is not None else forms.Form(request.POST or None)
    context = {**context, "form": form, "confirm_text": confirm}
    if request.method != "POST":
        return render(request, template, context)
    valid = form.is_valid()
    if valid and confirm and request.POST.get("confirmed") != "1":
        return render(
            request,
            "accounts/confirm.html",
            {**context, "summary": summary() if summary else [], "pairs": posted_pairs(request)},
        )
    if valid:
        try:
            result = perform()
        except ValidationError as error:
            add_service_errors([form], error, form)
        else:
            if isinstance(result, HttpResponse):
                return result
            if success:
                messages.success(request, success)
            return redirect(result)
    return render(request, template, context, status=422)
