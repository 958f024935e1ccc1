"""The second step of signing in: set up or enter a TOTP code."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.accounts import two_factor
from gehoord.accounts.forms import TokenForm

TOO_FAST = gettext_lazy(
    "Na een verkeerde code moet u even wachten. Probeer het over een paar seconden opnieuw."
)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/medewerkers/klachten/"


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:setup")
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
        if all(two_factor.throttled(device) for device in devices):
            form.add_error("token", TOO_FAST)
        elif two_factor.verify(request, request.user, form.cleaned_data["token"]):
            return redirect(_next(request))
        else:
            form.add_error(
                "token", _("Deze code klopt niet of is verlopen. Probeer de nieuwste code uit de app.")
            )
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:verify")
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if two_factor.throttled(device):
            form.add_error("token", TOO_FAST)
        elif two_factor.confirm_device(request, device, form.cleaned_data["token"]):
            return redirect(_next(request))
        else:
            form.add_error(
                "token",
                _(
                    "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer de nieuwste code."
                ),
            )
    context = {
        "form": form,
        "next": _next(request),
        # SVG made by qrcode from our own URL.
        "qr_svg": mark_safe(two_factor.qr_code_svg(device)),  # noqa: S308  # nosec B308 B703
        "secret": two_factor.secret_for_manual_entry(device),
    }
    return render(request, "accounts/setup.html", context, status=400 if form.errors else 200)
