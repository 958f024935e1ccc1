"""The second step of signing in (set up or enter a TOTP code), and the coordinator's view of the waits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.accounts import two_factor
from gehoord.accounts.access import coordinator_required
from gehoord.accounts.forms import TokenForm


def _too_fast(devices) -> str:
    seconds = min(two_factor.seconds_to_wait(device) for device in devices)
    return ngettext(
        "Na een verkeerde code moet u even wachten. Probeer het over %(seconds)d seconde opnieuw, "
        "of vraag de klachtencoördinator de wachttijd op te heffen.",
        "Na een verkeerde code moet u even wachten. Probeer het over %(seconds)d seconden opnieuw, "
        "of vraag de klachtencoördinator de wachttijd op te heffen.",
        seconds,
    ) % {"seconds": seconds}


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
        devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        if all(two_factor.throttled(device) for device in devices):
            form.add_error("token", _too_fast(devices))
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
            form.add_error("token", _too_fast([device]))
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


@coordinator_required
@require_GET
def waits(request: HttpRequest) -> HttpResponse:
    """Employees whose authenticator had wrong codes: the coordinator can let them try again at once."""
    devices = [(device, two_factor.seconds_to_wait(device)) for device in two_factor.waiting_devices()]
    return render(request, "accounts/waits.html", {"devices": devices})


@coordinator_required
@require_POST
def lift_wait(request: HttpRequest, pk: int) -> HttpResponse:
    device = get_object_or_404(two_factor.waiting_devices(), pk=pk)
    two_factor.lift_wait(request, device)
    messages.success(
        request,
        _("%(name)s kan meteen weer een code invullen.")
        % {"name": device.user.get_full_name() or device.user},
    )
    return redirect("employees:waits")
