"""Two-factor authentication: set up a TOTP device, and the second step after the password."""

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import audit
from dangvu.core.models import AuditKind

from .models import TOTPDevice
from .security import new_device, provisioning_uri, verify_code

SESSION_KEY = "dangvu_2fa_ok"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực 6 chữ số"),
        max_length=8,
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
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"/account/2fa/setup/?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if verify_code(device, form.cleaned_data["code"]):
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
    device = device or new_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if verify_code(device, form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed", "updated_at"])
            audit.record(
                AuditKind.UPDATE,
                request.user,
                after={"two_factor": "enabled"},
                acting_user=request.user,
                object_repr=f"{request.user.username}: bật xác thực hai lớp",
            )
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
