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

# Awb 9:12 lid 2, 9:8 lid 3 and 9:24: who the complainant may turn to, that the ombudsman may
# investigate (it need not), and the one-year term (a placeholder, so it cannot be left out).
_OMBUDSMAN = """\
Dan kunt u zich wenden tot {{ ombudsman }}. De ombudsman kan uw klacht dan onderzoeken. \
{{ ombudsman_termijn }}

{{ ombudsman_adres }}"""

DEFAULT_TEXTS: dict[str, LetterText] = {
    # Awb 9:6: the written acknowledgment of receipt. It says what happens next
    # (personal contact, informal first), that the complainant is given the
    # opportunity to be heard in the formal procedure (9:10), the decision term
    # (9:11 lid 1, with postponement under lid 2 and further delay only with
    # consent under lid 3) and that the employee the complaint is about
    # receives a copy (9:9). It never names that employee.
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
hoofdstuk 9 van de Algemene wet bestuursrecht. Wij stellen u dan in de gelegenheid om gehoord te worden: u \
kunt uw klacht mondeling toelichten. Ook de medewerker over wie u klaagt, krijgt die gelegenheid \
(artikel 9:10 Algemene wet bestuursrecht).

Wij handelen uw klacht uiterlijk {{{{ datum_beslissing }}}} af (artikel 9:11 Algemene wet bestuursrecht), \
formeel met een schriftelijke beslissing. Meer tijd nodig? Dan laten wij u dat schriftelijk weten: ten hoogste \
vier weken, langer alleen met uw schriftelijke instemming (artikel 9:11, tweede en derde lid). Behandelt \
onze klachtadviescommissie uw klacht, dan is de termijn tien weken.

## Uw klacht volgen

Op uw persoonlijke pagina ziet u hoe het met uw klacht staat: {{{{ persoonlijke_link }}}}. Deel deze link \
niet met anderen.

## Wie krijgt uw klacht te zien?

Gaat uw klacht over hoe een medewerker van de gemeente u of iemand anders heeft behandeld? Dan krijgt die \
medewerker een kopie \
van uw klacht en van de bijlagen (artikel 9:9 Algemene wet bestuursrecht). Zo kan de medewerker op uw klacht \
reageren. Wij gebruiken uw gegevens alleen om uw klacht te behandelen.
""",
    ),
    # Awb 9:4: a written complaint is signed and carries name and address, the
    # date and a description of the conduct. When something is missing the
    # complainant gets the chance to supply it, within a term; the complaint is
    # still handled properly (9:2), never simply dropped. A handwritten
    # signature is asked only of a complaint on paper ({{ eisen_klacht }}).
    LetterKind.MISSING_ELEMENTS: LetterText(
        subject="Wij missen nog gegevens bij uw klacht {{ kenmerk }}",
        email_summary=(
            "Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Om uw klacht goed te kunnen behandelen, "
            "hebben wij nog gegevens van u nodig. Wilt u die uiterlijk {{ reageren_voor }} aan ons sturen? "
            "In de brief in de bijlage leest u welke gegevens ontbreken."
        ),
        body=f"""\
Op {{{{ datum_ontvangst }}}} hebben wij uw klacht ontvangen. {_THANKS} Om uw klacht goed te kunnen behandelen, \
hebben wij nog gegevens van u nodig.

## Wat ontbreekt er?

{{{{ ontbrekende_gegevens }}}}

{{{{ eisen_klacht }}}}

## Wat vragen wij van u?

Wilt u de ontbrekende gegevens uiterlijk {{{{ reageren_voor }}}} aan ons sturen? Dat kan op uw persoonlijke \
pagina: {{{{ persoonlijke_link }}}}. Deel deze link niet met anderen. U kunt de gegevens ook mailen naar \
{{{{ email_klachten }}}} of per post sturen. Noem daarbij ons kenmerk {{{{ kenmerk }}}}.

## Wat als de gegevens er niet zijn?

Wij behandelen uw klacht hoe dan ook zorgvuldig (artikel 9:2 Algemene wet bestuursrecht). Met de \
ontbrekende gegevens kunnen wij dat beter doen. Heeft u meer tijd nodig, of heeft u hulp nodig? Bel ons \
gerust.
""",
    ),
    # Not a complaint: the message is not about how the municipality treated
    # the person (Awb 9:1), so it is not handled as one. The letter says where
    # it belongs instead. No internal notes.
    LetterKind.REFERRAL: LetterText(
        subject="Uw bericht {{ kenmerk }}: u kunt ergens anders terecht",
        email_summary=(
            "Op {{ datum_ontvangst }} heeft u ons een bericht gestuurd. Het gaat niet over hoe de gemeente u of "
            "iemand anders heeft behandeld. Daarom behandelen wij het niet als klacht. U kunt hiervoor terecht bij: "
            "{{ verwezen_naar }}. In de brief in de bijlage leest u meer."
        ),
        body="""\
Op {{ datum_ontvangst }} heeft u ons een bericht gestuurd. Bedankt daarvoor. Wij hebben uw bericht gelezen. \
Het gaat niet over hoe de gemeente of een medewerker van de gemeente u of iemand anders heeft behandeld. \
Daarom is het geen \
klacht, en behandelen wij het niet volgens de klachtenregeling.

## Waar kunt u terecht?

Met uw bericht kunt u terecht bij: **{{ verwezen_naar }}**. Daar kan men u verder helpen.

## Toch een klacht?

Bent u niet tevreden over hoe de gemeente of een medewerker u of iemand anders heeft behandeld? Neem dan \
contact met ons op. \
Dan bekijken wij uw bericht opnieuw als klacht.
""",
    ),
    # Awb 2:3, 6:15 by analogy: a bezwaarschrift, Woo request or damage claim
    # that arrived as a complaint is sent on inside the organisation, not sent
    # back. The sender hears what it was taken to be, where it went, and that
    # the date it reached the municipality stays the date of receipt.
    LetterKind.FORWARDING: LetterText(
        subject="Uw bericht {{ kenmerk }} is doorgestuurd",
        email_summary=(
            "Op {{ datum_ontvangst }} heeft u ons een bericht gestuurd. Het is geen klacht, maar "
            "{{ soort_stuk }}. Wij hebben uw bericht doorgestuurd naar {{ doorgestuurd_naar }}. Als datum van "
            "ontvangst blijft {{ datum_ontvangst }} gelden. In de brief in de bijlage leest u meer."
        ),
        body="""\
Op {{ datum_ontvangst }} heeft u ons een bericht gestuurd. Bedankt daarvoor. Wij hebben uw bericht gelezen. Het \
is geen klacht over hoe de gemeente u of iemand anders heeft behandeld, maar {{ soort_stuk }}.

## Waar is uw bericht naartoe?

Wij hebben uw bericht doorgestuurd naar **{{ doorgestuurd_naar }}**. Daar wordt het verder behandeld. U \
hoeft het dus niet opnieuw te sturen. U hoort van hen hoe het verder gaat.

## De datum van ontvangst blijft

Als datum van ontvangst geldt {{ datum_ontvangst }}: de dag waarop uw bericht bij de gemeente binnenkwam. \
Doorsturen kost u geen tijd. Of u op tijd bent, bijvoorbeeld met een bezwaarschrift, beoordelen wij naar \
de datum waarop uw bericht bij de gemeente binnenkwam. Ook een termijn waarbinnen de gemeente moet beslissen, \
telt vanaf die datum (artikel 2:3 en, naar analogie, artikel 6:15 Algemene wet bestuursrecht).

## Toch ook een klacht?

Bent u daarnaast niet tevreden over hoe de gemeente of een medewerker u of iemand anders heeft behandeld? \
Laat het ons weten. \
Dan behandelen wij dat als klacht.
""",
    ),
    # The internal message that forwards the document (Awb 2:3): what arrived,
    # when, from whom, and the attachments. The date of receipt is the date the
    # municipality received it.
    LetterKind.FORWARDED_DOCUMENT: LetterText(
        subject="Doorgestuurd: stuk {{ kenmerk }}, ontvangen op {{ datum_ontvangst }}",
        email_summary=(
            "Op {{ datum_ontvangst }} kwam bij de gemeente een stuk binnen als klacht. Het is geen klacht, maar "
            "{{ soort_stuk }}. Het is daarom naar u doorgestuurd. Het stuk en de bijlagen zitten bij dit bericht."
        ),
        body="""\
Op {{ datum_ontvangst }} kwam bij de gemeente een stuk binnen als klacht, met het kenmerk {{ kenmerk }}. Het \
is geen klacht, maar {{ soort_stuk }}. Daarom sturen wij het door naar {{ doorgestuurd_naar }}. Wilt u het \
verder behandelen?

## Let op de datum van ontvangst

De datum van ontvangst is {{ datum_ontvangst }}: de dag waarop het stuk bij de gemeente binnenkwam. Voor de \
termijnen telt die datum (artikel 2:3 en, naar analogie, artikel 6:15 Algemene wet bestuursrecht). De \
afzender heeft bericht gekregen dat het stuk naar u is doorgestuurd.

## Afzender

{{ gegevens_afzender }}

## Wat de afzender schreef

{{ tekst_stuk }}

Bij dit bericht zitten de bijlagen van de afzender: {{ aantal_bijlagen }}.
""",
    ),
    # Awb 9:8: the complaint is not handled. The complainant is told in writing
    # as soon as possible and within four weeks of receipt (lid 3), with the
    # ground as the law numbers it, and the ombudsman they may turn to (lid 3
    # with 9:12 lid 2). A notice after the four weeks says so, and apologises.
    # It gives no advice about another route: that may be wrong for this case.
    LetterKind.NOT_HANDLED: LetterText(
        subject="Wij nemen uw klacht {{ kenmerk }} niet in behandeling",
        email_summary=(
            "Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Wij nemen uw klacht niet in behandeling. "
            "In de brief in de bijlage leest u waarom, en dat u zich kunt wenden tot {{ ombudsman }}."
        ),
        body=f"""\
Op {{{{ datum_ontvangst }}}} hebben wij uw klacht ontvangen. {_THANKS} Wij hebben uw klacht bekeken. Wij \
hebben beslist uw klacht niet in behandeling te nemen. In deze brief leest u waarom.

## Waarom behandelen wij uw klacht niet?

{{{{ uitleg_grond }}}}

In dat geval hoeven wij een klacht niet te behandelen. Dat staat in {{{{ grond_artikel }}}}, van de \
Algemene wet bestuursrecht.

De wet vraagt ons u dit binnen vier weken na ontvangst van uw klacht te laten weten, dus uiterlijk \
{{{{ termijn_bericht }}}} (artikel 9:8, derde lid, Algemene wet bestuursrecht).

De wet vraagt ons u dit binnen vier weken na ontvangst van uw klacht te laten weten (artikel 9:8, derde lid, \
Algemene wet bestuursrecht). Dat was uiterlijk {{{{ termijn_bericht_verstreken }}}}. Dit bericht komt later \
dan dat. Onze excuses daarvoor.

## Niet tevreden?

Bent u het niet eens met onze beslissing om uw klacht niet te behandelen? {_OMBUDSMAN}
""",
    ),
    # Awb 9:11 lid 2: the decision is postponed, by at most four weeks in total,
    # announced in writing to the complainant and to the person complained about
    # (POSTPONEMENT_EMPLOYEE), with the new date, the old one and the reason.
    # Lid 3: further delay only with the complainant's written consent. When even
    # the new date passes without a decision, the ombudsman may be approached (9:24).
    # Afdeling 9.1.3, Awb 9:11 lid 1: the advisory committee handles the complaint,
    # so the decision term is ten weeks; the acknowledgment promised to say so.
    LetterKind.COMMITTEE: LetterText(
        subject="Uw klacht {{ kenmerk }} gaat naar de klachtadviescommissie",
        email_summary=(
            "Een klachtadviescommissie behandelt uw klacht. De wet geeft ons dan tien weken: u krijgt onze "
            "beslissing uiterlijk {{ datum_beslissing }}. In de brief in de bijlage leest u meer."
        ),
        body="""\
Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Wij hebben besloten dat onze klachtadviescommissie \
uw klacht behandelt (afdeling 9.1.3 Algemene wet bestuursrecht). De commissie is onafhankelijk: zij hoort u \
en de medewerker over wie u klaagt, en geeft ons daarna advies.

## Wanneer krijgt u onze beslissing?

Behandelt een klachtadviescommissie de klacht, dan geeft de wet ons tien weken in plaats van zes. U krijgt \
onze beslissing uiterlijk **{{ datum_beslissing }}** (artikel 9:11, eerste lid, Algemene wet bestuursrecht).

Heeft u vragen? Bel of mail ons gerust.
""",
    ),
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
**{{ datum_beslissing }}**. De wet staat toe dat wij de beslissing met in totaal ten hoogste vier weken \
uitstellen (artikel 9:11, tweede lid, Algemene wet bestuursrecht). Langer uitstellen kan alleen als u daar \
schriftelijk mee instemt (artikel 9:11, derde lid). Ook de medewerker over wie u klaagt, krijgt bericht van \
dit uitstel.

## En als het dan nog niet lukt?

Heeft u uiterlijk {{ datum_beslissing }} geen beslissing van ons, en heeft u niet ingestemd met langer \
uitstel? Dan kunt u zich wenden tot {{ ombudsman }}. De ombudsman kan uw klacht dan onderzoeken, ook zonder \
onze beslissing.

Wij vinden het vervelend dat u langer moet wachten. Heeft u vragen? Bel of mail ons gerust.
""",
    ),
    LetterKind.POSTPONEMENT_EMPLOYEE: LetterText(
        subject="Beslissing op klacht {{ kenmerk }} uitgesteld",
        email_summary=(
            "De beslissing op klacht {{ kenmerk }}, over een gedraging waarbij u betrokken was, is uitgesteld. "
            "De beslissing volgt uiterlijk {{ datum_beslissing }}. In de brief in de bijlage leest u meer."
        ),
        body="""\
Op {{ datum_ontvangst }} heeft de gemeente een klacht ontvangen over een gedraging waarbij u betrokken was. \
De klacht heeft het kenmerk {{ kenmerk }}. De beslissing op die klacht was voorzien uiterlijk \
{{ vorige_datum_beslissing }}. Dat lukt niet: er is meer tijd nodig.

## Waarom is er meer tijd nodig?

{{ reden_verdaging }}

## Wanneer volgt de beslissing?

De beslissing wordt uitgesteld met {{ verdaging }}. De beslissing volgt uiterlijk **{{ datum_beslissing }}**. \
De wet vraagt ons dit uitstel schriftelijk te melden aan de klager en aan degene over wie de klacht gaat \
(artikel 9:11, tweede lid, Algemene wet bestuursrecht). De klager krijgt een eigen brief.

Heeft u vragen? Bel {{ telefoon_behandelaar }} of mail naar {{ email_klachten }}. Noem daarbij het kenmerk \
{{ kenmerk }}.

De klacht wordt behandeld door {{ naam_behandelaar }}.
""",
    ),
    # Awb 9:10: the complainant is offered a hearing. The letter gives the
    # date, and the time and place when staff gave them; the term within which
    # to say whether they want to be heard, and that without an answer by then
    # the hearing may be left out (lid 2 onder c); that they may bring someone;
    # and, only when it is true, that the employee complained about is invited
    # too. It never names that employee.
    LetterKind.HEARING_INVITATION: LetterText(
        subject="Uitnodiging voor een hoorzitting over uw klacht {{ kenmerk }}",
        email_summary=(
            "Wij nodigen u uit voor een hoorzitting over uw klacht op {{ datum_hoorzitting }}. Daar kunt u uw "
            "klacht mondeling toelichten. Laat ons uiterlijk {{ reageren_voor }} weten of u gehoord wilt "
            "worden. In de brief in de bijlage leest u meer over de hoorzitting."
        ),
        body="""\
Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Wij behandelen uw klacht formeel, volgens hoofdstuk 9 \
van de Algemene wet bestuursrecht. Wij stellen u in de gelegenheid om gehoord te worden (artikel 9:10, \
eerste lid, Algemene wet bestuursrecht). Daarom nodigen wij u uit voor een hoorzitting.

## Wanneer en waar?

{{ gegevens_hoorzitting }}

## Laat u ons weten of u komt?

Wilt u ons uiterlijk **{{ reageren_voor }}** laten weten of u gehoord wilt worden? Heeft u ons dan niet laten \
weten dat u gehoord wilt worden, dan kunnen wij ervan afzien u te horen (artikel 9:10, tweede lid, onder c, \
Algemene wet bestuursrecht). Wij beslissen dan op uw klacht met de informatie die wij al hebben. Dat geldt \
ook als u ons laat weten dat u niet gehoord wilt worden (artikel 9:10, tweede lid, onder b).

## Wat gebeurt er tijdens de hoorzitting?

Tijdens de hoorzitting kunt u uw klacht mondeling toelichten. U vertelt wat er is gebeurd en wat u van ons \
verwacht. Wij kunnen u ook vragen stellen. Van de hoorzitting maken wij een verslag (hoorverslag).

U mag iemand meenemen, bijvoorbeeld een familielid, een bekende of iemand die u helpt.

Ook {{ uitgenodigde_medewerkers }} over wie u klaagt, nodigen wij uit om gehoord te worden. Zo kunnen wij \
beide kanten van het verhaal horen.

## Kunt u niet op deze datum, of heeft u vragen?

Neem dan zo snel mogelijk contact met ons op: bel {{ telefoon_behandelaar }} of mail naar \
{{ email_klachten }}. Noem daarbij ons kenmerk {{ kenmerk }}. Heeft u hulp nodig om bij de hoorzitting te \
zijn, bijvoorbeeld een tolk? Laat het ons weten.

Uw klacht wordt behandeld door {{ naam_behandelaar }}.
""",
    ),
    # Awb 9:10 lid 1: the person complained about is offered a hearing too. No
    # contact details of the complainant: the employee needs none to be heard.
    LetterKind.HEARING_INVITATION_EMPLOYEE: LetterText(
        subject="Uitnodiging om gehoord te worden over klacht {{ kenmerk }}",
        email_summary=(
            "De gemeente behandelt klacht {{ kenmerk }} formeel. Die gaat over een gedraging waarbij u betrokken "
            "was. Wij nodigen u uit om gehoord te worden op {{ datum_hoorzitting }}. Laat ons uiterlijk "
            "{{ reageren_voor }} weten of u gehoord wilt worden. In de brief in de bijlage leest u meer."
        ),
        body="""\
Op {{ datum_ontvangst }} heeft de gemeente een klacht ontvangen over een gedraging waarbij u betrokken was. De \
klacht heeft het kenmerk {{ kenmerk }}. Een kopie van de klacht en de bijlagen krijgt u van ons, als u die \
nog niet heeft (artikel 9:9 Algemene wet bestuursrecht). De klacht wordt formeel behandeld. Wij stellen u in de gelegenheid om gehoord te worden en \
uw kant van het verhaal te vertellen (artikel 9:10, eerste lid, Algemene wet bestuursrecht).

## Wanneer en waar?

{{ gegevens_hoorzitting }}

{{ klager_ook_uitgenodigd }}

## Laat u ons weten of u komt?

Wilt u ons uiterlijk **{{ reageren_voor }}** laten weten of u gehoord wilt worden? U bent niet verplicht om \
te komen. U mag ook schriftelijk op de klacht reageren.

## Wat gebeurt er tijdens de hoorzitting?

U kunt vertellen wat er volgens u is gebeurd. Wij kunnen u ook vragen stellen. Van de hoorzitting maken wij \
een verslag (hoorverslag). U mag iemand meenemen, bijvoorbeeld een vertrouwenspersoon.

## Vragen?

Bel {{ telefoon_behandelaar }} of mail naar {{ email_klachten }}. Noem daarbij het kenmerk {{ kenmerk }}.

De klacht wordt behandeld door {{ naam_behandelaar }}.
""",
    ),
    # Awb 9:5: the complaint was handled informally to the complainant's
    # satisfaction. The municipality confirms the agreed solution and the day
    # the complainant said they were satisfied, so that the satisfaction can be
    # shown, and offers formal handling until a date (formal_request_due):
    # the lifecycle allows exactly that (reopen_formal).
    LetterKind.INFORMAL_CONFIRMATION: LetterText(
        subject="Bevestiging van de oplossing voor uw klacht {{ kenmerk }}",
        email_summary=(
            "Wij hebben samen met u een oplossing voor uw klacht afgesproken. Met de brief in de "
            "bijlage bevestigen wij die afspraak. Bent u toch niet tevreden? Laat het ons dan uiterlijk "
            "{{ formeel_vragen_tot }} weten, dan behandelen wij uw klacht alsnog formeel."
        ),
        body="""\
Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Daarna hebben wij met u gesproken over een \
oplossing. Met deze brief bevestigen wij wat wij samen hebben afgesproken.

## Wat hebben wij afgesproken?

{{ oplossing }}

Op {{ datum_tevreden }} heeft u ons laten weten dat u tevreden bent met deze oplossing. Daarmee is uw klacht \
afgehandeld (artikel 9:5 Algemene wet bestuursrecht).

## Bent u toch niet tevreden?

Laat het ons dan uiterlijk **{{ formeel_vragen_tot }}** weten. Dan behandelen wij uw klacht alsnog formeel, \
volgens hoofdstuk 9 van de Algemene wet bestuursrecht. Wij stellen u dan ook in de gelegenheid om gehoord te \
worden.
""",
    ),
    # Awb 9:12: the written, reasoned decision: the findings, the judgement on
    # every part with its reasoning (and, for a founded part, the norms of the
    # behoorlijkheidswijzer that were breached), the conclusions, who was heard
    # (9:10) or the ground on which the complainant was not (9:10 lid 2), and
    # the ombudsman who may investigate within one year (9:24). No objection or
    # appeal clause (9:3): there is none. Signed on behalf of the competent
    # organ (the letter's frame).
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

Op {{{{ datum_hoorzitting }}}} hebben wij u gehoord. U heeft uw klacht toen mondeling toegelicht.

{{{{ klager_niet_verschenen }}}}

{{{{ grond_niet_horen }}}}

Op {{{{ datum_horen_beklaagde }}}} hebben wij ook de medewerker over wie u klaagt gehoord.

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
