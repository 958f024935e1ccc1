"""Texts for the demo data: what people in a Dutch municipality complain about.

Every text fits the route the demo walks it along: a complaint that is not
handled (Awb 9:8) says what makes its ground plausible, a bezwaar that arrived
as a complaint reads like a bezwaar, and a complaint about failing to decide in
time says so.
"""

from __future__ import annotations

from dataclasses import dataclass

DEPARTMENTS = [
    ("Burgerzaken", "burgerzaken"),
    ("Belastingen", "belastingen"),
    ("Openbare Ruimte", "openbare-ruimte"),
    ("Vergunningen en Handhaving", "vergunningen"),
    ("Sociaal Domein", "sociaal-domein"),
    ("Klantcontactcentrum", "kcc"),
    ("Afval en Reiniging", "afval"),
    ("Parkeren", "parkeren"),
    ("Juridische Zaken", "juridische-zaken"),
    ("Griffie", "griffie"),
]
# The departments' names on the English pages (Department.name_en).
DEPARTMENT_NAMES_EN = {
    "burgerzaken": "Civil Affairs",
    "belastingen": "Taxes",
    "openbare-ruimte": "Public Space",
    "vergunningen": "Permits and Enforcement",
    "sociaal-domein": "Social Services",
    "kcc": "Customer Contact Centre",
    "afval": "Waste and Street Cleaning",
    "parkeren": "Parking",
    "juridische-zaken": "Legal Affairs",
    "griffie": "Council Clerk's Office",
}
# Departments with a shared mailbox: where documents that are not complaints are forwarded to.
DEPARTMENT_EMAILS = {
    "juridische-zaken": "juridischezaken@gemeente.example",
    "griffie": "griffie@gemeente.example",
}


@dataclass(frozen=True)
class Story:
    """A complaint as the complainant wrote it, and what it is about."""

    description: str
    desired: str
    # How many identifiable employees it is about: they get the 9:9 copy and a hearing (9:10).
    persons: int = 0
    # The conduct is failing to decide in time: 9:8 lid 1 c and d are no ground then.
    failure_to_decide: bool = False
    # Damage was paid or a claim settled: the file is kept 7 years (Selectielijst 2020, 13).
    financial: bool = False
    # The bestuursorgaan the conduct is attributed to, when not the college (CompetentOrgan value).
    organ: str = ""


