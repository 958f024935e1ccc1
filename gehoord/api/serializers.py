"""What the API reads and writes. Field names are English; values and messages are the application's."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gehoord.cases.constants import ContactChannel, ContactPreference
from gehoord.cases.models import (
    Complainant,
    Complaint,
    ComplaintEvent,
    ComplaintPart,
    Hearing,
    Representative,
)
from gehoord.intake import reachability
from gehoord.organisation.models import Department


class ComplaintPartSerializer(serializers.ModelSerializer):
    class Meta:
        model = ComplaintPart
        fields = ["position", "description", "judgement", "reasoning"]


class HearingSerializer(serializers.ModelSerializer):
    """One party's hearing (Awb 9:10): invitation, answer term, answer and whether a report is on file."""

    employee = serializers.SerializerMethodField()
    reported = serializers.BooleanField(source="is_reported", read_only=True)

    class Meta:
        model = Hearing
        fields = [
            "party", "employee", "invited_at", "respond_by", "hearing_on", "hearing_time", "location",
            "response", "response_on", "held_on", "reported",
        ]  # fmt: skip

    def get_employee(self, hearing: Hearing) -> str | None:
        employee = hearing.employee
        return (employee.get_full_name() or employee.username) if employee else None


class RepresentativeSerializer(serializers.ModelSerializer):
    """The gemachtigde's authorisation state (Awb 2:1), without their contact details."""

    authorised = serializers.BooleanField(source="is_authorised", read_only=True)

    class Meta:
        model = Representative
        fields = ["authorised", "authorisation_kind", "authorised_on", "copy_to_complainant"]


class ComplaintSummarySerializer(serializers.ModelSerializer):
    departments = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "reference", "channel", "received_at", "status", "route", "outcome", "departments",
            "first_contact_due", "decision_due", "closed_at",
        ]  # fmt: skip


class ComplaintSerializer(ComplaintSummarySerializer):
    parts = ComplaintPartSerializer(many=True, read_only=True)
    handler = serializers.SerializerMethodField()
    hearings = HearingSerializer(many=True, read_only=True)
    representative = RepresentativeSerializer(read_only=True, allow_null=True)

    class Meta(ComplaintSummarySerializer.Meta):
        # Output only (no request component in the schema): the law's facts are changed only
        # through the steps and the file's actions. (Marking them read_only would drop the
        # empty value from their enums in the schema.)
        fields = [
            *ComplaintSummarySerializer.Meta.fields,
            "description", "conduct_date", "involved_description", "desired_outcome", "preferred_contact",
            "resolution_rung", "acknowledged_at", "first_contact_at", "decided_at", "postponement_weeks",
            "handler", "parts",
            # Awb 9:1, 9:4, 9:8
            "anonymous", "competent_organ", "about_failure_to_decide", "not_handled_ground",
            "not_handled_notice_due", "forwarded_kind",
            # Awb 9:11
            "committee", "consented_decision_due", "consent_given_on",
            # Awb 9:5
            "satisfaction_confirmed_on", "formal_request_due", "formal_requested_on",
            # Awb 9:10
            "hearing_skip_reason", "hearings",
            # Awb 2:1, 9:17 ff., Selectielijst 2020
            "representative", "ombudsman_on", "ombudsman_ended_on", "retention_result",
        ]  # fmt: skip

    def get_handler(self, complaint: Complaint) -> str | None:
        handler = complaint.handler
        return (handler.get_full_name() or handler.username) if handler else None


class LengthAsSentMixin:
    """The maximum length is checked on the text as sent, before DRF trims the whitespace around it.

    The schema's maxLength counts what is sent: 300 characters and a trailing "\\x85" (which
    str.strip() removes) are 301, too long, as the schema says.
    """

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().run_validation(data)


