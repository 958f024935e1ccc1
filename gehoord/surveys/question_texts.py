"""The texts of the default survey (migration 0002), for the translation catalogue.

They live in the database, where the admin may change them. While a text is
still the default, an English survey shows its translation; the admin's own
text stays Dutch and is marked lang="nl" (gehoord.core.languages). A test keeps
this list in step with the migration.
"""

from django.utils.translation import gettext_noop

DEFAULT_QUESTION_TEXTS = (
    gettext_noop("Hoe tevreden bent u over de manier waarop uw klacht is behandeld?"),
    gettext_noop("Hoe snel nam een medewerker persoonlijk contact met u op?"),
    gettext_noop("Hoe tevreden bent u over het contact met de medewerker?"),
    gettext_noop("Voelde u zich gehoord?"),
    gettext_noop("Was het duidelijk wat er met uw klacht zou gebeuren?"),
    gettext_noop("Hoe vond u de duur van de afhandeling?"),
    gettext_noop("Te lang"),
    gettext_noop("Precies goed"),
    gettext_noop("Sneller dan verwacht"),
    gettext_noop("Wat kunnen wij beter doen?"),
    gettext_noop("Schrijf geen namen of andere persoonlijke gegevens op."),
)