# department code -> what people complain about there
COMPLAINTS: dict[str, list[Story]] = {
    "burgerzaken": [
        Story(
            "Ik had een afspraak voor een nieuw paspoort, maar bij de balie werd ik na 40 minuten wachten "
            "weggestuurd omdat het systeem niet werkte. Niemand bood excuses aan.",
            "Een nieuwe afspraak op korte termijn en excuses.",
        ),
        Story(
            "De medewerker aan de balie sprak mij op een neerbuigende toon aan toen ik vroeg om uitleg over "
            "de uittreksels.",
            "Dat medewerkers vriendelijk blijven, ook als je iets niet snapt.",
            persons=1,
        ),
        Story(
            "Mijn verhuizing is drie weken na mijn melding nog steeds niet verwerkt, waardoor mijn toeslag "
            "stopt. Ik ben twee keer teruggebeld beloofd, maar er belde niemand.",
            "Dat de verhuizing wordt verwerkt en dat iemand mij terugbelt.",
        ),
        Story(
            "Aan de balie zei de medewerker dat mijn rijbewijs klaarlag; aan de telefoon zei een collega "
            "daarna dat het nog niet was aangevraagd. Niemand van de twee nam de moeite het uit te zoeken.",
            "Dat de gemeente uitzoekt wat er misging en mij één antwoord geeft.",
            persons=2,
        ),
    ],
    "belastingen": [
        Story(
            "Ik heb drie keer gebeld over de aanslag rioolheffing en kreeg drie verschillende antwoorden.",
            "Eén duidelijk antwoord, schriftelijk.",
        ),
        Story(
            "Op mijn verzoek om kwijtschelding is na vier maanden nog steeds niet beslist; intussen kreeg "
            "ik een aanmaning met kosten.",
            "Dat er op mijn verzoek wordt beslist en dat de aanmaningskosten vervallen.",
            failure_to_decide=True,
        ),
        Story(
            "Op mijn e-mail over de WOZ-waarde kreeg ik van de medewerker een standaardantwoord dat niet "
            "over mijn vraag ging.",
            "Een antwoord op mijn eigen vraag.",
            persons=1,
        ),
    ],
    "openbare-ruimte": [
        Story(
            "Ik meld al maanden dat de stoeptegels voor mijn deur losliggen. Mijn moeder is gevallen. Elke "
            "keer wordt de melding gesloten zonder dat er iets gebeurt.",
            "Dat de stoep wordt hersteld en dat meldingen niet zomaar worden gesloten.",
        ),
        Story(
            "De aannemer van de gemeente heeft bij werkzaamheden mijn heg beschadigd en de gemeente wijst "
            "naar de aannemer.",
            "Dat de gemeente dit met de aannemer oplost.",
            financial=True,
        ),
        Story(
            "Het speeltuintje in onze straat is al een half jaar afgesloten zonder uitleg aan de buurt.",
            "Uitleg en een datum waarop het weer open gaat.",
        ),
    ],
    "vergunningen": [
        Story(
            "Op mijn aanvraag voor een dakkapel is de beslistermijn al twee maanden verstreken; ik krijg geen "
            "antwoord op mijn e-mails aan de behandelaar.",
            "Dat er nu op mijn aanvraag wordt beslist en dat ik weet waar die staat.",
            persons=1,
            failure_to_decide=True,
        ),
        Story(
            "De handhaver was bij de controle onbeschoft en filmde mij zonder te vragen.",
            "Excuses en dat de beelden worden verwijderd.",
            persons=1,
        ),
    ],
    "sociaal-domein": [
        Story(
            "Het keukentafelgesprek voor mijn Wmo-aanvraag is twee keer op het laatste moment afgezegd.",
            "Dat het gesprek nu echt doorgaat.",
        ),
        Story(
            "Ik voelde me bij het gesprek over mijn uitkering niet serieus genomen; de consulent keek "
            "alleen naar haar scherm.",
            "Een andere consulent.",
            persons=1,
        ),
        Story(
            "De gemeente heeft mijn persoonlijke gegevens naar het verkeerde adres gestuurd.",
            "Dat de gemeente uitlegt hoe dit kon en wat ermee is gebeurd.",
        ),
    ],
    "kcc": [
        Story(
            "Ik hing 35 minuten in de wacht bij 14 0 en werd daarna doorverbonden naar een verkeerde "
            "afdeling, waar niemand opnam.",
            "Dat ik teruggebeld word zoals beloofd.",
        ),
        Story(
            "De medewerker van het klantcontactcentrum beloofde drie keer dat ik teruggebeld zou worden. "
            "Dat is nooit gebeurd.",
            "Eindelijk teruggebeld worden.",
            persons=1,
        ),
    ],
    "afval": [
        Story(
            "De container is drie weken achter elkaar niet geleegd, terwijl hij op tijd aan de straat stond.",
            "Dat de container wordt geleegd en dat ik compensatie krijg.",
        ),
        Story(
            "De vuilniswagen heeft mijn auto beschadigd en de chauffeur reed gewoon door.",
            "Dat de schade wordt vergoed.",
            financial=True,
        ),
    ],
    "parkeren": [
        Story(
            "Op mijn bezwaar tegen een parkeerboete is na drie maanden nog niet beslist en niemand neemt "
            "de telefoon op.",
            "Dat er op mijn bezwaar wordt beslist.",
            failure_to_decide=True,
        ),
        Story(
            "De handhaver schreef mij een bon terwijl ik mijn gehandicapte zoon in de auto hielp, en "
            "luisterde niet naar mijn uitleg.",
            "Begrip en excuses.",
            persons=1,
        ),
    ],
}