class EmailAddressField(LengthAsSentMixin, serializers.EmailField):
    """An e-mail address, at most as long as the database column (254) and the schema say."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", Complainant._meta.get_field("email").max_length)
        super().__init__(**kwargs)


class TextField(LengthAsSentMixin, serializers.CharField):
    """Text from a connected system: a JSON string only, not a number or a boolean DRF would turn into one."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "description": "The code of a department; empty or null when the form did not ask.",
    }
)
class DepartmentCodeField(serializers.SlugRelatedField):
    """A department by its code. Like DRF, an empty string counts as none: web forms send that for an empty choice."""

    def to_internal_value(self, data):
        # No code holds a NUL character, and PostgreSQL refuses one in a query: a server error otherwise.
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\0"))
        return super().to_internal_value(data)


class ComplaintIntakeSerializer(serializers.Serializer):
    """A new complaint from a connected system (e.g. an Open Formulieren form): what Awb 9:4 asks."""

    first_name = TextField(max_length=120, required=False, allow_blank=True)
    last_name = TextField(max_length=120, error_messages={"required": _("Vul de achternaam in.")})
    email = EmailAddressField(required=False, allow_blank=True)
    phone = TextField(max_length=40, required=False, allow_blank=True)
    street_address = TextField(max_length=200, required=False, allow_blank=True)
    postal_code = TextField(max_length=10, required=False, allow_blank=True)
    city = TextField(max_length=120, required=False, allow_blank=True)
    description = TextField(max_length=10_000, error_messages={"required": _("Beschrijf wat er is gebeurd.")})
    conduct_date = serializers.DateField(required=False, allow_null=True)
    involved_description = TextField(max_length=300, required=False, allow_blank=True)
    department = DepartmentCodeField(
        slug_field="code", queryset=Department.objects.filter(is_active=True), required=False, allow_null=True
    )
    desired_outcome = TextField(max_length=5_000, required=False, allow_blank=True)
    preferred_contact = serializers.ChoiceField(
        choices=ContactPreference.choices, required=False, allow_blank=True
    )
    contact_times = TextField(max_length=200, required=False, allow_blank=True)

    def validate_description(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError(_("Beschrijf wat er is gebeurd."))
        return value

    def validate(self, data: dict) -> dict:
        # The one rule of every channel (Awb 9:4): a name and one way to reach the person.
        problems = reachability.problems(data)
        if problems:
            raise serializers.ValidationError({field: [message] for field, message in problems.items()})
        if data.get("postal_code"):
            data["postal_code"] = reachability.normalised_postal_code(data["postal_code"])
        return data


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = ComplaintEvent
        fields = ["at", "kind", "summary", "details", "from_status", "to_status", "transition", "actor"]

    def get_actor(self, event: ComplaintEvent) -> str | None:
        return (event.actor.get_full_name() or event.actor.username) if event.actor else None


class NoteSerializer(serializers.Serializer):
    text = TextField(max_length=10_000)


class ContactSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    subject = TextField(max_length=200)
    content = TextField(required=False, allow_blank=True, max_length=10_000)
    occurred_at = serializers.DateTimeField(required=False)
    confidential = serializers.BooleanField(required=False, default=False)
    successful = serializers.BooleanField(required=False, default=True)


def _step_parameters() -> str:
    """The parameters of each step, for the schema: read from the steps' own form, so they cannot drift."""
    from gehoord.cases.forms import TransitionForm
    from gehoord.cases.lifecycle import TRANSITIONS

    return "; ".join(f"{name}: {', '.join(TransitionForm.fields_for(name))}" for name in TRANSITIONS)


class TransitionSerializer(serializers.Serializer):
    name = TextField(max_length=40, help_text=_("De stap, bijvoorbeeld start_triage of decide."))
    # Text values, as a form posts them: the step's form reads them (a number or a list was a server error).
    params = serializers.DictField(
        child=TextField(allow_blank=True, max_length=10_000),
        required=False,
        default=dict,
        help_text=lazy(
            lambda: (
                _(
                    "De gegevens die de stap vraagt, als tekst. Een datum als jjjj-mm-dd, een tijd als uu:mm, ja/nee "
                    "als true of false (weggelaten: de standaard). Per stap: %(steps)s."
                )
                % {"steps": _step_parameters()}
            ),
            str,
        )(),
    )
