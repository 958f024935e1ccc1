"""Webhooks are settings of the functional admin: where to send which events, and the log of what went."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gehoord.webhooks import services
from gehoord.webhooks.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint
from gehoord.webhooks.signing import new_secret


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("adres"),
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        label=_("gebeurtenissen"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Niets aangevinkt: alle gebeurtenissen."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "is_active"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ("name", "url", "is_active", "created_at")
    readonly_fields = ("secret",)
    actions = ["rotate_secret"]

    @admin.action(description=_("Nieuw geheim maken (de ontvanger moet het overnemen)"))
    def rotate_secret(self, request, queryset) -> None:
        for endpoint in queryset:
            endpoint.secret = new_secret()
            endpoint.save(update_fields=["secret"])
        self.message_user(request, _("Nieuw geheim gemaakt; het staat op de pagina van de webhook."))


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
    )
    list_filter = ("status", "event_type", "endpoint")
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields]
    actions = ["redeliver"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Opnieuw afleveren"), permissions=["view"])
    def redeliver(self, request, queryset) -> None:
        deliveries = list(queryset.exclude(status=DeliveryStatus.DELIVERED))
        for delivery in deliveries:
            services.redeliver(delivery)
        self.message_user(
            request,
            ngettext(
                "%(count)d bericht wordt opnieuw afgeleverd.",
                "%(count)d berichten worden opnieuw afgeleverd.",
                len(deliveries),
            )
            % {"count": len(deliveries)},
            level=messages.SUCCESS,
        )