# Conduct attributed to the burgemeester or the gemeenteraad: they decide and sign (Awb 9:1).
ORGAN_COMPLAINTS: dict[str, list[Story]] = {
    "vergunningen": [
        Story(
            "Bij de sluiting van mijn café op last van de burgemeester legde de ambtenaar openbare orde mij "
            "niets uit over hoe ik de sluiting kan laten opheffen, en hij hing op toen ik het vroeg.",
            "Uitleg over wat ik moet doen en een fatsoenlijk gesprek.",
            persons=1,
            organ="mayor",
        ),
        Story(
            "Over de evenementenvergunning voor ons buurtfeest, waarover de burgemeester gaat, kregen wij "
            "vier weken lang geen antwoord op onze e-mails.",
            "Dat wij voortaan binnen een week antwoord krijgen.",
            organ="mayor",
        ),
    ],
    "griffie": [
        Story(
            "Ik had mij op tijd aangemeld om in te spreken bij de raadscommissie over het bestemmingsplan. "
            "De griffie heeft mijn aanmelding niet doorgegeven, waardoor ik niet kon inspreken.",
            "Dat ik alsnog mijn zienswijze aan de raad kan toelichten.",
            organ="council",
        ),
        Story(
            "Mijn brief aan de gemeenteraad over de sluiting van de bibliotheek is nooit op de lijst van "
            "ingekomen stukken gezet.",
            "Dat de raad mijn brief alsnog krijgt.",
            organ="council",
        ),
    ],
}

# A complaint whose file is kept permanently: it influenced a case kept forever (a rijksmonument).
PERMANENT_STORY = (
    "vergunningen",
    Story(
        "Bij de restauratie van ons rijksmonument gaf de medewerker monumentenzorg ons twee keer een ander "
        "advies over het herstel van de gevel, waardoor het werk stil kwam te liggen.",
        "Eén duidelijk advies en erkenning dat het misging.",
        persons=1,
    ),
)


@dataclass(frozen=True)
class NotHandledStory:
    """A complaint the organ need not handle (Awb 9:8), and the reasoning recorded for it.

    `{conduct}` in a text is filled in with the date of the conduct.
    """

    description: str
    desired: str
    reason: str


