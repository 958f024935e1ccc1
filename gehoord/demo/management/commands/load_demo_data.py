"""Load a realistic demo municipality: staff per role and about 300 complaints over 18 months.

Idempotent: staff accounts are created once, complaints only when there are none.
Every complaint is walked through the real services and lifecycle, so its
timeline, terms and outcome are what the application itself would produce.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases import lifecycle, services
from gehoord.cases.constants import (
    FOUNDED_JUDGEMENTS,
    AuthorisationKind,
    Channel,
    ContactPreference,
    CopyWaiverReason,
    HearingParty,
    HearingResponse,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Outcome,
    RetentionResult,
    Rung,
    Status,
)
from gehoord.cases.models import Complainant, Complaint, ConductNorm, Hearing, Representative
from gehoord.clock.selectors import municipal_calendar
from gehoord.clock.terms import MAX_POSTPONEMENT_WEEKS
from gehoord.core.errors import GuardFailed
from gehoord.core.names import split_display_name
from gehoord.correspondence import copies
from gehoord.demo import scenarios
from gehoord.intake.pipeline import NewComplaint, take_in
from gehoord.learning.services import record_learning_review
from gehoord.organisation.constants import DocumentKind
from gehoord.organisation.models import Department, ForwardingDestination, Municipality

# The loggers that write a line per task run in-process (Celery without a broker), and the broker
# library's notice that the in-memory broker has no host name: noise while the demo loads.
QUIET_LOGGERS = {"celery": logging.WARNING, "kombu": logging.ERROR}
# The file-based mail backend puts this line after every message.
MAIL_SEPARATOR = "-" * 79


@contextmanager
def _quiet_loggers():
    levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    for name, level in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(level)
    try:
        yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def _mail_files() -> set[Path]:
    """The files of the file-based mail backend (development), or none with another backend."""
    if not settings.EMAIL_BACKEND.endswith(".filebased.EmailBackend"):
        return set()
    folder = Path(settings.EMAIL_FILE_PATH)
    return set(folder.glob("*.log")) if folder.is_dir() else set()


def _messages_in(files: set[Path]) -> int:
    return sum(
        line == MAIL_SEPARATOR
        for file in files
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines()
    )


# Published demo logins, printed by `make run`.
DEMO_PASSWORD = "gehoord-demo"  # noqa: S105  # nosec B105

STAFF = [
    # username, first, last, roles, department code, admin site (functioneel beheer: its role's
    # permissions only, never a superuser; see gehoord.accounts.roles)
    ("coordinator", "Carla", "de Vries", [Role.COORDINATOR], "kcc", False),
    ("behandelaar", "Hamid", "El Amrani", [Role.HANDLER], "kcc", False),
    ("behandelaar2", "Sanne", "Jansen", [Role.HANDLER], "burgerzaken", False),
    ("behandelaar3", "Pieter", "Bakker", [Role.HANDLER], "openbare-ruimte", False),
    ("afdelingshoofd", "Anouk", "Visser", [Role.DEPARTMENT_HEAD], "burgerzaken", False),
    ("beheerder", "Bram", "Smit", [Role.ADMIN], "kcc", True),
]
EMPLOYEES = [
    ("mdewit", "Mark", "de Wit", "burgerzaken"),
    ("lbos", "Lotte", "Bos", "belastingen"),
    ("jmulder", "Jeroen", "Mulder", "openbare-ruimte"),
    ("fyilmaz", "Fatma", "Yılmaz", "sociaal-domein"),
    ("tdekker", "Tom", "Dekker", "vergunningen"),
    ("emeijer", "Eva", "Meijer", "kcc"),
    ("rkok", "Rik", "Kok", "parkeren"),
]
# The head of every other department (Burgerzaken's is the `afdelingshoofd` login): they see their
# department's complaints and are responsible for its improvement measures.
DEPARTMENT_HEADS = [
    ("gvandam", "Gerard", "van Dam", "belastingen"),
    ("mhoekstra", "Marieke", "Hoekstra", "openbare-ruimte"),
    ("rdegraaf", "Ruud", "de Graaf", "vergunningen"),
    ("sbouali", "Samira", "Bouali", "sociaal-domein"),
    ("ekuipers", "Esther", "Kuipers", "kcc"),
    ("jvanbeek", "Johan", "van Beek", "afval"),
    ("nverhoeven", "Nadia", "Verhoeven", "parkeren"),
    ("lpost", "Linda", "Post", "juridische-zaken"),
    ("wschouten", "Willem", "Schouten", "griffie"),
]
# An employee who has left: complaints about them get a recorded reason instead of the copy (Awb 9:9).
LEFT_EMPLOYEE = ("wvdlinden", "Wouter", "van der Linden", "parkeren")
FIRST_NAMES = [
    "Jan",
    "Maria",
    "Ahmed",
    "Sophie",
    "Kees",
    "Fatima",
    "Daan",
    "Emma",
    "Mohamed",
    "Lisa",
    "Willem",
    "Noor",
    "Henk",
    "Anna",
    "Youssef",
    "Ingrid",
    "Bas",
    "Sara",
    "Gerrit",
    "Iris",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "Öztürk",
    "Boukhari",
    "Nguyen",
    "Kramer",
]
STREETS = [
    "Dorpsstraat",
    "Kerkweg",
    "Molenlaan",
    "Stationsplein",
    "Julianastraat",
    "Beatrixlaan",
    "Koningin Wilhelminaweg",
    "Oranjestraat",
    "Parallelweg",
    "Tulpstraat",
]
CHANNEL_WEIGHTS = [
    (Channel.WEB, 45),
    (Channel.EMAIL, 20),
    (Channel.PHONE, 15),
    (Channel.DESK, 6),
    (Channel.LETTER, 6),
    (Channel.SOCIAL_MEDIA, 5),
    (Channel.FAX, 1),
    (Channel.API, 2),
]
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
COMPLAINT_COUNT = 300
DAYS_BACK = 548  # 18 months
# From this many complaints on, the demo includes the scenarios every rule of the law needs.
FIXED_PLANS_FROM = 60
# Awb 9:8: how often each ground occurs among the complaints that are not handled.
GROUND_WEIGHTS = {
    NotHandledGround.ALREADY_HANDLED: 2,
    NotHandledGround.OLDER_THAN_A_YEAR: 3,
    NotHandledGround.OBJECTION: 3,
    NotHandledGround.APPEAL: 1,
    NotHandledGround.OTHER_COURT: 1,
    NotHandledGround.CRIMINAL_INVESTIGATION: 1,
    NotHandledGround.INSUFFICIENT_INTEREST: 2,
}
# How informal handling ends; "reopen": resolved, then formal handling asked for in time (Awb 9:5).
INFORMAL_ENDS = {"withdraw": 6, "escalate": 12, "reopen": 2, "resolve": 80}
# Awb 9:10: how the hearing of a formal complaint goes.
HEARING_WEIGHTS = {"held": 55, "declined": 12, "no_response": 15, "waived": 10, "unfounded": 8}
DUTCH_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


class Command(BaseCommand):
    help = "Load demo staff and about 300 demo complaints (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--complaints", type=int, default=COMPLAINT_COUNT, help="How many complaints (default 300)."
        )

    def handle(self, *args, **options) -> None:
        # `make run` prints the demo logins after this command: it says what it did in a line or
        # two. The task runner's per-task log lines stay out, and the e-mails the demo sends (its
        # letters, with their PDFs) are counted, not printed: in development they go to files.
        mail_before = _mail_files()
        with _quiet_loggers():
            self._load(options["complaints"])
        sent = _messages_in(_mail_files() - mail_before)
        if sent:
            self.stdout.write(
                f"{sent} e-mail(s) sent by the demo were written to {os.path.relpath(settings.EMAIL_FILE_PATH)}/."
            )

    def _load(self, count: int) -> None:
        # The same demo every time, not a secret.
        self.rng = random.Random(20261125)  # nosec B311
        with transaction.atomic():
            municipality = Municipality.load()
            departments = self._departments()
            staff = self._staff(departments)
        if Complaint.objects.exists():
            self.stdout.write("Demo data is already loaded; nothing to do.")
            return
        # The demo municipality has a complaints advisory committee (afdeling 9.1.3); a few complaints go to it.
        municipality.uses_advisory_committee = True
        municipality.save()
        self._forwarding_destinations(departments)
        self.municipality = municipality
        self.calendar = municipal_calendar()
        self.norms = list(ConductNorm.objects.all())
        self.now = timezone.now()
        self.employees: dict[str, list[User]] = {}
        for username, *_rest, department in EMPLOYEES:
            self.employees.setdefault(department, []).append(staff[username])
        self.left_employee = staff[LEFT_EMPLOYEE[0]]
        # The demo's history is walked in seconds; its letters were "sent" long
        # ago, so the after-step hooks (which queue and e-mail letters) stay off,
        # and the 9:9 copies go to an in-memory mailbox, never to a real one.
        hooks = list(lifecycle.AFTER_STEP_HOOKS)
        lifecycle.AFTER_STEP_HOOKS.clear()
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                for received_at, plan in self._plans(count):
                    with transaction.atomic():
                        self._complaint(received_at, plan or self._random_plan(), departments, staff)
            self._social_signals(staff)
            self._measures(staff, departments)
            self._vouchers(staff)
            self._surveys()
        finally:
            lifecycle.AFTER_STEP_HOOKS.extend(hooks)
        self._mailbox()
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} demo complaints."))

    # --- learning: the register of improvement measures --------------------------

    def _measures(self, staff: dict, departments: dict[str, Department]) -> None:
        """Measures in every status, from complaints where something could be improved; one overdue."""
        from gehoord.learning import measures
        from gehoord.learning.models import MeasureStatus

        coordinator = staff["coordinator"]
        candidates = (
            Complaint.objects.filter(learning_review__improvement_possible=True, departments__isnull=False)
            .exclude(employees_involved=coordinator)
            .order_by("received_at")
        )
        # One of Burgerzaken, so the `afdelingshoofd` login has a measure of their own department.
        first = candidates.filter(departments__code="burgerzaken").first()
        sources = [c for c in [first, *candidates[:8]] if c is not None]
        sources = list(dict.fromkeys(sources))
        today = self.now.date()
        plan = [
            (MeasureStatus.EVALUATED, -60), (MeasureStatus.IMPLEMENTED, -20), (MeasureStatus.AGREED, 30),
            (MeasureStatus.AGREED, -5), (MeasureStatus.PROPOSED, 45), (MeasureStatus.PROPOSED, 14),
        ]  # fmt: skip
        for (status, due_in), complaint, description in zip(plan, sources, scenarios.MEASURES, strict=False):
            department = complaint.departments.first()
            measure = measures.propose(
                description=description,
                department=department,
                # The head of the department that carries it out (every demo department has one).
                responsible=department.head,
                due_date=today + dt.timedelta(days=due_in),
                actor=coordinator,
                complaints=[complaint],
            )
            if status != MeasureStatus.PROPOSED:
                note = "Sindsdien geen klachten meer hierover." if status == MeasureStatus.EVALUATED else ""
                measures.advance(measure, to=status, actor=coordinator, note=note)

    def _vouchers(self, staff: dict) -> None:
        """Flower vouchers for the (partly) founded complaints, due from the decision on, ordered monthly.

        Each month's vouchers are ordered early the next month and sent a few days later; the latest
        order is not sent yet, this month's vouchers still wait, and one complainant declined.
        """
        from gehoord.vouchers import services as vouchers
        from gehoord.vouchers.models import FlowerVoucher, NotApplicableReason

        coordinator = staff["coordinator"]
        decided = Complaint.objects.filter(outcome__in=vouchers.FOUNDED_OUTCOMES, decided_at__isnull=False)
        for complaint in decided.order_by("decided_at"):
            # What the decision's after-step hook does, at the decision's moment.
            vouchers.make_due(complaint, at=complaint.decided_at)
        due = list(FlowerVoucher.objects.order_by("created_at", "pk"))
        if len(due) < 4:
            return
        vouchers.mark_not_applicable(due[0], reason=NotApplicableReason.DECLINED, actor=coordinator)
        today = self.now.date()
        per_month: dict[tuple[int, int], list[int]] = {}
        for voucher in due[1:]:
            day = timezone.localdate(voucher.created_at)
            per_month.setdefault((day.year, day.month), []).append(voucher.pk)
        orders = []
        for (year, month), pks in sorted(per_month.items()):
            ordered_on = dt.date(year + month // 12, month % 12 + 1, 1) + dt.timedelta(
                days=self.rng.randint(2, 6)
            )
            if ordered_on >= today:
                break  # this month's vouchers wait for the next order
            try:
                batch = vouchers.create_batch(actor=coordinator, at=self._office_hours(ordered_on))
            except GuardFailed:
                continue  # none with a postal address
            # The order holds that month's vouchers only.
            FlowerVoucher.objects.filter(batch=batch).exclude(pk__in=pks).update(batch=None)
            if not batch.vouchers.exists():
                batch.delete()
                continue
            at = self._office_hours(ordered_on)
            orders.append(vouchers.mark_ordered(batch, on=ordered_on, actor=coordinator, at=at))
        for batch in orders[:-1]:
            sent_on = min(batch.ordered_on + dt.timedelta(days=self.rng.randint(2, 5)), today)
            vouchers.mark_sent(batch, on=sent_on, actor=coordinator, at=self._office_hours(sent_on))

    def _office_hours(self, day: dt.date) -> dt.datetime:
        """A moment on `day` in office hours, never later than now."""
        moment = dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())
        return min(moment + dt.timedelta(hours=self.rng.uniform(0, 6)), self.now)

    def _surveys(self) -> None:
        """Invitations for the closed complaints (sent long ago, like the demo's letters) and answers."""
        from gehoord.surveys import services as surveys
        from gehoord.surveys.models import Question, QuestionKind, SurveyInvitation

        rng = self.rng
        questions = list(Question.objects.filter(is_active=True))
        remarks = ["Sneller terugbellen.", "Fijn dat ik persoonlijk werd gebeld.", "Duidelijke brief.", ""]
        # An anonymous complaint has nobody to ask.
        closed = Complaint.objects.filter(status=Status.CLOSED, closed_at__isnull=False, anonymous=False)
        for complaint in closed.order_by("closed_at"):
            invitation = surveys.invite(complaint, at=complaint.closed_at)
            if invitation.send_after > self.now:
                continue  # closed too recently: the invitation still waits
            SurveyInvitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.send_after)
            if rng.random() > 0.45:
                continue
            answers = []
            for question in questions:
                if question.kind == QuestionKind.SCALE:
                    value = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 3, 5, 4])[0]
                elif question.kind == QuestionKind.YES_NO:
                    value = rng.random() < 0.7
                elif question.kind == QuestionKind.CHOICE:
                    value = rng.choice(question.options)
                else:
                    value = rng.choice(remarks)
                answers.append(surveys.Answer(question, value))
            answered_at = invitation.send_after + dt.timedelta(days=rng.uniform(0, 5))
            if answered_at.date() <= invitation.expires_on and answered_at < self.now:
                surveys.submit(invitation, answers, at=answered_at)

    # --- the channels: social-media signals and the mailbox ----------------------

    def _social_signals(self, staff: dict) -> None:
        """Signals in every state, handled through the real services."""
        from gehoord.social import services as social
        from gehoord.social.adapters import IncomingSignal
        from gehoord.social.constants import SignalSource
        from gehoord.social.models import SocialSignal

        coordinator = staff["coordinator"]
        incoming = [
            IncomingSignal(
                platform=platform,
                post_id=f"demo-{number}",
                author_handle=handle,
                author_name=name,
                url=f"https://{platform}.example/{number}",
                text=text,
                posted_at=self.now - dt.timedelta(hours=5 + 9 * number),
            )
            for number, (platform, handle, name, text) in enumerate(scenarios.SOCIAL_POSTS)
        ]
        social.store(incoming, source=SignalSource.WEBHOOK)
        signals = {signal.post_id: signal for signal in SocialSignal.objects.all()}
        social.contact_writer(
            signals["demo-1"],
            actor=coordinator,
            channel="social_media",
            message="Vervelend dat het afval niet is opgehaald. Wij hebben het doorgegeven; morgen komt de wagen alsnog.",
        )
        social.dismiss(signals["demo-4"], actor=coordinator, reason="Een compliment, geen ontevredenheid.")
        social.contact_writer(
            signals["demo-5"],
            actor=coordinator,
            channel="phone",
            message="Gebeld: de vergunning wordt opnieuw verstuurd.",
        )
        # The writer's display name, split as the conversion form splits it: "van der" goes with the surname.
        first_name, last_name = split_display_name(signals["demo-6"].author_name)
        social.convert_to_complaint(
            signals["demo-6"],
            actor=coordinator,
            complainant=Complainant(
                first_name=first_name, last_name=last_name, email="ingrid.vandermeer@example.org"
            ),
            description="Drie keer een ander antwoord gekregen over dezelfde vergunning.",
        )

    def _mailbox(self) -> None:
        """What the mailbox screen shows: an auto-reply set aside and a message that could not be read."""
        from gehoord.mailbox import services as mailbox

        mailbox.import_message(
            b"From: Piet Bakker <piet@example.org>\r\nSubject: Afwezig: Ontvangstbevestiging\r\n"
            b"Auto-Submitted: auto-replied\r\nMessage-ID: <demo-afwezig@example.org>\r\n\r\n"
            b"Ik ben tot maandag afwezig.\r\n"
        )
        mailbox.import_message(
            b"Subject: klacht\r\nMessage-ID: <demo-zonder-afzender@example.org>\r\n\r\n"
            b"Een bericht zonder afzender.\r\n"
        )

    # --- reference data and staff ---------------------------------------------

    def _departments(self) -> dict[str, Department]:
        return {
            code: Department.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "name_en": scenarios.DEPARTMENT_NAMES_EN.get(code, ""),
                    "email": scenarios.DEPARTMENT_EMAILS.get(code, ""),
                },
            )[0]
            for name, code in scenarios.DEPARTMENTS
        }

    def _forwarding_destinations(self, departments: dict[str, Department]) -> None:
        """Where a bezwaar, Woo request or claim that arrives as a complaint goes (Awb 2:3, 6:15)."""
        for kind, (name, department, email) in scenarios.FORWARDING_DESTINATIONS.items():
            ForwardingDestination.objects.get_or_create(
                kind=kind, defaults={"name": name, "department": departments[department], "email": email}
            )

    def _staff(self, departments: dict[str, Department]) -> dict[str, User]:
        staff = {}
        for username, first, last, roles, department, admin_site in STAFF:
            user = self._user(username, first, last, departments[department], admin_site)
            user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
            staff[username] = user
        for username, *_rest in STAFF:
            # Demo staff get an authenticator right away; `manage.py demo_code USER` shows its code.
            TOTPDevice.objects.get_or_create(user=staff[username], name="Demo", defaults={"confirmed": True})
        head_group = Group.objects.filter(name=Role.DEPARTMENT_HEAD.value)
        Department.objects.filter(code="burgerzaken").update(head=staff["afdelingshoofd"])
        for username, first, last, department in DEPARTMENT_HEADS:
            staff[username] = self._user(username, first, last, departments[department], False)
            staff[username].groups.set(head_group)
            Department.objects.filter(code=department).update(head=staff[username])
        for username, first, last, department in EMPLOYEES:
            staff[username] = self._user(username, first, last, departments[department], False)
        username, first, last, department = LEFT_EMPLOYEE
        staff[username] = self._user(username, first, last, departments[department], False)
        if staff[username].is_active:
            staff[username].is_active = False
            staff[username].save(update_fields=["is_active"])
        return staff

    def _user(self, username: str, first: str, last: str, department: Department, admin_site: bool) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@gemeente.example",
                "department": department,
                "is_staff": admin_site,
                "phone": f"010 {self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        elif user.is_superuser or user.is_staff != admin_site:
            # A demo database from before functioneel beheer lost superuser status.
            user.is_superuser, user.is_staff = False, admin_site
            user.save(update_fields=["is_superuser", "is_staff"])
        return user

    # --- complaints -------------------------------------------------------------

    def _plans(self, count: int) -> list[tuple[dt.datetime, Plan | None]]:
        """When each complaint came in, and the plan of the ones the demo must show (None: a random plan)."""
        rng = self.rng
        fixed = self._fixed_plans() if count >= FIXED_PLANS_FROM else []
        # A fifth of the complaints arrived in the last two months: the open work of today.
        random_received = [
            self.now
            - dt.timedelta(days=rng.uniform(0, 60 if n % 5 == 0 else DAYS_BACK), hours=rng.uniform(0, 8))
            for n in range(count - len(fixed))
        ]
        planned = [
            (self.now - dt.timedelta(days=days, hours=rng.uniform(0, 8)), plan) for days, plan in fixed
        ]
        return sorted([(at, None) for at in random_received] + planned, key=lambda item: item[0])

    def _fixed_plans(self) -> list[tuple[int, Plan]]:
        """The complaints the demo always has, each showing one rule of the law (days before now, plan)."""
        stories, organs = scenarios.COMPLAINTS, scenarios.ORGAN_COMPLAINTS
        lid_2 = NotHandledGround.INSUFFICIENT_INTEREST

        def formal(department: str, story: scenarios.Story, **choices) -> Plan:
            return Plan("formal", department, story, full=True, **choices)

        # Awb 9:8: every ground once, each for a complaint whose text makes it plausible.
        not_handled = [
            (
                90 + 25 * n,
                Plan("not_handle", ground=ground, not_handled=scenarios.NOT_HANDLED[ground][0], full=True),
            )
            for n, ground in enumerate(NotHandledGround.values)
        ]
        return [
            *not_handled,
            # Awb 9:8 lid 3: the notice went out after the 4 weeks, and the file shows it.
            (150, Plan("not_handle", ground=lid_2, not_handled=scenarios.NOT_HANDLED[lid_2][1], late_notice=True, full=True)),
            # Awb 9:8 lid 1 d: a complaint about failing to decide in time is handled formally.
            (220, formal("vergunningen", stories["vergunningen"][0])),
            # Awb 9:11 lid 2 and 3: postponed, then further delay with the complainant's written consent.
            (250, formal("burgerzaken", stories["burgerzaken"][3], postpone=True, consent=True)),
            # Awb 2:1: a gemachtigde with a written authorisation.
            (160, formal("sociaal-domein", stories["sociaal-domein"][1], representative=True)),
            # Afdeling 9.1.3: the advisory committee handles this one (10 weeks).
            (300, formal("kcc", stories["kcc"][1], committee=True)),
            # Awb 9:10 lid 2 c: invited with a term, no answer, skipped once the term passed.
            (240, formal("parkeren", stories["parkeren"][1], hearing="no_response")),
            # Awb 9:9: the employee left; the reason is recorded instead of the copy.
            (280, formal("parkeren", stories["parkeren"][1], employee_left=True)),
            # Awb 9:1: decided and signed by the burgemeester, and by the gemeenteraad.
            (130, formal("vergunningen", organs["vergunningen"][0])),
            (260, formal("griffie", organs["griffie"][0])),
            # Selectielijst 2020, 13: kept permanently; and 7 years, as the damage was paid.
            (400, formal(*scenarios.PERMANENT_STORY, retention=RetentionResult.PERMANENT)),
            (340, formal("afval", stories["afval"][1], founded=True, retention=RetentionResult.FINANCIAL)),
            # Awb 9:24: to the ombudsman after the decision, and its handling ended.
            (500, formal("belastingen", stories["belastingen"][2], ombudsman="ended")),
            # Awb 9:24 lid 1: to the ombudsman while the complaint is open and its term passed.
            (110, formal("openbare-ruimte", stories["openbare-ruimte"][0], postpone=False, ombudsman="open_overdue")),
            # Awb 9:5: resolved informally, then the complainant asked for formal handling in time.
            (180, Plan("informal", "afval", stories["afval"][0], informal_end="reopen", full=True)),
            # Awb 2:3, 6:15: a bezwaar, a Woo request and a claim forwarded, not refused.
            (45, Plan("forward", document_kind=DocumentKind.OBJECTION, full=True)),
            (70, Plan("forward", document_kind=DocumentKind.WOO_REQUEST, full=True)),
            (95, Plan("forward", document_kind=DocumentKind.DAMAGE_CLAIM, full=True)),
            # Awb 9:1, 9:4: an anonymous complaint, looked into as a signal and learned from.
            (120, Plan("signal", signal=scenarios.ANONYMOUS_SIGNALS[0], full=True)),
        ]  # fmt: skip

    def _random_plan(self) -> Plan:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:
            return Plan("refer", referral=rng.choice(scenarios.REFERRALS))
        if roll < 0.06:
            return Plan("forward", document_kind=rng.choice(DocumentKind.values))
        if roll < 0.11:
            ground = rng.choices(list(GROUND_WEIGHTS), list(GROUND_WEIGHTS.values()))[0]
            return Plan("not_handle", ground=ground, not_handled=rng.choice(scenarios.NOT_HANDLED[ground]))
        if roll < 0.115:
            return Plan("signal", signal=rng.choice(scenarios.ANONYMOUS_SIGNALS))
        if rng.random() < 0.03:
            department = rng.choice(list(scenarios.ORGAN_COMPLAINTS))
            story = rng.choice(scenarios.ORGAN_COMPLAINTS[department])
        else:
            department = rng.choice(list(scenarios.COMPLAINTS))
            story = rng.choice(scenarios.COMPLAINTS[department])
        plan = Plan("formal" if roll < 0.33 else "informal", department, story)
        plan.hearing = rng.choices(list(HEARING_WEIGHTS), list(HEARING_WEIGHTS.values()))[0]
        plan.committee = rng.random() < 0.1
        plan.representative = rng.random() < 0.02
        plan.consent = rng.random() < 0.02
        if rng.random() < 0.08:
            plan.ombudsman = "ended" if rng.random() < 0.5 else "after_close"
        plan.informal_end = rng.choices(list(INFORMAL_ENDS), list(INFORMAL_ENDS.values()))[0]
        return plan

    def _complaint(
        self, received_at: dt.datetime, plan: Plan, departments: dict[str, Department], staff: dict
    ) -> None:
        rng = self.rng
        channel = rng.choices([c for c, _ in CHANNEL_WEIGHTS], [w for _, w in CHANNEL_WEIGHTS])[0]
        conduct_date = (received_at - dt.timedelta(days=rng.randint(1, 60))).date()
        department_codes = [plan.department] if plan.department else []
        employees: list[User] = []
        representative = None
        if plan.path == "not_handle":
            if plan.ground == NotHandledGround.OLDER_THAN_A_YEAR:
                # Awb 9:8 lid 1 b: the conduct lies well over a year before the complaint.
                conduct_date = (received_at - dt.timedelta(days=rng.randint(400, 800))).date()
            elif plan.ground == NotHandledGround.ALREADY_HANDLED:
                conduct_date = (received_at - dt.timedelta(days=rng.randint(120, 300))).date()
            conduct = dutch_date(conduct_date)
            description = plan.not_handled.description.format(conduct=conduct)
            desired = plan.not_handled.desired
            plan.reason = plan.not_handled.reason.format(conduct=conduct)
        elif plan.path == "refer":
            description, desired, _destination = plan.referral
        elif plan.path == "forward":
            description, desired = rng.choice(scenarios.FORWARDED[plan.document_kind]), ""
            channel = rng.choice([Channel.LETTER, Channel.EMAIL, Channel.WEB])
        elif plan.path == "signal":
            description, department, _lesson = plan.signal
            desired, department_codes, channel = "", [department], Channel.LETTER
        else:
            description, desired = plan.story.description, plan.story.desired
            employees = self._involved(plan)
            if plan.representative:
                name, organisation, email, address = rng.choice(scenarios.REPRESENTATIVES)
                representative = Representative(
                    name=name, organisation=organisation, email=email, postal_address=address
                )
        if plan.path == "signal":
            # Awb 9:1: no name and no way to reach the writer; the model needs a surname.
            complainant = Complainant(last_name="Anoniem")
        else:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            complainant = Complainant(
                first_name=first,
                last_name=last,
                street_address=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                postal_code=f"{rng.randint(1000, 9999)} {''.join(rng.choices(POSTCODE_LETTERS, k=2))}",
                city="Voorbeeldstad",
                email=f"{first.lower()}.{last.lower().replace(' ', '')}@example.nl"
                if rng.random() < 0.85
                else "",
                phone=f"06 {rng.randint(10000000, 99999999)}",
            )
        complaint = take_in(
            NewComplaint(
                complainant=complainant,
                channel=channel,
                description=description,
                received_at=received_at,
                conduct_date=conduct_date,
                departments=[departments[code] for code in department_codes],
                employees_involved=employees,
                desired_outcome=desired,
                preferred_contact="" if plan.path == "signal" else rng.choice(ContactPreference.values),
                representative=representative,
                anonymous=plan.path == "signal",
                calendar=self.calendar,
                municipality=self.municipality,
            )
        ).complaint
        Walk(self, complaint, plan, staff).run()

    def _involved(self, plan: Plan) -> list[User]:
        """The employees a story is about (Awb 9:9, 9:10): none, one or two."""
        if plan.story.persons == 0:
            return []
        if plan.employee_left:
            return [self.left_employee]
        colleagues = self.employees.get(plan.department, [])
        involved = [self.rng.choice(colleagues)] if colleagues else []
        if plan.story.persons > 1:
            others = [e for code, users in self.employees.items() if code != plan.department for e in users]
            involved.append(self.rng.choice(others))
        return involved


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


