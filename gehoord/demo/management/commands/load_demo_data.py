"""Load a realistic demo municipality: staff per role and about 300 complaints over 18 months.

Idempotent: staff accounts are created once, complaints only when there are none.
Every complaint is walked through the real services and lifecycle, so its
timeline, terms and outcome are what the application itself would produce.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases import lifecycle, services
from gehoord.cases.constants import (
    FOUNDED_JUDGEMENTS,
    Channel,
    ContactPreference,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Rung,
    Status,
)
from gehoord.cases.models import Complainant, Complaint, ConductNorm
from gehoord.clock.selectors import municipal_calendar
from gehoord.demo import scenarios
from gehoord.learning.services import record_learning_review
from gehoord.organisation.models import Department, Municipality

# Published demo logins, printed by `make run`.
DEMO_PASSWORD = "gehoord-demo"  # noqa: S105  # nosec B105

STAFF = [
    # username, first, last, roles, department code, superuser
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


class Command(BaseCommand):
    help = "Load demo staff and about 300 demo complaints (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--complaints", type=int, default=COMPLAINT_COUNT, help="How many complaints (default 300)."
        )

    def handle(self, *args, **options) -> None:
        count = options["complaints"]
        # The same demo every time, not a secret.
        self.rng = random.Random(20261125)  # nosec B311
        with transaction.atomic():
            municipality = Municipality.load()
            departments = self._departments()
            staff = self._staff(departments)
        if Complaint.objects.exists():
            self.stdout.write("Demo data is already loaded; nothing to do.")
            return
        self.municipality = municipality
        self.calendar = municipal_calendar()
        self.norms = list(ConductNorm.objects.all())
        self.now = timezone.now()
        # A fifth of the complaints arrived in the last two months: the open work of today.
        received = sorted(
            self.now
            - dt.timedelta(
                days=self.rng.uniform(0, 60 if n % 5 == 0 else DAYS_BACK), hours=self.rng.uniform(0, 8)
            )
            for n in range(count)
        )
        # The demo's history is walked in seconds; its letters were "sent" long
        # ago, so the after-step hooks (which queue and e-mail letters) stay off.
        hooks = list(lifecycle.AFTER_STEP_HOOKS)
        lifecycle.AFTER_STEP_HOOKS.clear()
        try:
            for received_at in received:
                with transaction.atomic():
                    self._complaint(received_at, departments, staff)
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
        sources = list(
            Complaint.objects.filter(learning_review__improvement_possible=True)
            .exclude(employees_involved=coordinator)
            .order_by("received_at")[:8]
        )
        today = self.now.date()
        plan = [
            (MeasureStatus.EVALUATED, -60), (MeasureStatus.IMPLEMENTED, -20), (MeasureStatus.AGREED, 30),
            (MeasureStatus.AGREED, -5), (MeasureStatus.PROPOSED, 45), (MeasureStatus.PROPOSED, 14),
        ]  # fmt: skip
        for (status, due_in), complaint, description in zip(plan, sources, scenarios.MEASURES, strict=False):
            department = complaint.departments.first() or departments["kcc"]
            measure = measures.propose(
                description=description,
                department=department,
                responsible=department.head or staff["afdelingshoofd"],
                due_date=today + dt.timedelta(days=due_in),
                actor=coordinator,
                complaints=[complaint],
            )
            if status != MeasureStatus.PROPOSED:
                note = "Sindsdien geen klachten meer hierover." if status == MeasureStatus.EVALUATED else ""
                measures.advance(measure, to=status, actor=coordinator, note=note)

    def _vouchers(self, staff: dict) -> None:
        """Flower vouchers for the (partly) founded complaints: sent, ordered, let go and still due."""
        from gehoord.vouchers import services as vouchers
        from gehoord.vouchers.models import FlowerVoucher, NotApplicableReason

        coordinator = staff["coordinator"]
        for complaint in Complaint.objects.filter(outcome__in=vouchers.FOUNDED_OUTCOMES).order_by(
            "decided_at"
        ):
            vouchers.make_due(complaint)
        due = list(FlowerVoucher.objects.order_by("created_at", "pk"))
        if len(due) < 4:
            return
        vouchers.mark_not_applicable(due[0], reason=NotApplicableReason.DECLINED, actor=coordinator)
        today = self.now.date()
        sent = vouchers.create_batch(actor=coordinator)
        # The first batch holds the oldest five; the rest wait for the next order.
        FlowerVoucher.objects.filter(batch=sent).exclude(pk__in=[v.pk for v in due[1:6]]).update(batch=None)
        vouchers.mark_ordered(sent, on=today - dt.timedelta(days=10), actor=coordinator)
        vouchers.mark_sent(sent, on=today - dt.timedelta(days=7), actor=coordinator)

    def _surveys(self) -> None:
        """Invitations for the closed complaints (sent long ago, like the demo's letters) and answers."""
        from gehoord.surveys import services as surveys
        from gehoord.surveys.models import Question, QuestionKind, SurveyInvitation

        rng = self.rng
        questions = list(Question.objects.filter(is_active=True))
        remarks = ["Sneller terugbellen.", "Fijn dat ik persoonlijk werd gebeld.", "Duidelijke brief.", ""]
        for complaint in Complaint.objects.filter(status=Status.CLOSED, closed_at__isnull=False).order_by(
            "closed_at"
        ):
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
        social.convert_to_complaint(
            signals["demo-6"],
            actor=coordinator,
            complainant=Complainant(first_name="Ingrid", last_name="Smit", email="ingrid.smit@example.org"),
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
            code: Department.objects.get_or_create(code=code, defaults={"name": name})[0]
            for name, code in scenarios.DEPARTMENTS
        }

    def _staff(self, departments: dict[str, Department]) -> dict[str, User]:
        staff = {}
        for username, first, last, roles, department, superuser in STAFF:
            user = self._user(username, first, last, departments[department], superuser)
            user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
            staff[username] = user
        for username, *_rest in STAFF:
            # Demo staff get an authenticator right away; `manage.py demo_code USER` shows its code.
            TOTPDevice.objects.get_or_create(user=staff[username], name="Demo", defaults={"confirmed": True})
        head = staff["afdelingshoofd"]
        Department.objects.filter(code="burgerzaken").update(head=head)
        for username, first, last, department in EMPLOYEES:
            staff[username] = self._user(username, first, last, departments[department], False)
        return staff

    def _user(self, username: str, first: str, last: str, department: Department, superuser: bool) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@gemeente.example",
                "department": department,
                "is_staff": superuser,
                "is_superuser": superuser,
                "phone": f"010 {self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    # --- complaints -------------------------------------------------------------

    def _complaint(self, received_at: dt.datetime, departments: dict[str, Department], staff: dict) -> None:
        rng = self.rng
        code = rng.choice(list(scenarios.COMPLAINTS))
        description, desired = rng.choice(scenarios.COMPLAINTS[code])
        channel = rng.choices([c for c, _ in CHANNEL_WEIGHTS], [w for _, w in CHANNEL_WEIGHTS])[0]
        involved = [
            u for u in staff.values() if u.department_id == departments[code].pk and not u.groups.exists()
        ]
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
        complaint = services.register_complaint(
            complainant=complainant,
            channel=channel,
            description=description,
            received_at=received_at,
            conduct_date=(received_at - dt.timedelta(days=rng.randint(1, 60))).date(),
            departments=[departments[code]],
            employees_involved=involved[:1] if rng.random() < 0.6 else [],
            desired_outcome=desired,
            preferred_contact=rng.choice(ContactPreference.values),
            calendar=self.calendar,
            municipality=self.municipality,
        )
        Walk(self, complaint, staff).run()


class Walk:
    """Walks one complaint along a random but lawful path, stopping at 'now'."""

    def __init__(self, command: Command, complaint: Complaint, staff: dict) -> None:
        self.rng = command.rng
        self.command = command
        self.complaint = complaint
        self.coordinator = staff["coordinator"]
        self.handler = self.rng.choice([staff["behandelaar"], staff["behandelaar2"], staff["behandelaar3"]])
        self.at = complaint.received_at
        # Recent complaints are often still being worked on: stop their walk
        # somewhere between receipt and now, so the demo has open work (some overdue).
        self.horizon = command.now
        age = command.now - complaint.received_at
        if (age < dt.timedelta(days=70) and self.rng.random() < 0.85) or self.rng.random() < 0.02:
            self.horizon = complaint.received_at + age * self.rng.random()

    def later(self, min_days: float, max_days: float) -> bool:
        """Move the clock on; False when that would be in the future (the walk stops there)."""
        self.at += dt.timedelta(days=self.rng.uniform(min_days, max_days))
        return self.at < self.horizon

    def step(self, name: str, actor, **params) -> None:
        self.complaint = lifecycle.perform(self.complaint, name, actor=actor, at=self.at, **params)

    def run(self) -> None:
        rng = self.rng
        if not self.later(0.05, 1.5):
            return
        self.step("start_triage", self.coordinator)
        roll = rng.random()
        if not self.later(0.1, 2):
            return
        if roll < 0.05:
            self.step(
                "refer",
                self.coordinator,
                destination=rng.choice(scenarios.REFERRALS),
                reason="Dit is geen klacht over een gedraging; doorverwezen.",
            )
            return
        if roll < 0.09:
            self.step(
                "not_handle",
                self.coordinator,
                ground=rng.choice(NotHandledGround.values),
                reason="Zie de brief aan klager.",
            )
            return
        lifecycle.assign_handler(self.complaint, self.handler, actor=self.coordinator, at=self.at)
        if roll < 0.30:
            self.step("start_formal", self.coordinator)
            self._formal()
            return
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
        if roll < 0.34:
            self.step("withdraw", None, reason="Klager heeft de klacht ingetrokken.")
            return
        if roll < 0.42:
            self.step(
                "escalate", self.handler, reason="Klager is niet tevreden met de voorgestelde oplossing."
            )
            self._formal()
            return
        self.step(
            "resolve_informally",
            self.handler,
            solution=rng.choice(scenarios.INFORMAL_SOLUTIONS),
            rung=rng.choice([Rung.EMPLOYEE, Rung.HANDLER]),
        )
        self._learn_and_close()

    def _formal(self) -> None:
        rng = self.rng
        if not self.later(1, 7):
            return
        if rng.random() < 0.15:
            lifecycle.postpone_decision(
                self.complaint,
                weeks=rng.randint(2, 4),
                actor=self.handler,
                at=self.at,
                reason="Het onderzoek vraagt meer tijd: de betrokken medewerker is afwezig.",
            )
        if rng.random() < 0.7:
            hearing_on = (self.at + dt.timedelta(days=rng.randint(5, 14))).date()
            self.step("schedule_hearing", self.handler, hearing_on=hearing_on)
            if not self.later(7, 15):
                return
            services.record_hearing_report(
                self.complaint,
                report="Klager en medewerker zijn gehoord. Verslag: beide partijen lichtten hun kant toe.",
                held_on=hearing_on,
                actor=self.handler,
                at=self.at,
            )
        else:
            lifecycle.record_hearing_skipped(
                self.complaint, reason=rng.choice(HearingSkipReason.values), actor=self.handler, at=self.at
            )
            self.complaint.refresh_from_db()
        if not self.later(3, 14):
            return
        services.record_findings(
            self.complaint,
            findings=rng.choice(scenarios.FINDINGS),
            conclusions="Zie het oordeel per onderdeel.",
            actor=self.handler,
            at=self.at,
        )
        for part in self.complaint.parts.all():
            judgement = rng.choices(Judgement.values, [30, 20, 40, 10])[0]
            if self.complaint.hearing_skip_reason == HearingSkipReason.CLEARLY_UNFOUNDED:
                judgement = Judgement.UNFOUNDED  # only then may hearing be skipped for that reason
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
        self.step("decide", self.handler)
        self._learn_and_close(formal=True)

    def _learn_and_close(self, formal: bool = False) -> None:
        rng = self.rng
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
        if not self.later(0.1, 2):
            return
        self.step("close", self.coordinator)
        if formal and rng.random() < 0.08 and self.later(20, 60):
            services.record_ombudsman(self.complaint, on=self.at.date(), actor=self.coordinator, at=self.at)
