"""Texts for the demo data: what people in a Dutch municipality complain about."""

DEPARTMENTS = [
    ("Burgerzaken", "burgerzaken"),
    ("Belastingen", "belastingen"),
    ("Openbare Ruimte", "openbare-ruimte"),
    ("Vergunningen en Handhaving", "vergunningen"),
    ("Sociaal Domein", "sociaal-domein"),
    ("Klantcontactcentrum", "kcc"),
    ("Afval en Reiniging", "afval"),
    ("Parkeren", "parkeren"),
]

# department code -> (description, desired outcome)
COMPLAINTS = {
    "burgerzaken": [
        (
            "Ik had een afspraak voor een nieuw paspoort, maar bij de balie werd ik na 40 minuten wachten "
            "weggestuurd omdat het systeem niet werkte. Niemand bood excuses aan.",
            "Een nieuwe afspraak op korte termijn en excuses.",
        ),
        (
            "De medewerker aan de balie sprak mij op een neerbuigende toon aan toen ik vroeg om uitleg over "
            "de uittreksels.",
            "Dat medewerkers vriendelijk blijven, ook als je iets niet snapt.",
        ),
        (
            "Mijn verhuizing is drie weken na mijn melding nog steeds niet verwerkt, waardoor mijn toeslag "
            "stopt. Ik ben twee keer teruggebeld beloofd, maar er belde niemand.",
            "Dat de verhuizing wordt verwerkt en dat iemand mij terugbelt.",
        ),
    ],
    "belastingen": [
        (
            "Ik heb drie keer gebeld over de aanslag rioolheffing en kreeg drie verschillende antwoorden.",
            "Eén duidelijk antwoord, schriftelijk.",
        ),
        (
            "Mijn verzoek om kwijtschelding is na vier maanden nog niet beantwoord; intussen kreeg ik een "
            "aanmaning met kosten.",
            "Dat de aanmaningskosten vervallen.",
        ),
        (
            "Op mijn e-mail over de WOZ-waarde kreeg ik een standaardantwoord dat niet over mijn vraag ging.",
            "Een antwoord op mijn eigen vraag.",
        ),
    ],
    "openbare-ruimte": [
        (
            "Ik meld al maanden dat de stoeptegels voor mijn deur losliggen. Mijn moeder is gevallen. Elke "
            "keer wordt de melding gesloten zonder dat er iets gebeurt.",
            "Dat de stoep wordt hersteld en dat meldingen niet zomaar worden gesloten.",
        ),
        (
            "De aannemer van de gemeente heeft bij werkzaamheden mijn heg beschadigd en de gemeente wijst "
            "naar de aannemer.",
            "Dat de gemeente dit met de aannemer oplost.",
        ),
        (
            "Het speeltuintje in onze straat is al een half jaar afgesloten zonder uitleg aan de buurt.",
            "Uitleg en een datum waarop het weer open gaat.",
        ),
    ],
    "vergunningen": [
        (
            "Mijn aanvraag voor een dakkapel ligt al vier maanden stil en ik krijg geen antwoord op mijn "
            "e-mails aan de behandelaar.",
            "Dat ik weet waar mijn aanvraag staat.",
        ),
        (
            "De handhaver was bij de controle onbeschoft en filmde mij zonder te vragen.",
            "Excuses en dat de beelden worden verwijderd.",
        ),
    ],
    "sociaal-domein": [
        (
            "Het keukentafelgesprek voor mijn WMO-aanvraag is twee keer op het laatste moment afgezegd.",
            "Dat het gesprek nu echt doorgaat.",
        ),
        (
            "Ik voelde me bij het gesprek over mijn uitkering niet serieus genomen; de consulent keek "
            "alleen naar haar scherm.",
            "Een andere consulent.",
        ),
        (
            "De gemeente heeft mijn persoonlijke gegevens naar het verkeerde adres gestuurd.",
            "Dat de gemeente uitlegt hoe dit kon en wat ermee is gebeurd.",
        ),
    ],
    "kcc": [
        (
            "Ik hing 35 minuten in de wacht bij 14 0 en werd daarna doorverbonden naar een verkeerde "
            "afdeling, waar niemand opnam.",
            "Dat ik teruggebeld word zoals beloofd.",
        ),
        ("Mijn terugbelverzoek is drie keer niet uitgevoerd.", "Eindelijk teruggebeld worden."),
    ],
    "afval": [
        (
            "De container is drie weken achter elkaar niet geleegd, terwijl hij op tijd aan de straat stond.",
            "Dat de container wordt geleegd en dat ik compensatie krijg.",
        ),
        (
            "De vuilniswagen heeft mijn auto beschadigd en de chauffeur reed gewoon door.",
            "Dat de schade wordt vergoed.",
        ),
    ],
    "parkeren": [
        (
            "Ik kreeg een parkeerboete terwijl mijn vergunning geldig was; het bezwaar wordt niet "
            "behandeld en niemand neemt de telefoon op.",
            "Dat iemand naar mijn situatie kijkt.",
        ),
        (
            "De handhaver schreef mij een bon terwijl ik mijn gehandicapte zoon in de auto hielp.",
            "Begrip en excuses.",
        ),
    ],
}

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

REFERRALS = [
    "Melding openbare ruimte (het meldformulier)",
    "Bezwaarschriftencommissie",
    "Schadeclaim: afdeling Verzekeringen",
    "Woo-verzoek: juridische zaken",
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
        "Ingrid Smit",
        "Ingrid Smit",
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