@dataclass
class Plan:
    """What happens to one complaint. The walk follows it as far as 'now' allows."""

    path: str  # refer | forward | not_handle | signal | formal | informal
    department: str = ""
    story: scenarios.Story | None = None
    # not_handle: the Awb 9:8 ground, the text that makes it plausible, and whether the lid 3 term passed.
    ground: str = ""
    not_handled: scenarios.NotHandledStory | None = None
    reason: str = ""
    late_notice: bool = False
    document_kind: str = ""
    referral: tuple[str, str, str] | None = None
    signal: tuple[str, str, str] | None = None
    informal_end: str = "resolve"  # withdraw | escalate | resolve | reopen
    hearing: str = "held"  # held | declined | no_response | waived | unfounded (Awb 9:10)
    committee: bool = False
    postpone: bool | None = None  # None: when the term would otherwise be missed (Awb 9:11 lid 2)
    consent: bool = False  # Awb 9:11 lid 3
    representative: bool = False
    employee_left: bool = False
    retention: str = ""
    founded: bool = False  # the judgement is (partly) founded
    ombudsman: str = ""  # after_close | ended | open_overdue
    full: bool = False  # walked to its end, never stopped early to make open work


class Walk:
    """Walks one complaint along its plan through the real lifecycle, stopping at 'now'."""

    def __init__(self, command: Command, complaint: Complaint, plan: Plan, staff: dict) -> None:
        self.rng = command.rng
        self.command = command
        self.complaint = complaint
        self.plan = plan
        self.coordinator = staff["coordinator"]
        self.handler = self.rng.choice([staff["behandelaar"], staff["behandelaar2"], staff["behandelaar3"]])
        self.at = complaint.received_at
        # Recent complaints are often still being worked on: stop their walk
        # somewhere between receipt and now, so the demo has open work (some overdue).
        self.horizon = command.now
        age = command.now - complaint.received_at
        stop_early = (age < dt.timedelta(days=70) and self.rng.random() < 0.85) or self.rng.random() < 0.02
        if stop_early and not plan.full:
            self.horizon = complaint.received_at + age * self.rng.random()

    # --- the clock of the walk

    @property
    def today(self) -> dt.date:
        return timezone.localdate(self.at)

    def later(self, min_days: float, max_days: float) -> bool:
        """Move the clock on; False when that would be in the future (the walk stops there)."""
        self.at += dt.timedelta(days=self.rng.uniform(min_days, max_days))
        return self.at < self.horizon

    def _moment(self, day: dt.date) -> dt.datetime:
        """A moment in office hours on `day`."""
        start = dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())
        return start + dt.timedelta(hours=self.rng.uniform(0, 7.5))

    def on(self, day: dt.date) -> bool:
        """Move the clock to office hours on `day` (never back); False when that is in the future."""
        self.at = max(self.at + dt.timedelta(minutes=5), self._moment(day))
        return self.at < self.horizon

    def some_day_until(self, last: dt.date) -> bool:
        """Move the clock to a day from tomorrow up to `last` (or just on, when that is today)."""
        days = (last - self.today).days
        return (
            self.on(self.today + dt.timedelta(days=self.rng.randint(1, days))) if days > 0 else self.on(last)
        )

    def step(self, name: str, actor, **params) -> None:
        self.complaint = lifecycle.perform(self.complaint, name, actor=actor, at=self.at, **params)

    # --- the paths

    def run(self) -> None:
        plan = self.plan
        if not self.later(0.05, 1.5):
            return
        self.step("start_triage", self.coordinator)
        self._intake()
        if not self.later(0.1, 2):
            return
        if plan.path == "refer":
            self.step(
                "refer",
                self.coordinator,
                destination=plan.referral[2],
                reason="Dit is geen klacht over een gedraging; doorverwezen.",
            )
        elif plan.path == "forward":
            label = DocumentKind(plan.document_kind).label.lower()
            self.step(
                "forward",
                self.coordinator,
                document_kind=plan.document_kind,
                reason=f"Geen klacht maar een {label}; intern doorgestuurd (Awb 2:3).",
            )
        elif plan.path == "not_handle":
            if plan.late_notice and not self.on(
                self.complaint.not_handled_notice_due + dt.timedelta(days=self.rng.randint(3, 10))
            ):
                return
            self.step("not_handle", self.coordinator, ground=plan.ground, reason=plan.reason)
        elif plan.path == "signal":
            self._signal()
        else:
            lifecycle.assign_handler(self.complaint, self.handler, actor=self.coordinator, at=self.at)
            if plan.path == "formal":
                self.step("start_formal", self.coordinator)
                self._formal()
            else:
                self._informal()

    def _intake(self) -> None:
        """What triage records: the authorisation of a gemachtigde, the organ, failing to decide."""
        story = self.plan.story
        if self.complaint.representative_id:
            # Awb 2:1 lid 2: the machtiging came with the complaint.
            services.record_authorisation(
                self.complaint,
                kind=self.rng.choice(AuthorisationKind.values),
                on=timezone.localdate(self.complaint.received_at),
                copy_to_complainant=self.rng.random() < 0.5,
                actor=self.coordinator,
                at=self.at,
            )
        if story is not None and story.failure_to_decide:
            self.complaint = services.set_about_failure_to_decide(
                self.complaint, value=True, actor=self.coordinator, at=self.at
            )
        if story is not None and story.organ:
            self.complaint = services.set_competent_organ(
                self.complaint, organ=story.organ, actor=self.coordinator, at=self.at
            )

    def _signal(self) -> None:
        """Awb 9:1, 9:4: no formal route for an anonymous complaint, but it is looked into and learned from."""
        self.step("handle_as_signal", self.coordinator, reason="Anonieme klacht: als signaal bekeken.")
        if not self.later(1, 10):
            return
        record_learning_review(
            self.complaint,
            improvement_possible=True,
            reasoning=self.plan.signal[2],
            norms=self.rng.sample(self.command.norms, k=1),
            actor=self.coordinator,
            at=self.at,
        )
        if self.later(0.1, 2):
            self.step("close", self.coordinator, retention=RetentionResult.HANDLED)

    def _informal(self) -> None:
        rng, plan = self.rng, self.plan
        self.step("start_informal", self.coordinator)
        if not self.later(0.2, 3):
            return
        services.record_contact(
            self.complaint,
            channel=ContactPreference.PHONE,
            subject="Eerste telefonisch contact",
            content="Klager gebeld om de klacht te bespreken.",
            actor=self.handler,
            at=self.at,
        )
        if not self.later(1, 12):
            return
        if plan.informal_end == "withdraw":
            self.step("withdraw", None, reason="Klager heeft de klacht ingetrokken.")
            return
        if plan.informal_end == "escalate":
            self.step(
                "escalate", self.handler, reason="Klager is niet tevreden met de voorgestelde oplossing."
            )
            self._formal()
            return
        # Awb 9:5: the complainant's satisfaction is recorded, when and how.
        self.step(
            "resolve_informally",
            self.handler,
            solution=rng.choice(scenarios.INFORMAL_SOLUTIONS),
            rung=rng.choice([Rung.EMPLOYEE, Rung.HANDLER]),
            satisfied_on=self.today,
            satisfied_how=rng.choice(scenarios.HOW_SATISFIED),
        )
        if plan.informal_end == "reopen":
            # Within the term the confirmation letter offered, the complainant asks for formal handling.
            if not self.some_day_until(self.complaint.formal_request_due):
                return
            self.step(
                "reopen_formal",
                self.handler,
                requested_on=self.today,
                how=rng.choice(scenarios.HOW_FORMAL_REQUESTED),
            )
            self._formal()
            return
        self._learn_and_close()

    def _formal(self) -> None:
        rng, plan = self.rng, self.plan
        if plan.committee and self.complaint.status == Status.FORMAL:
            self.complaint = lifecycle.set_committee(
                self.complaint, committee=True, actor=self.coordinator, at=self.at
            )
        if not self.later(0.5, 3):
            return
        self._copies()
        if not self.later(0.5, 4):
            return
        if plan.hearing == "unfounded":
            self.complaint = lifecycle.record_hearing_skipped(
                self.complaint,
                reason=HearingSkipReason.CLEARLY_UNFOUNDED,
                explanation=rng.choice(scenarios.CLEARLY_UNFOUNDED),
                actor=self.handler,
                at=self.at,
            )
            # Lid 2 leaves out only the complainant's hearing: the employee is still offered one (lid 1).
            if self.complaint.employees_involved.filter(is_active=True).exists() and not self._hear():
                return
        elif (
            plan.hearing == "waived" and not self.complaint.employees_involved.filter(is_active=True).exists()
        ):
            # Awb 9:10 lid 2 b: the complainant said so before an invitation went out.
            self.complaint = lifecycle.record_hearing_skipped(
                self.complaint,
                reason=HearingSkipReason.WAIVED,
                waived_on=self.today,
                waived_how=rng.choice(scenarios.HOW_WAIVED),
                actor=self.handler,
                at=self.at,
            )
        elif not self._hear():
            return
        if plan.ombudsman == "open_overdue":
            self._ombudsman_while_open()
            return
        if not self._decide():
            return
        self._learn_and_close(formal=True)

    def _copies(self) -> None:
        """Awb 9:9: each employee complained about gets a copy, or the reason why not is recorded."""
        employees = list(self.complaint.employees_involved.all())
        if not employees:
            services.waive_copy(
                self.complaint,
                reason=CopyWaiverReason.NO_PERSON,
                explanation="De klacht gaat over de gang van zaken, niet over een aanwijsbare medewerker.",
                actor=self.handler,
                at=self.at,
            )
            return
        for employee in employees:
            if not employee.is_active:
                services.waive_copy(
                    self.complaint,
                    reason=CopyWaiverReason.EMPLOYEE_LEFT,
                    employee=employee,
                    explanation="De medewerker is vertrokken en niet meer bereikbaar via de gemeente.",
                    actor=self.handler,
                    at=self.at,
                )
        if any(employee.is_active for employee in employees):
            copies.send_copy_to_involved(self.complaint, actor=self.handler, at=self.at)

    def _hear(self) -> bool:
        """Awb 9:10: invite the complainant and each employee, record their answers and the reports."""
        rng, plan = self.rng, self.plan
        hearing_on = self.today + dt.timedelta(days=rng.randint(17, 24))
        self.step(
            "schedule_hearing",
            self.handler,
            hearing_on=hearing_on,
            hearing_time=rng.choice(["09:30", "10:00", "13:30", "15:00"]),
            hearing_location=rng.choice(scenarios.HEARING_LOCATIONS),
        )
        hearings = list(self.complaint.hearings.order_by("pk"))
        # No complainant's hearing when it was lawfully left out before (only the employee is invited).
        complainant = next((h for h in hearings if h.party == HearingParty.COMPLAINANT), None)
        respond_by = hearings[0].respond_by
        # The hearing date shows the term will not be met: postpone now, while it runs (Awb 9:11 lid 2).
        self._postpone_if_needed(hearing_on + dt.timedelta(days=10))
        kind = "declined" if plan.hearing == "waived" else plan.hearing
        if complainant is None:
            kind = "left_out"
        if kind in ("held", "declined"):
            if not self.some_day_until(respond_by):
                return False
            self._answer(complainant, HearingResponse.WANTS if kind == "held" else HearingResponse.DECLINED)
            if kind == "declined":
                # Awb 9:10 lid 2 b: when and how come from the answer to the invitation.
                self.complaint = lifecycle.record_hearing_skipped(
                    self.complaint, reason=HearingSkipReason.WAIVED, actor=self.handler, at=self.at
                )
        for hearing in hearings:
            if hearing.party == HearingParty.EMPLOYEE:
                if not self.some_day_until(respond_by):
                    return False
                self._answer(
                    hearing, HearingResponse.WANTS if rng.random() < 0.8 else HearingResponse.DECLINED
                )
        if kind == "no_response":
            # Awb 9:10 lid 2 c: only once the term set in the invitation has passed.
            if not self.on(respond_by + dt.timedelta(days=rng.randint(1, 3))):
                return False
            self.complaint = lifecycle.record_hearing_skipped(
                self.complaint, reason=HearingSkipReason.NO_RESPONSE, actor=self.handler, at=self.at
            )
        heard = [h for h in hearings if h.response == HearingResponse.WANTS]
        if heard:
            if not self.on(hearing_on) or not self.later(0.5, 4):
                return False
            for hearing in heard:
                reports = (
                    scenarios.COMPLAINANT_REPORTS
                    if hearing.party == HearingParty.COMPLAINANT
                    else scenarios.EMPLOYEE_REPORTS
                )
                services.record_hearing_report(
                    hearing, report=rng.choice(reports), held_on=hearing_on, actor=self.handler, at=self.at
                )
        return True

    def _answer(self, hearing: Hearing, response: str) -> None:
        services.record_hearing_response(
            hearing,
            response=response,
            on=self.today,
            how=self.rng.choice(scenarios.HOW_ANSWERED),
            actor=self.handler,
            at=self.at,
        )

    def _postpone_if_needed(self, expected: dt.date) -> None:
        """Awb 9:11 lid 2: postpone before the term ends when the decision will come later than it."""
        plan, complaint = self.plan, self.complaint
        due = complaint.decision_due
        if self.today > due or complaint.postponement_weeks or plan.postpone is False:
            return
        # A plan that must show a postponement gets one; otherwise most handlers postpone when needed.
        if not plan.postpone and (expected <= due or self.rng.random() > 0.85):
            return
        weeks = max(1, min(MAX_POSTPONEMENT_WEEKS, (expected - due).days // 7 + 1))
        self.complaint = lifecycle.postpone_decision(
            complaint,
            weeks=MAX_POSTPONEMENT_WEEKS if plan.consent else weeks,
            reason=self.rng.choice(scenarios.POSTPONEMENT_REASONS),
            actor=self.handler,
            at=self.at,
        )

    def _decide(self) -> bool:
        """Findings, a judgement per part (Awb 9:12) and the decision, on time where the walk can manage."""
        rng = self.rng
        if not self.later(1, 4):
            return False
        decision_at = self.at + dt.timedelta(days=rng.uniform(2, 10))
        self._postpone_if_needed(timezone.localdate(decision_at))
        due = self.complaint.decision_due
        if self.plan.consent and self.today <= due:
            # Awb 9:11 lid 3: later than the postponed term only as far as the complainant agreed in writing.
            until = due + dt.timedelta(days=rng.randint(14, 21))
            self.complaint = lifecycle.record_extension_consent(
                self.complaint,
                until=until,
                consent_on=self.today,
                how=rng.choice(scenarios.CONSENT_HOW),
                actor=self.handler,
                at=self.at,
            )
            decision_at = self._moment(due + dt.timedelta(days=rng.randint(3, 10)))
            due = until
        if timezone.localdate(decision_at) > due and self.today <= due and rng.random() < 0.9:
            decision_at = max(self.at + dt.timedelta(hours=1), self._moment(due))
        services.record_findings(
            self.complaint,
            findings=rng.choice(scenarios.FINDINGS),
            conclusions="Zie het oordeel per onderdeel.",
            actor=self.handler,
            at=self.at,
        )
        unfounded = self.complaint.hearing_skip_reason == HearingSkipReason.CLEARLY_UNFOUNDED
        for part in self.complaint.parts.all():
            # Awb 9:10 lid 2 a: a hearing skipped as clearly unfounded only ends in "unfounded".
            judgement = rng.choices(Judgement.values, [30, 20, 40, 10])[0]
            if unfounded:
                judgement = Judgement.UNFOUNDED
            elif self.plan.founded:
                judgement = Judgement.FOUNDED
            norms = (
                rng.sample(self.command.norms, k=rng.randint(1, 2)) if judgement in FOUNDED_JUDGEMENTS else []
            )
            services.judge_part(
                part,
                judgement=judgement,
                reasoning="Zie de bevindingen.",
                norms=norms,
                actor=self.handler,
                at=self.at,
            )
        self.at = max(self.at, decision_at)
        if self.at >= self.horizon:
            return False
        self.step("decide", self.handler)
        return True

    def _ombudsman_while_open(self) -> None:
        """Awb 9:24 lid 1: the term passed without a decision, and the complainant went to the ombudsman."""
        if not self.on(self.complaint.decision_due + dt.timedelta(days=self.rng.randint(7, 14))):
            return
        services.record_ombudsman(self.complaint, on=self.today, actor=self.coordinator, at=self.at)

    def _learn_and_close(self, formal: bool = False) -> None:
        rng, plan = self.rng, self.plan
        if not self.later(0.5, 4):
            return
        self.step("start_learning_review", self.handler)
        if not self.later(0.5, 5):
            return
        improvement, reasoning, lesson = rng.choice(scenarios.LEARNING)
        record_learning_review(
            self.complaint,
            improvement_possible=improvement,
            reasoning=reasoning,
            lesson_for_complainant=lesson,
            norms=rng.sample(self.command.norms, k=1),
            actor=self.handler,
            at=self.at,
        )
        if self.complaint.outcome == Outcome.RESOLVED_INFORMALLY and not self.on(
            # Awb 9:5: the file stays open while the complainant may still ask for formal handling.
            self.complaint.formal_request_due + dt.timedelta(days=1)
        ):
            return
        if not self.later(0.1, 2):
            return
        retention = plan.retention or RetentionResult.HANDLED
        if (
            plan.story
            and plan.story.financial
            and self.complaint.outcome in (Outcome.FOUNDED, Outcome.PARTLY_FOUNDED)
        ):
            retention = RetentionResult.FINANCIAL  # the damage was paid: 7 years
        self.step("close", self.coordinator, retention=retention)
        if formal and plan.ombudsman and self.later(20, 90):
            # Awb 9:24: within a year of the decision the complainant went to the ombudsman.
            self.complaint = services.record_ombudsman(
                self.complaint, on=self.today, actor=self.coordinator, at=self.at
            )
            went_on = self.today
            if plan.ombudsman == "ended" and self.later(60, 180):
                services.record_ombudsman(
                    self.complaint, on=went_on, ended_on=self.today, actor=self.coordinator, at=self.at
                )
