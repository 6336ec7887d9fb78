"""Two-factor authentication: set up a TOTP device, and the second step after the password. Registering,
confirming and passing are actions of `accounts.services` (audited)."""

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..models import TOTPDevice
from ..security import provisioning_uri

SESSION_KEY = "dangvu_2fa_ok"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực 6 chữ số"),
        max_length=8,
        error_messages={"required": gettext_lazy("Nhập mã 6 chữ số.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request):
    target = request.GET.get("next") or request.POST.get("next") or "/"
    return target if target.startswith("/") and not target.startswith("//") else "/"


@login_required
def two_factor(request):
    """Second step: enter the code of the confirmed device; without one, set it up first."""
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"/account/2fa/setup/?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.pass_second_factor(request.user, form.cleaned_data["code"]):
            request.session[SESSION_KEY] = True
            request.session.cycle_key()
            return redirect(_next(request))
        form.add_error(
            "code", _("Mã không đúng hoặc đã hết hạn: nhập mã đang hiển thị trên ứng dụng xác thực.")
        )
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next(request)})


@login_required
def two_factor_setup(request):
    device = TOTPDevice.objects.filter(user=request.user).first()
    if device is not None and device.confirmed:
        # Already set up: the second step is the way in (a new device is an administrator's reset).
        return redirect(f"/account/2fa/?next={_next(request)}")
    if device is None:
        try:
            device = services.start_two_factor(request.user, acting_user=request.user)
        except ValidationError:
            return redirect(f"/account/2fa/?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_two_factor(device, form.cleaned_data["code"], acting_user=request.user):
            request.session[SESSION_KEY] = True
            return redirect(_next(request))
        form.add_error("code", _("Mã không đúng: quét lại mã QR hoặc nhập khóa, rồi nhập mã mới."))
    uri = provisioning_uri(device)
    qr_svg = segno.make(uri, error="m").svg_inline(scale=4)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": device.secret,
            "qr_svg": qr_svg,
            "next": _next(request),
        },
    )