# NotHandledGround value -> complaints for which that ground is plausible.
NOT_HANDLED: dict[str, list[NotHandledStory]] = {
    # Lid 1 a: the same conduct was the subject of a complaint handled before.
    "already_handled": [
        NotHandledStory(
            "Ik klaag opnieuw over de medewerker van Burgerzaken die mij in het voorjaar aan de balie "
            "afwees. Over mijn eerdere klacht is beslist, maar ik ben het nog steeds niet eens met de uitkomst.",
            "Dat de zaak opnieuw wordt bekeken.",
            "Over deze gedraging is eerder een klacht behandeld volgens artikel 9:4 e.v. Awb en daarop is "
            "beslist. De klager noemt geen nieuwe feiten.",
        ),
        NotHandledStory(
            "Dit is dezelfde klacht als mijn klacht van vorig najaar over het niet ophalen van mijn "
            "container. Ik wil er alsnog een ander oordeel over.",
            "Een ander oordeel.",
            "De klacht over het niet legen van de container is eerder formeel behandeld; er is geen "
            "nieuwe gedraging.",
        ),
    ],
    # Lid 1 b: the conduct was more than a year before the complaint.
    "older_than_a_year": [
        NotHandledStory(
            "Op {conduct} beloofde een medewerker van Openbare Ruimte ons bericht over de kap van de bomen "
            "in onze straat. Dat bericht is nooit gekomen; daar wil ik nu toch over klagen.",
            "Excuses en uitleg waarom wij niets hoorden.",
            "De gedraging vond plaats op {conduct}, meer dan een jaar voordat de klacht binnenkwam.",
        ),
        NotHandledStory(
            "Op {conduct} werd ik bij het loket Parkeren onheus bejegend door een medewerker. Ik heb er "
            "toen niets mee gedaan, maar het zit mij nog steeds dwars.",
            "Dat de medewerker erop wordt aangesproken.",
            "De bejegening was op {conduct}, meer dan een jaar vóór de klacht.",
        ),
    ],
    # Lid 1 c: the conduct is a decision against which a bezwaar lies open.
    "objection": [
        NotHandledStory(
            "Ik ben het niet eens met de aanslag afvalstoffenheffing die ik deze maand kreeg: ik woon alleen "
            "en word aangeslagen als meerpersoonshuishouden. Die aanslag is onjuist.",
            "Een lagere aanslag.",
            "De klacht gaat over de aanslag zelf, een besluit waartegen bezwaar kan worden gemaakt.",
        ),
        NotHandledStory(
            "De gemeente heeft mijn aanvraag voor een gehandicaptenparkeerkaart afgewezen. Die beslissing "
            "is onterecht en ik wil dat die wordt teruggedraaid.",
            "Dat ik de parkeerkaart alsnog krijg.",
            "De klacht richt zich tegen de afwijzing van de aanvraag; daartegen kan bezwaar worden gemaakt.",
        ),
    ],
    # Lid 1 d: the conduct is a decision against which a beroep lies open.
    "appeal": [
        NotHandledStory(
            "De gemeente heeft mijn bezwaar tegen de weigering van een vergunning voor mijn schuur "
            "ongegrond verklaard. Die beslissing op bezwaar is onjuist en moet worden herzien.",
            "Dat ik de vergunning krijg.",
            "De klacht gaat over de beslissing op bezwaar; daartegen staat beroep open bij de rechtbank.",
        ),
        NotHandledStory(
            "Mijn bezwaar tegen de WOZ-waarde van mijn woning is afgewezen. De waarde is nog steeds veel "
            "te hoog en dat klopt niet.",
            "Een lagere WOZ-waarde.",
            "De klacht richt zich tegen de uitspraak op bezwaar over de WOZ-waarde; daartegen kan beroep "
            "worden ingesteld.",
        ),
    ],
    # Lid 1 e: the conduct is before a court other than an administrative court.
    "court": [
        NotHandledStory(
            "Ik klaag over de manier waarop de gemeente de opzegging van de huur van mijn volkstuin heeft "
            "afgehandeld. Ik heb de gemeente daarover gedagvaard bij de kantonrechter.",
            "Dat de opzegging wordt ingetrokken.",
            "Dezelfde gedraging is voorgelegd aan de kantonrechter, een andere dan een bestuursrechter.",
        ),
    ],
    # Lid 1 f: a criminal investigation into the conduct is under way.
    "criminal_investigation": [
        NotHandledStory(
            "Bij een controle in het winkelcentrum heeft een handhaver van de gemeente mij volgens mij hard "
            "vastgepakt. Ik heb daarvan aangifte gedaan bij de politie.",
            "Dat de handhaver wordt gestraft.",
            "Naar aanleiding van de aangifte loopt een opsporingsonderzoek naar deze gedraging.",
        ),
    ],
    # Lid 2: the complainant's interest or the weight of the conduct is clearly insufficient.
    "insufficient_interest": [
        NotHandledStory(
            "De medewerker aan de telefoon zei 'hoi' in plaats van 'goedemiddag'. Dat vind ik niet passend "
            "voor een gemeente.",
            "Dat medewerkers netjes groeten.",
            "Het gewicht van de gedraging is kennelijk onvoldoende; de opmerking is wel aan het team "
            "doorgegeven.",
        ),
        NotHandledStory(
            "Op de website van de gemeente stond bij de openingstijden van het zwembad een tikfout.",
            "Dat de fout wordt hersteld.",
            "Het belang van de klager is kennelijk onvoldoende; de tikfout is inmiddels hersteld.",
        ),
    ],
}

# Written to the complaints desk, but not a complaint about conduct: referred (no Awb chapter 9).
REFERRALS = [
    (
        "De lantaarnpaal voor ons huis is al een week kapot.",
        "Dat hij wordt gemaakt.",
        "Melding openbare ruimte (het meldformulier)",
    ),
    (
        "Er wordt in onze straat veel te hard gereden, er moeten drempels komen.",
        "Drempels.",
        "Melding openbare ruimte (het meldformulier)",
    ),
    (
        "Mijn buren maken elke nacht lawaai en ik weet niet meer wat ik moet doen.",
        "Rust.",
        "Buurtbemiddeling",
    ),
    (
        "Ik heb een vraag over mijn aangifte inkomstenbelasting.",
        "Een antwoord.",
        "de Belastingdienst",
    ),
]

# DocumentKind value -> documents that arrived as a complaint but are something else (Awb 2:3, 6:15).
FORWARDED: dict[str, list[str]] = {
    "objection": [
        "Hierbij maak ik bezwaar tegen het besluit over mijn bijzondere bijstand. Ik ben het niet eens met "
        "de afwijzing en vraag u het besluit te herzien.",
        "Ik maak bezwaar tegen de WOZ-beschikking voor mijn woning: de vastgestelde waarde is veel te hoog.",
    ],
    "woo_request": [
        "Ik verzoek op grond van de Wet open overheid om alle stukken over de herinrichting van het "
        "Stationsplein, met de e-mails tussen de gemeente en de aannemer.",
    ],
    "damage_claim": [
        "Door een losliggende stoeptegel op de Kerkweg ben ik gevallen; mijn bril en telefoon zijn kapot. "
        "Ik stel de gemeente aansprakelijk voor de schade van 480 euro.",
    ],
}

