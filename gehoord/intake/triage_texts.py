"""The texts of the triage destinations Gehoord ships with (migration 0002), for the translation catalogue.

They live in the database, where a municipality may change them. While a text
is still the default, an English page shows its translation; a municipality's
own text stays Dutch and is marked lang="nl" (gehoord.core.languages).
A test keeps this list in step with the migration.
"""

from django.utils.translation import gettext_noop

DEFAULT_TRIAGE_TEXTS = (
    gettext_noop("Iets is kapot, vies of gevaarlijk op straat of in het groen"),
    gettext_noop("Melding openbare ruimte"),
    gettext_noop(
        "Een losse stoeptegel, een kapotte lantaarnpaal of zwerfafval is geen klacht maar een melding. "
        "Die kunt u het snelst doen met het meldformulier; dan wordt het probleem direct opgepakt."
    ),
    gettext_noop("Doe een melding"),
    gettext_noop("Ik ben het niet eens met een besluit van de gemeente"),
    gettext_noop("Bezwaar maken"),
    gettext_noop(
        "Bent u het niet eens met een besluit, zoals een vergunning, een uitkering of een belastingaanslag? "
        "Dan maakt u bezwaar. Dat moet binnen zes weken na de datum van het besluit."
    ),
    gettext_noop("Ik heb schade en wil dat de gemeente die vergoedt"),
    gettext_noop("Schade melden"),
    gettext_noop(
        "Heeft u schade door toedoen van de gemeente, bijvoorbeeld door een gat in de weg? "
        "Dan dient u een schadeclaim in, geen klacht."
    ),
    gettext_noop("Ik wil documenten of informatie van de gemeente inzien"),
    gettext_noop("Woo-verzoek"),
    gettext_noop(
        "Wilt u informatie of documenten van de gemeente ontvangen? Dan doet u een verzoek op grond van de "
        "Wet open overheid (Woo)."
    ),
    gettext_noop("Woo-verzoek indienen"),
)
