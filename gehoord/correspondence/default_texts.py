"""The texts every municipality starts with: one per kind of letter, in the template language.

These are what a new installation sends, and what "standaardtekst herstellen"
in the admin goes back to. A municipality edits its own copy
(:class:`~gehoord.correspondence.models.LetterTemplate`); a change here reaches
only the kinds a municipality never edited. The language is described in
:mod:`gehoord.correspondence.templating`, the placeholders in
:mod:`gehoord.correspondence.placeholders`.

Letters are Dutch, B1 level: short sentences, "u", what happens next.
"""

from __future__ import annotations

from dataclasses import dataclass

from gehoord.correspondence.constants import LetterKind


@dataclass(frozen=True)
class LetterText:
    subject: str
    # The first paragraph of the e-mail: the letter's gist, so that the e-mail
    # can be understood without opening the PDF.
    email_summary: str
    body: str


_THANKS = "Bedankt dat u de moeite neemt om ons te laten weten dat u niet tevreden bent."

_OMBUDSMAN = """\
Dan kunt u zich wenden tot {{ ombudsman }}. Doe dat binnen één jaar na de datum van deze brief \
(artikel 9:24 Algemene wet bestuursrecht). De ombudsman bekijkt dan opnieuw hoe wij met u zijn omgegaan.

{{ ombudsman_adres }}"""