# DocumentKind value -> (name as the sender reads it, department code, e-mail or "" for the department's)
FORWARDING_DESTINATIONS = {
    "objection": ("de bezwaarschriftencommissie", "juridische-zaken", "bezwaar@gemeente.example"),
    "woo_request": ("de Woo-coördinator van Juridische Zaken", "juridische-zaken", "woo@gemeente.example"),
    "damage_claim": ("het team Aansprakelijkheid en schade", "juridische-zaken", ""),
}

# Anonymous complaints: looked into as a signal and learned from (Awb 9:1, 9:4).
ANONYMOUS_SIGNALS = [
    (
        "Anonieme brief: bij de balie van Burgerzaken worden de gegevens van klanten hardop besproken, "
        "terwijl de volgende in de rij meeluistert.",
        "burgerzaken",
        "Aan de balie is een wachtstreep geplaatst en de medewerkers zijn erop gewezen.",
    ),
    (
        "Een bewoner die anoniem wil blijven: bij de milieustraat worden bezoekers op drukke zaterdagen "
        "afgesnauwd.",
        "afval",
        "Besproken met de ploegleider; op zaterdag staat er voortaan een extra medewerker.",
    ),
]

# Gemachtigden (Awb 2:1): name, organisation, e-mail, postal address.
REPRESENTATIVES = [
    (
        "mr. A. de Haan",
        "Het Juridisch Loket",
        "a.dehaan@juridischloket.example",
        "Postbus 2000\n3500 GA Utrecht",
    ),
    ("L. Verbeek", "MEE", "l.verbeek@mee.example", "Stationsweg 12\n1000 AB Voorbeeldstad"),
    ("J. Bakker", "", "j.bakker@example.nl", "Molenlaan 7\n1000 CD Voorbeeldstad"),
]

# Awb 9:10 lid 3: the written reports of a hearing.
COMPLAINANT_REPORTS = [
    "Klager lichtte toe wat er gebeurde en wat het voor hem betekende. Hij verwacht vooral dat de "
    "gemeente erkent dat het anders had gemoeten.",
    "Klaagster vertelde uitgebreid hoe het contact verliep. Zij bevestigde de feiten uit het dossier en "
    "vulde aan dat zij twee keer zelf heeft gebeld.",
    "Klager en zijn dochter waren aanwezig. Klager gaf aan dat een excuus voor hem voldoende is.",
]
EMPLOYEE_REPORTS = [
    "De medewerker gaf haar lezing: de drukte aan de balie was groot en zij erkent kortaf te zijn geweest.",
    "De medewerker bevestigde dat de terugbelafspraak niet is vastgelegd en dat die daardoor is vergeten.",
    "De medewerker herkent het beeld van de klager niet; volgens hem is de regel uitgelegd en bleef het gesprek rustig.",
]
HEARING_LOCATIONS = ["Gemeentehuis, spreekkamer 2", "Gemeentehuis, spreekkamer 4", "Videogesprek (Teams)"]
HOW_ANSWERED = ["telefonisch", "per e-mail", "met het antwoordformulier bij de uitnodiging"]
HOW_SATISFIED = [
    "telefonisch laten weten tevreden te zijn",
    "per e-mail bevestigd",
    "in het gesprek aan de keukentafel",
]
HOW_FORMAL_REQUESTED = [
    "per e-mail: wil toch een formeel oordeel",
    "telefonisch: de afspraak is niet nagekomen",
]
# Awb 9:10 lid 2 onder b without an invitation: the complainant said so on their own.
HOW_WAIVED = ["telefonisch laten weten niet gehoord te willen worden", "in de klachtbrief zelf aangegeven"]
# Awb 9:10 lid 2 onder a: why the complaint is clearly unfounded.
CLEARLY_UNFOUNDED = [
    "Uit het registratiesysteem blijkt dat de container op alle genoemde dagen is geleegd; de klacht is "
    "kennelijk ongegrond en horen kan daar niets aan veranderen.",
    "De brief waarvan de klager zegt dat die nooit is verstuurd, is aangetekend verzonden en door de "
    "klager zelf getekend voor ontvangst. De klacht is kennelijk ongegrond.",
]
POSTPONEMENT_REASONS = [
    "Het onderzoek vraagt meer tijd: de betrokken medewerker is afwezig.",
    "De hoorzitting kon pas laat worden gepland; het verslag moet nog worden vastgesteld.",
    "Er is informatie opgevraagd bij de aannemer; die is nog niet binnen.",
]
CONSENT_HOW = [
    "per e-mail ingestemd met uitstel tot na de hoorzitting",
    "schriftelijk ingestemd met het antwoordformulier",
]

