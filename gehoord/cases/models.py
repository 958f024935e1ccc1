"""The complaint file.

Personal data of the complainant and a representative live in their own
tables, so that they can be anonymised at the end of the retention period while
the complaint itself stays available for anonymous figures.

Status changes happen only through :mod:`gehoord.cases.lifecycle`; the timeline
(:class:`ComplaintEvent`) is append-only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.cases.constants import (
    WRITTEN_CHANNELS,
    AuthorisationKind,
    Channel,
    CompetentOrgan,
    ContactChannel,
    ContactPreference,
    CopyWaiverReason,
    EventKind,
    HearingParty,
    HearingResponse,
    HearingSkipReason,
    Judgement,
    NormCluster,
    NotHandledGround,
    Outcome,
    RetentionResult,
    Route,
    Rung,
    Status,
)
from gehoord.core.append_only import AppendOnlyModel


class ConductNorm(models.Model):
    """A norm of the Nationale ombudsman's behoorlijkheidswijzer."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    cluster = models.CharField(_("cluster"), max_length=20, choices=NormCluster.choices)
    name = models.CharField(_("naam"), max_length=120)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("behoorlijkheidsnorm")
        verbose_name_plural = _("behoorlijkheidsnormen")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Complainant(models.Model):
    """The person who complains. Personal data only; erased by anonymisation."""

    first_name = models.CharField(_("voornaam of voorletters"), max_length=120, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=120)
    street_address = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("woonplaats"), max_length=120, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("geanonimiseerd"), null=True, blank=True)

    class Meta:
        verbose_name = _("klager")
        verbose_name_plural = _("klagers")
        indexes = [models.Index(fields=["last_name"]), models.Index(fields=["email"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def postal_address(self) -> str:
        return "\n".join(
            part for part in (self.street_address, f"{self.postal_code}  {self.city}".strip()) if part
        )


class Representative(models.Model):
    """Someone who complains on the complainant's behalf (gemachtigde, Awb 9:1)."""

    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    postal_address = models.TextField(_("postadres"), blank=True)
    # Awb 2:1 lid 2: the organ may ask for a written authorisation. Once one is
    # recorded, letters go to the representative (with a copy to the
    # complainant when asked for).
    authorisation_kind = models.CharField(
        _("machtiging"), max_length=20, choices=AuthorisationKind.choices, blank=True
    )
    authorised_on = models.DateField(_("machtiging gedateerd"), null=True, blank=True)
    copy_to_complainant = models.BooleanField(_("kopie van brieven aan de klager"), default=False)
    anonymised_at = models.DateTimeField(_("geanonimiseerd"), null=True, blank=True)

    class Meta:
        verbose_name = _("gemachtigde")
        verbose_name_plural = _("gemachtigden")

    def __str__(self) -> str:
        return self.name

    @property
    def is_authorised(self) -> bool:
        """Awb 2:1: an authorisation (document or statement, with its date) is on file."""
        return bool(self.authorisation_kind and self.authorised_on)


class ReferenceCounter(models.Model):
    """The last reference number handed out per year; see :mod:`gehoord.cases.references`."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Complaint(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=16, unique=True, editable=False)
    reference_year = models.PositiveSmallIntegerField(editable=False)
    reference_number = models.PositiveIntegerField(editable=False)
    public_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    complainant = models.ForeignKey(
        Complainant, verbose_name=_("klager"), on_delete=models.PROTECT, related_name="complaints"
    )
    representative = models.ForeignKey(
        Representative,
        verbose_name=_("gemachtigde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )

    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("ontvangen op"))
    # The inbox's subject line: at registration a short title from the description's first line;
    # staff may reword it. Never sent to the complainant.
    title = models.CharField(_("onderwerp"), max_length=120, blank=True)
    description = models.TextField(_("omschrijving van de gedraging"))
    conduct_date = models.DateField(_("datum van de gedraging"), null=True, blank=True)
    involved_description = models.CharField(
        _("over wie of welke afdeling (in de woorden van de klager)"), max_length=300, blank=True
    )
    departments = models.ManyToManyField(
        "organisation.Department", verbose_name=_("afdelingen"), blank=True, related_name="complaints"
    )
    employees_involved = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("betrokken medewerkers (beklaagden)"),
        blank=True,
        related_name="complaints_about",
    )
    # Awb 9:8 lid 1 d: a complaint about failing to decide in time is handled even
    # where a beroep lies open; c and d cannot be its ground.
    about_failure_to_decide = models.BooleanField(_("gaat over niet tijdig beslissen"), default=False)
    # Awb 9:1: no name or way to reach the person. Not owed the formal route (9:4),
    # but looked into and learned from.
    anonymous = models.BooleanField(_("anoniem"), default=False)
    competent_organ = models.CharField(
        _("bestuursorgaan"), max_length=10, choices=CompetentOrgan.choices, default=CompetentOrgan.COLLEGE
    )
    desired_outcome = models.TextField(_("wat de klager graag wil"), blank=True)
    preferred_contact = models.CharField(
        _("voorkeur voor contact"), max_length=20, choices=ContactPreference.choices, blank=True
    )
    contact_times = models.CharField(_("bereikbaar op"), max_length=200, blank=True)

    route = models.CharField(_("route"), max_length=10, choices=Route.choices, default=Route.INFORMAL)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    outcome = models.CharField(_("uitkomst"), max_length=24, choices=Outcome.choices, blank=True)
    resolution_rung = models.CharField(
        _("opgelost op trede"), max_length=10, choices=Rung.choices, blank=True
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_complaints",
    )

    # Terms, computed by gehoord.clock.terms and stored for filtering and sorting.
    # Awb 9:11 lid 1: 10 weeks only when the advisory committee (afdeling 9.1.3) handles this complaint.
    committee = models.BooleanField(_("behandeld door de adviescommissie"), default=False)
    acknowledgment_due = models.DateField(_("ontvangstbevestiging uiterlijk"))
    first_contact_due = models.DateField(_("persoonlijk contact uiterlijk"))
    decision_due = models.DateField(_("beslissing uiterlijk"))
    not_handled_notice_due = models.DateField(_("bericht niet-behandelen uiterlijk"))
    postponement_weeks = models.PositiveSmallIntegerField(_("verdaging (weken)"), default=0)
    postponement_reason = models.TextField(_("reden verdaging"), blank=True)
    # Awb 9:11 lid 3: further delay only as far as the complainant consented in writing.
    consented_decision_due = models.DateField(
        _("beslissing uiterlijk (met instemming klager)"), null=True, blank=True
    )
    consent_given_on = models.DateField(_("instemming gegeven op"), null=True, blank=True)
    consent_how = models.CharField(_("instemming gegeven via"), max_length=200, blank=True)

    acknowledged_at = models.DateTimeField(_("ontvangst bevestigd op"), null=True, blank=True)
    first_contact_at = models.DateTimeField(_("eerste contact op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    # Informal route (Awb 9:5).
    informal_solution = models.TextField(_("afgesproken oplossing"), blank=True)
    satisfaction_confirmed_on = models.DateField(_("klager tevreden verklaard op"), null=True, blank=True)
    satisfaction_how = models.CharField(_("tevredenheid gebleken uit"), max_length=200, blank=True)
    # The confirmation letter offers formal handling until this day.
    formal_request_due = models.DateField(_("formele behandeling te vragen tot"), null=True, blank=True)
    formal_requested_on = models.DateField(_("formele behandeling gevraagd op"), null=True, blank=True)
    # Formal route. The hearings themselves are Hearing rows (Awb 9:10 lid 1 and 3).
    hearing_skip_reason = models.CharField(
        _("reden om de klager niet te horen"), max_length=24, choices=HearingSkipReason.choices, blank=True
    )
    hearing_skip_explanation = models.TextField(_("motivering niet horen"), blank=True)
    findings = models.TextField(_("bevindingen"), blank=True)
    conclusions = models.TextField(_("conclusies"), blank=True)
    signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ondertekenaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_complaints",
    )
    # Ending without a judgement.
    not_handled_ground = models.CharField(
        _("grond niet-behandelen"), max_length=30, choices=NotHandledGround.choices, blank=True
    )
    referred_to = models.CharField(_("doorverwezen naar"), max_length=200, blank=True)
    end_reason = models.TextField(_("toelichting"), blank=True)
    ombudsman_on = models.DateField(_("naar de ombudsman op"), null=True, blank=True)
    ombudsman_ended_on = models.DateField(_("behandeling ombudsman beëindigd op"), null=True, blank=True)
    # What was forwarded internally because it was not a complaint (Awb 2:3).
    forwarded_kind = models.CharField(_("doorgestuurd als"), max_length=20, blank=True)
    retention_result = models.CharField(
        _("resultaat (selectielijst)"), max_length=12, choices=RetentionResult.choices, blank=True
    )
    # One way in (gehoord.intake.pipeline): the normalised text's digest finds a resubmission of the
    # same complaint by the same person; a near-duplicate from another channel is pointed out, never merged.
    text_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("mogelijk dubbel met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="possible_duplicates",
    )
    # Set when the complainant adds to the file (status link, reply e-mail, later upload); cleared
    # when the handler opens the file. The inbox marks it "nieuwe informatie" meanwhile.
    new_information_at = models.DateTimeField(_("nieuwe informatie sinds"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_year", "reference_number"], name="complaint_reference_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(postponement_weeks__lte=4), name="complaint_postponement_max_4"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "decision_due"]),
            models.Index(fields=["handler", "status"]),
            models.Index(fields=["received_at"]),
            models.Index(fields=["channel", "received_at"]),
            # The reports count what was closed or decided in a period.
            models.Index(fields=["closed_at"]),
            models.Index(fields=["decided_at"]),
            models.Index(fields=["ombudsman_on"]),
            # The inbox and API search find a complaint by its number alone ("00012", any year).
            models.Index(fields=["reference_number"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def first_contact_met(self) -> bool | None:
        """Whether the first personal contact was on time; None while there is none and time remains."""
        if self.first_contact_at is not None:
            return timezone.localdate(self.first_contact_at) <= self.first_contact_due
        return False if timezone.localdate() > self.first_contact_due else None

    @property
    def is_written(self) -> bool:
        """Awb 9:4: the full procedure is owed to a written complaint."""
        return self.channel in WRITTEN_CHANNELS

    @property
    def not_handled_notice_late(self) -> bool:
        """Awb 9:8 lid 3: the notice that it is not handled went out after the 4 weeks."""
        return (
            self.status == Status.NOT_HANDLED
            and self.closed_at is not None
            and timezone.localdate(self.closed_at) > self.not_handled_notice_due
        )


class Contact(models.Model):
    """One contact with the complainant: the fields of Open Klant's ``klantcontact``.

    kanaal = channel, onderwerp = subject, inhoud = content, vertrouwelijk =
    confidential, indicatieContactGelukt = successful, plaatsgevondenOp =
    occurred_at, taal = language; the employee is who had the contact.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="contacts")
    channel = models.CharField(_("kanaal"), max_length=20, choices=ContactChannel.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    content = models.TextField(_("inhoud"), blank=True)
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)
    successful = models.BooleanField(_("contact gelukt"), default=True)
    occurred_at = models.DateTimeField(_("plaatsgevonden op"))
    language = models.CharField(_("taal"), max_length=3, default="nld")
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("medewerker"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.occurred_at:%Y-%m-%d %H:%M} {self.subject}"


class ComplaintPart(models.Model):
    """One part of a complaint, judged on its own (Awb 9:12)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField(_("nummer"), default=1)
    description = models.TextField(_("klachtonderdeel"))
    judgement = models.CharField(_("oordeel"), max_length=20, choices=Judgement.choices, blank=True)
    reasoning = models.TextField(_("motivering"), blank=True)
    norms = models.ManyToManyField(
        ConductNorm, verbose_name=_("geschonden behoorlijkheidsnormen"), blank=True
    )

    class Meta:
        verbose_name = _("klachtonderdeel")
        verbose_name_plural = _("klachtonderdelen")
        ordering = ["complaint", "position"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "position"], name="complaint_part_position")
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference} #{self.position}"


class PartRevision(models.Model):
    """One change of a complaint part before the decision (added, reworded or split off), with what it said before.

    The part's current text is on :class:`ComplaintPart`; these rows are its history, newest last.
    """

    class Kind(models.TextChoices):
        ADDED = "added", _("toegevoegd")
        REWORDED = "reworded", _("anders verwoord")
        SPLIT = "split", _("gesplitst")

    part = models.ForeignKey(ComplaintPart, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(_("soort wijziging"), max_length=10, choices=Kind.choices)
    previous_description = models.TextField(_("tekst ervoor"), blank=True)
    at = models.DateTimeField(_("op"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("wijziging van een klachtonderdeel")
        verbose_name_plural = _("wijzigingen van klachtonderdelen")
        ordering = ["part", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.part} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class FileOpened(models.Model):
    """When an employee last opened a complaint file: the inbox marks files "not yet opened by me"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(_("laatst geopend"), default=timezone.now)

    class Meta:
        verbose_name = _("geopend dossier")
        verbose_name_plural = _("geopende dossiers")
        constraints = [
            models.UniqueConstraint(fields=["user", "complaint"], name="file_opened_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}/{self.user_id} {self.opened_at:%Y-%m-%d %H:%M}"


class Hearing(models.Model):
    """One party's hearing (Awb 9:10): the invitation with its answer term, the answer and the report.

    Lid 1: the complainant and the person complained about are both offered a
    hearing; lid 3: a written report is made of it.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="hearings")
    party = models.CharField(_("partij"), max_length=12, choices=HearingParty.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"))
    respond_by = models.DateField(_("reageren uiterlijk"))
    hearing_on = models.DateField(_("datum horen"), null=True, blank=True)
    hearing_time = models.CharField(_("tijd"), max_length=5, blank=True)
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    response = models.CharField(_("antwoord"), max_length=10, choices=HearingResponse.choices, blank=True)
    response_on = models.DateField(_("geantwoord op"), null=True, blank=True)
    response_how = models.CharField(_("geantwoord via"), max_length=200, blank=True)
    held_on = models.DateField(_("gehoord op"), null=True, blank=True)
    # Invited and wanting to be heard, but did not come: offered a hearing all the same (9:10 lid 1),
    # and no letter may say they were heard.
    attended = models.BooleanField(_("verschenen"), default=True)
    report = models.TextField(_("hoorverslag"), blank=True)

    class Meta:
        verbose_name = _("hoorzitting")
        verbose_name_plural = _("hoorzittingen")
        ordering = ["complaint", "party", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint"],
                condition=models.Q(party=HearingParty.COMPLAINANT),
                name="hearing_one_per_complainant",
            ),
            models.UniqueConstraint(
                fields=["complaint", "employee"],
                condition=models.Q(party=HearingParty.EMPLOYEE),
                name="hearing_one_per_employee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.get_party_display()}"

    @property
    def is_reported(self) -> bool:
        return bool(self.report.strip())


class CopyWaiver(models.Model):
    """Awb 9:9: why an employee complained about got no copy by e-mail (or why there is nobody to copy)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="copy_waivers")
    # None: the reason covers the whole complaint (no identifiable person).
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reden"), max_length=20, choices=CopyWaiverReason.choices)
    explanation = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("reden geen kopie (Awb 9:9)")
        verbose_name_plural = _("redenen geen kopie (Awb 9:9)")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.get_reason_display()}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is random: the original file name is personal data and
    # must never make a URL guessable.
    return f"attachments/{instance.complaint.reference_year}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("bestand"), upload_to=attachment_path)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=120)
    size = models.PositiveBigIntegerField(_("grootte"))
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ComplaintEvent(AppendOnlyModel):
    """One entry on a complaint's timeline. Never changed, never deleted."""

    append_only_message = "The complaint timeline is append-only: events cannot be changed or deleted."

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    transition = models.CharField(max_length=40, blank=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    details = models.TextField(_("toelichting"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        # Related managers and internal lookups use the append-only manager too.
        base_manager_name = "objects"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["complaint", "at"])]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.at:%Y-%m-%d %H:%M} {self.summary}"