DEFAULT_TEXTS: dict[str, LetterText] = {
    # Awb 9:6: the written acknowledgment of receipt. It says what happens next
    # (personal contact, informal first), the right to be heard in the formal
    # procedure (9:10), the decision term (9:11) and that the employee the
    # complaint is about receives a copy (9:9). It never names that employee.
    LetterKind.ACKNOWLEDGMENT: LetterText(
        subject="Ontvangstbevestiging van uw klacht {{ kenmerk }}",
        email_summary=(
            "Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Bedankt dat u dit aan ons laat weten. "
            "Uiterlijk {{ datum_eerste_contact }} neemt een medewerker persoonlijk contact met u op. "
            "U hoort uiterlijk {{ datum_beslissing }} hoe wij uw klacht hebben afgehandeld. "
            "In de brief in de bijlage leest u wat er verder gebeurt."
        ),
        body=f"""\
Op {{{{ datum_ontvangst }}}} hebben wij uw klacht ontvangen. {_THANKS} Met deze brief bevestigen wij \
dat wij uw klacht hebben ontvangen. Uw klacht heeft het kenmerk {{{{ kenmerk }}}}.

## Wat gebeurt er nu?

Een medewerker neemt uiterlijk {{{{ datum_eerste_contact }}}} persoonlijk contact met u op. Dat is binnen \
{{{{ termijn_eerste_contact }}}} na ontvangst van uw klacht. Wij bespreken dan met u wat er is gebeurd en wat \
u van ons verwacht. Vaak kunnen wij samen met u snel een oplossing vinden. Daarom proberen wij uw klacht \
eerst op een informele manier op te lossen. Lukt dat, dan bevestigen wij de oplossing schriftelijk.

Lukt een informele oplossing niet, of wilt u dat liever niet, dan behandelen wij uw klacht formeel volgens \
hoofdstuk 9 van de Algemene wet bestuursrecht. U heeft dan het recht om gehoord te worden: u mag uw klacht \
mondeling toelichten. Ook de medewerker over wie u klaagt, wordt gehoord.

Wij handelen uw klacht uiterlijk {{{{ datum_beslissing }}}} af (artikel 9:11 Algemene wet bestuursrecht). \
Bij een formele behandeling krijgt u dan een schriftelijke beslissing. Hebben wij meer tijd nodig, dan kunnen \
wij de behandeling één keer met ten hoogste vier weken uitstellen. Dat laten wij u dan schriftelijk weten.

## Uw klacht volgen

Op uw persoonlijke pagina ziet u hoe het met uw klacht staat: {{{{ persoonlijke_link }}}}. Deel deze link \
niet met anderen.

## Wie krijgt uw klacht te zien?

Gaat uw klacht over hoe een medewerker van de gemeente u heeft behandeld? Dan krijgt die medewerker een kopie \
van uw klacht en van de bijlagen (artikel 9:9 Algemene wet bestuursrecht). Zo kan de medewerker op uw klacht \
reageren. Wij gebruiken uw gegevens alleen om uw klacht te behandelen.
""",
    ),
    # Awb 9:4: a written complaint is signed and carries name and address, the
    # date and a description of the conduct. When something is missing the
    # complainant gets the chance to supply it, within a term.
    LetterKind.MISSING_ELEMENTS: LetterText(
        subject="Wij missen nog gegevens bij uw klacht {{ kenmerk }}",
        email_summary=(
            "Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Om uw klacht te kunnen behandelen, "
            "hebben wij nog gegevens van u nodig. Wilt u die uiterlijk {{ reageren_voor }} aan ons sturen? "
            "In de brief in de bijlage leest u welke gegevens ontbreken."
        ),
        body=f"""\
Op {{{{ datum_ontvangst }}}} hebben wij uw klacht ontvangen. {_THANKS} Om uw klacht goed te kunnen behandelen, \
hebben wij nog gegevens van u nodig.

## Wat ontbreekt er?

{{{{ ontbrekende_gegevens }}}}

Een schriftelijke klacht is ondertekend en vermeldt uw naam en adres, de datum en een beschrijving van wat er \
is gebeurd (artikel 9:4 Algemene wet bestuursrecht).

## Wat vragen wij van u?

Wilt u de ontbrekende gegevens uiterlijk {{{{ reageren_voor }}}} aan ons sturen? Dat kan op uw persoonlijke \
pagina: {{{{ persoonlijke_link }}}}. Deel deze link niet met anderen. U kunt de gegevens ook mailen naar \
{{{{ email_klachten }}}} of per post sturen. Noem daarbij ons kenmerk {{{{ kenmerk }}}}.

Hebben wij de gegevens niet op tijd? Dan kunnen wij uw klacht misschien niet behandelen. Heeft u meer tijd \
nodig, of heeft u hulp nodig? Bel ons gerust.
""",
    ),
    # Not a complaint: the message is not about how the municipality treated
    # the person (Awb 9:1), so it is not handled as one. The letter says where
    # it belongs instead. No internal notes.
    LetterKind.REFERRAL: LetterText(
        subject="Uw bericht {{ kenmerk }}: u kunt ergens anders terecht",
        email_summary=(
            "Op {{ datum_ontvangst }} heeft u ons een bericht gestuurd. Het gaat niet over hoe de gemeente u "
            "heeft behandeld. Daarom behandelen wij het niet als klacht. U kunt hiervoor terecht bij: "
            "{{ verwezen_naar }}. In de brief in de bijlage leest u meer."
        ),
        body="""\
Op {{ datum_ontvangst }} heeft u ons een bericht gestuurd. Bedankt daarvoor. Wij hebben uw bericht gelezen. \
Het gaat niet over hoe de gemeente of een medewerker van de gemeente u heeft behandeld. Daarom is het geen \
klacht, en behandelen wij het niet volgens de klachtenregeling.

## Waar kunt u terecht?

Met uw bericht kunt u terecht bij: **{{ verwezen_naar }}**. Daar kan men u verder helpen.

## Toch een klacht?

Bent u niet tevreden over hoe de gemeente of een medewerker u heeft behandeld? Neem dan contact met ons op. \
Dan bekijken wij uw bericht opnieuw als klacht.
""",
    ),
    # Awb 9:8: the complaint is not handled. The complainant is told in writing
    # as soon as possible and within four weeks of receipt, with the legal
    # ground and the ombudsman they may turn to.
    LetterKind.NOT_HANDLED: LetterText(
        subject="Wij nemen uw klacht {{ kenmerk }} niet in behandeling",
        email_summary=(
            "Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Wij nemen uw klacht niet in behandeling. "
            "In de brief in de bijlage leest u waarom, en dat u zich kunt wenden tot {{ ombudsman }}."
        ),
        body=f"""\
Op {{{{ datum_ontvangst }}}} hebben wij uw klacht ontvangen. {_THANKS} Wij hebben uw klacht bekeken en nemen \
haar niet in behandeling. In deze brief leest u waarom.

## Waarom behandelen wij uw klacht niet?

{{{{ uitleg_grond }}}}

De wet noemt de gevallen waarin wij een klacht niet hoeven te behandelen (artikel 9:8 Algemene wet \
bestuursrecht). Voor uw klacht is dat deze grond: {{{{ grond }}}}.

De wet vraagt ons u dit zo snel mogelijk te laten weten, en uiterlijk vier weken nadat wij uw klacht hebben \
ontvangen.

## Niet tevreden?

Bent u het niet eens met ons besluit om uw klacht niet te behandelen? {_OMBUDSMAN}
""",
    ),
    # Awb 9:11 lid 2: the decision is postponed once, by at most four weeks,
    # announced in writing, with the new date, the old one and the reason.
    LetterKind.POSTPONEMENT: LetterText(
        subject="Beslissing op uw klacht {{ kenmerk }} uitgesteld",
        email_summary=(
            "Wij hebben meer tijd nodig om te beslissen op uw klacht. U krijgt onze beslissing "
            "uiterlijk {{ datum_beslissing }}. In de brief in de bijlage leest u waarom."
        ),
        body="""\
Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Wij hebben u laten weten dat u uiterlijk \
{{ vorige_datum_beslissing }} onze beslissing op uw klacht krijgt. Dat lukt helaas niet: wij hebben meer \
tijd nodig.

## Waarom hebben wij meer tijd nodig?

{{ reden_verdaging }}

## Wanneer krijgt u onze beslissing?

Wij stellen onze beslissing uit met {{ verdaging }}. U krijgt onze beslissing uiterlijk \
**{{ datum_beslissing }}**. De wet staat toe dat wij de beslissing één keer met ten hoogste vier weken \
uitstellen (artikel 9:11 lid 2 Algemene wet bestuursrecht).

Wij vinden het vervelend dat u langer moet wachten. Heeft u vragen? Bel of mail ons gerust.
""",
    ),
    # Awb 9:10: the complainant is offered a hearing. The letter gives the
    # date, and the time and place when staff gave them; that the complainant
    # may bring someone, explain the complaint orally, or choose not to be
    # heard (9:10 lid 2); and that the employee complained about is invited
    # too. It never names that employee.
    LetterKind.HEARING_INVITATION: LetterText(
        subject="Uitnodiging voor een hoorzitting over uw klacht {{ kenmerk }}",
        email_summary=(
            "Wij nodigen u uit voor een hoorzitting over uw klacht op {{ datum_hoorzitting }}. Daar kunt u uw "
            "klacht mondeling toelichten. U mag iemand meenemen. Wilt u niet gehoord worden? Laat het "
            "ons dan vóór die datum weten. In de brief in de bijlage leest u meer over de hoorzitting."
        ),
        body="""\
Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Wij behandelen uw klacht formeel, volgens hoofdstuk 9 \
van de Algemene wet bestuursrecht. U heeft het recht om gehoord te worden (artikel 9:10 Algemene wet \
bestuursrecht). Daarom nodigen wij u uit voor een hoorzitting.

## Wanneer en waar?

{{ gegevens_hoorzitting }}

## Wat gebeurt er tijdens de hoorzitting?

Tijdens de hoorzitting kunt u uw klacht mondeling toelichten. U vertelt wat er is gebeurd en wat u van ons \
verwacht. Wij kunnen u ook vragen stellen. Van de hoorzitting maken wij een verslag (hoorverslag).

U mag iemand meenemen, bijvoorbeeld een familielid, een bekende of iemand die u helpt.

Ook de medewerker over wie u klaagt, nodigen wij uit om gehoord te worden. Zo kunnen wij beide kanten van het \
verhaal horen.

## Wilt u niet gehoord worden?

U bent niet verplicht om te komen. Wilt u niet gehoord worden? Laat het ons dan vóór {{ datum_hoorzitting }} \
weten. Dan kunnen wij de hoorzitting met u overslaan (artikel 9:10 lid 2 Algemene wet bestuursrecht). Wij \
beslissen dan op uw klacht met de informatie die wij al hebben.

## Kunt u niet op deze datum, of heeft u vragen?

Neem dan zo snel mogelijk contact met ons op: bel {{ telefoon_behandelaar }} of mail naar \
{{ email_klachten }}. Noem daarbij ons kenmerk {{ kenmerk }}. Heeft u hulp nodig om bij de hoorzitting te \
zijn, bijvoorbeeld een tolk? Laat het ons weten.

Uw klacht wordt behandeld door {{ naam_behandelaar }}.
""",
    ),
    # Awb 9:5: the complaint was handled informally to the complainant's
    # satisfaction. The municipality confirms the agreed solution in writing,
    # so that the satisfaction can be shown, and says what to do if the
    # complainant is not satisfied after all.
    LetterKind.INFORMAL_CONFIRMATION: LetterText(
        subject="Bevestiging van de oplossing voor uw klacht {{ kenmerk }}",
        email_summary=(
            "Wij hebben samen met u een oplossing voor uw klacht afgesproken. Met de brief in de "
            "bijlage bevestigen wij die afspraak. Bent u toch niet tevreden? Laat het ons binnen "
            "twee weken weten, dan behandelen we uw klacht formeel."
        ),
        body="""\
Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Daarna hebben wij met u gesproken over een \
oplossing. Met deze brief bevestigen wij wat wij samen hebben afgesproken.

## Wat hebben wij afgesproken?

{{ oplossing }}

U heeft ons laten weten dat u tevreden bent met deze oplossing. Daarmee is uw klacht afgehandeld \
(artikel 9:5 Algemene wet bestuursrecht).

## Bent u toch niet tevreden?

Bent u toch niet tevreden? Laat het ons binnen twee weken weten, dan behandelen we uw klacht formeel. U heeft \
dan ook het recht om gehoord te worden.
""",
    ),
    # Awb 9:12: the written, reasoned decision: the findings, the judgement on
    # every part with its reasoning (and, for a founded part, the norms of the
    # behoorlijkheidswijzer that were breached), the conclusions, and the
    # ombudsman the complainant may turn to within one year (9:24). No
    # objection or appeal clause (9:3): there is none.
    LetterKind.DECISION: LetterText(
        subject="Beslissing op uw klacht {{ kenmerk }}",
        email_summary=(
            "Wij hebben uw klacht van {{ datum_ontvangst }} onderzocht. In de brief in de bijlage leest u wat "
            "wij hebben onderzocht, wat ons oordeel is en wat wij concluderen."
        ),
        body=f"""\
Op {{{{ datum_ontvangst }}}} hebben wij uw klacht ontvangen. {_THANKS} Wij hebben uw klacht onderzocht. In \
deze brief leest u wat wij hebben onderzocht, wat ons oordeel is en wat wij daaruit concluderen (artikel 9:12 \
Algemene wet bestuursrecht).

Op {{{{ datum_hoorzitting }}}} hebben wij u de gelegenheid gegeven uw klacht mondeling toe te lichten.

## Wat wij hebben onderzocht

{{{{ bevindingen }}}}

## Ons oordeel

{{{{ oordeel_per_onderdeel }}}}

## Onze conclusie

{{{{ conclusies }}}}

## Niet tevreden?

Bent u het niet eens met onze beslissing, of met de manier waarop wij uw klacht hebben behandeld? {_OMBUDSMAN}
""",
    ),
    # The seed: a complainant whose complaint was (partly) founded gets a small
    # present, a flower voucher, as thanks for the "learning moment".
    LetterKind.VOUCHER: LetterText(
        subject="Een bloemenbon als dank voor uw klacht {{ kenmerk }}",
        email_summary=(
            "Uw klacht van {{ datum_ontvangst }} was (gedeeltelijk) terecht. Daar hebben wij van geleerd. "
            "Als dank sturen wij u een bloemenbon. In de brief in de bijlage leest u meer."
        ),
        body="""\
Op {{ datum_ontvangst }} heeft u een klacht bij ons ingediend. Wij vonden uw klacht (gedeeltelijk) terecht. \
Dat vinden wij vervelend, en tegelijk zijn wij u dankbaar: door uw klacht kunnen wij ons werk beter doen.

## Wat wij hebben geleerd

{{ wat_we_leerden }}

## Een bloemenbon als dank

Als dank voor dit leermoment krijgt u van ons een bloemenbon ter waarde van {{ waarde_bon }}. De bon wordt \
u toegestuurd door {{ leverancier_bon }}.

Heeft u de bon niet binnen twee weken ontvangen? Laat het ons dan weten.
""",
    ),
    # The seed: after the complaint, a short digital survey on how the
    # complainant experienced the process and the contact.
    LetterKind.SURVEY_INVITATION: LetterText(
        subject="Hoe heeft u de afhandeling van uw klacht {{ kenmerk }} ervaren?",
        email_summary=(
            "Onlangs hebben wij uw klacht afgehandeld. Wij willen graag weten hoe u dat heeft ervaren. "
            "Wilt u een paar korte vragen beantwoorden? Dat duurt ongeveer drie minuten: {{ enquete_link }} "
            "De link werkt tot en met {{ enquete_verloopt }}."
        ),
        body="""\
Onlangs hebben wij uw klacht afgehandeld. Wij willen graag van u weten hoe u de afhandeling en het \
contact met ons heeft ervaren. Zo kunnen wij onze klachtbehandeling verbeteren.

## Doet u mee?

Het invullen duurt ongeveer drie minuten. Ga naar {{ enquete_link }} of scan de QR-code met de camera van uw \
telefoon. De link werkt tot en met {{ enquete_verloopt }}.

{{ enquete_qr }}

Uw antwoorden worden los van uw naam en uw klacht bewaard. Meedoen is vrijwillig.
""",
    ),
    LetterKind.SURVEY_REMINDER: LetterText(
        subject="Herinnering: hoe heeft u de afhandeling van uw klacht {{ kenmerk }} ervaren?",
        email_summary=(
            "Een tijd geleden vroegen wij u hoe u de afhandeling van uw klacht heeft ervaren. Heeft u even tijd? "
            "De vragen staan op {{ enquete_link }} tot en met {{ enquete_verloopt }}. Dit is de enige herinnering."
        ),
        body="""\
Een tijd geleden vroegen wij u hoe u de afhandeling van uw klacht heeft ervaren. Wij horen het graag van u.

Ga naar {{ enquete_link }}. De link werkt tot en met {{ enquete_verloopt }}. Dit is de enige herinnering die \
wij u sturen.
""",
    ),
}