INFORMAL_SOLUTIONS = [
    "Klager teruggebeld, excuses aangeboden en een nieuwe afspraak binnen een week gemaakt.",
    "Medewerker heeft met klager gebeld en de situatie uitgelegd; klager is tevreden.",
    "Het probleem is dezelfde week opgelost; klager bevestigde per e-mail tevreden te zijn.",
    "Gesprek aan de keukentafel gehad; afspraken schriftelijk bevestigd.",
]

FINDINGS = [
    "Uit het dossier en het gesprek met de betrokken medewerker blijkt dat de klager niet tijdig is "
    "teruggebeld, hoewel dat wel was toegezegd.",
    "De gemeente heeft de melding gesloten zonder de klager te informeren over de reden.",
    "De medewerker heeft volgens de eigen werkinstructie gehandeld; de klager is uitgebreid geïnformeerd.",
]

LEARNING = [
    (
        True,
        "Terugbelafspraken worden voortaan in het klantvolgsysteem vastgelegd en bewaakt.",
        "Wij hebben onze werkwijze aangepast: toezeggingen om terug te bellen worden nu bewaakt.",
    ),
    (
        True,
        "Meldingen worden niet meer gesloten zonder bericht aan de melder.",
        "U krijgt voortaan altijd bericht voordat een melding wordt gesloten.",
    ),
    (False, "De medewerker handelde correct; wel besproken in het teamoverleg als voorbeeld.", ""),
]

# Social-media posts about the municipality: (platform, author handle, author name, text).
SOCIAL_POSTS = [
    (
        "x",
        "@petra_j",
        "Petra Jansen",
        "@gemeente al drie weken geen reactie op mijn melding over de losliggende stoeptegels. Hallo?",
    ),
    (
        "facebook",
        "Karin de Boer",
        "Karin de Boer",
        "Waarom wordt bij ons in de straat het afval weer niet opgehaald? Derde keer deze maand.",
    ),
    (
        "mastodon",
        "@willem@mastodon.example",
        "Willem",
        "@gemeente De medewerker aan de balie was echt onvriendelijk vanochtend. Jammer.",
    ),
    (
        "instagram",
        "@sanne.b",
        "Sanne",
        "Twee uur in de wacht gestaan bij de gemeente en toen werd ik afgebroken.",
    ),
    ("x", "@henk1962", "Henk", "Mooi weer vandaag in het park! @gemeente doet het goed met het groen."),
    (
        "facebook",
        "Youssef El Idrissi",
        "Youssef El Idrissi",
        "Mijn parkeervergunning is al zes weken onderweg. Niemand weet waar die is.",
    ),
    (
        "linkedin",
        "Ingrid van der Meer",
        "Ingrid van der Meer",
        "Als ondernemer drie keer een ander antwoord gekregen over dezelfde vergunning. Frustrerend.",
    ),
    (
        "mastodon",
        "@noor@social.example",
        "Noor",
        "@gemeente beloofd teruggebeld te worden over mijn WMO-aanvraag, nooit gebeurd.",
    ),
]

# Improvement measures the organisation took.
MEASURES = [
    "Terugbelafspraken worden in het klantvolgsysteem vastgelegd en dagelijks bewaakt.",
    "Meldingen openbare ruimte worden pas gesloten nadat de melder bericht heeft gekregen.",
    "Baliemedewerkers volgen een training 'lastige gesprekken'.",
    "Brieven over vergunningen worden binnen tien werkdagen beantwoord; de wachtrij is zichtbaar op het teambord.",
    "De website legt in gewone woorden uit hoe lang een parkeervergunning duurt.",
    "Na elke klacht over de afvalinzameling belt de inzamelaar de bewoner zelf terug.",
]
