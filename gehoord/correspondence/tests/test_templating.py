"""The letter template language: what an admin may write, what it becomes, and what is refused."""

import pytest
from django.utils.safestring import SafeString

from gehoord.correspondence import templating
from gehoord.correspondence.constants import LetterKind
from gehoord.correspondence.default_texts import DEFAULT_TEXTS


def body(text: str, **values) -> str:
    return str(templating.render_body(text, values))


def problems(
    kind=LetterKind.ACKNOWLEDGMENT, *, subject="Onderwerp {{ kenmerk }}", summary="Samenvatting", text="Tekst"
):
    return templating.check(kind, subject=subject, email_summary=summary, body=text).by_field


# -- rendering ----------------------------------------------------------------------------


def test_paragraphs_headings_lists_and_bold():
    html = body("Eerste alinea\nmet een regel erbij.\n\n## Kop\n\n### Tussenkop\n\n- een\n- **twee**\n")

    assert html == (
        "<p>Eerste alinea<br>\nmet een regel erbij.</p>\n<h2>Kop</h2>\n<h3>Tussenkop</h3>\n"
        "<ul>\n<li>een</li>\n<li><strong>twee</strong></li>\n</ul>"
    )


def test_placeholders_are_filled_in_and_escaped():
    html = body(
        "Uw klacht {{ kenmerk }} van {{naam_klager}}.", kenmerk="K-2026-00001", naam_klager="<b>Piet</b> & Co"
    )

    assert html == "<p>Uw klacht K-2026-00001 van &lt;b&gt;Piet&lt;/b&gt; &amp; Co.</p>"


def test_html_typed_by_the_admin_is_shown_as_text():
    html = body('<script>alert(1)</script> <a href="javascript:x">klik</a>')

    assert "<script>" not in html and "<a " not in html
    assert "&lt;script&gt;" in html


def test_a_value_with_line_breaks_keeps_them():
    assert body("{{ reden_verdaging }}", reden_verdaging="Eén.\nTwee.") == "<p>Eén.<br>Twee.</p>"


def test_markdown_in_a_value_is_not_interpreted():
    # The complainant's words are text, never markup.
    assert body("{{ oplossing }}", oplossing="**vet** en ## kop") == "<p>**vet** en ## kop</p>"


def test_a_block_replaces_its_paragraph():
    block = SafeString("<ul>\n<li>uw handtekening</li>\n</ul>")

    html = body("## Wat ontbreekt er?\n\n{{ ontbrekende_gegevens }}\n\nSlot.", ontbrekende_gegevens=block)

    assert html == "<h2>Wat ontbreekt er?</h2>\n<ul>\n<li>uw handtekening</li>\n</ul>\n<p>Slot.</p>"


def test_a_paragraph_with_an_empty_value_is_left_out():
    text = "Voor.\n\nOp {{ datum_hoorzitting }} hebben wij u gehoord.\n\nNa."

    assert body(text, datum_hoorzitting=None) == "<p>Voor.</p>\n<p>Na.</p>"
    assert "Op 3 maart 2026 hebben wij u gehoord." in body(text, datum_hoorzitting="3 maart 2026")


def test_a_heading_whose_section_ends_up_empty_is_left_out():
    text = "## Onze conclusie\n\n{{ conclusies }}\n\n## Niet tevreden?\n\nBel ons."

    assert body(text, conclusies=None) == "<h2>Niet tevreden?</h2>\n<p>Bel ons.</p>"
    assert body(text, conclusies="Excuses.").startswith("<h2>Onze conclusie</h2>\n<p>Excuses.</p>")


def test_an_empty_block_leaves_out_its_heading_too():
    text = "## Ons oordeel\n\n{{ oordeel_per_onderdeel }}\n\n## Slot\n\nTekst."

    assert body(text, oordeel_per_onderdeel=None) == "<h2>Slot</h2>\n<p>Tekst.</p>"


def test_a_heading_keeps_a_sub_heading_with_content():
    text = "## Kop\n\n### Sub\n\nTekst.\n\n## Leeg"

    assert body(text) == "<h2>Kop</h2>\n<h3>Sub</h3>\n<p>Tekst.</p>"


def test_plain_text_is_filled_in_unescaped():
    rendered = templating.render_text(
        "Klacht {{ kenmerk }} van {{ naam_klager }}", {"kenmerk": "K-1", "naam_klager": "A & B"}
    )

    assert rendered == "Klacht K-1 van A & B"


# -- checking -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", LetterKind.values)
def test_every_default_text_passes(kind):
    default = DEFAULT_TEXTS[kind]
    assert not templating.check(
        kind, subject=default.subject, email_summary=default.email_summary, body=default.body
    )


def test_an_unknown_placeholder_is_refused_with_a_suggestion():
    errors = problems(text="Beste {{ naam_klagr }},")

    assert errors["body"] == [
        "Het gegeven {{ naam_klagr }} bestaat niet in deze brief. Bedoelt u {{ naam_klager }}? "
        "Kies een van de gegevens uit de lijst hieronder."
    ]


def test_a_placeholder_of_another_kind_of_letter_is_refused():
    errors = problems(LetterKind.ACKNOWLEDGMENT, text="De hoorzitting is op {{ datum_hoorzitting }}.")

    assert "{{ datum_hoorzitting }} bestaat niet in deze brief" in errors["body"][0]


@pytest.mark.parametrize(
    "text", ["Beste {{ naam_klager }", "{% if x %}ja{% endif %}", "Beste { naam_klager }}"]
)
def test_stray_braces_and_template_tags_are_refused(text):
    errors = problems(text=text)

    assert any("Schrijf een gegeven als {{ naam }}" in message for message in errors["body"])


def test_a_block_must_stand_on_its_own_line():
    errors = problems(
        LetterKind.NOT_HANDLED,
        text="{{ grond_artikel }}\n\n{{ ombudsman_termijn }}\n\nZie {{ ombudsman_adres }} hier.",
    )

    assert errors["body"] == [
        "Zet {{ ombudsman_adres }} op een eigen regel, met een lege regel ervoor en erna."
    ]


def test_a_block_is_refused_in_the_subject_and_the_email():
    errors = problems(
        LetterKind.DECISION,
        subject="{{ oordeel_per_onderdeel }}",
        summary="Zie {{ ombudsman_adres }}",
        text=DEFAULT_TEXTS[LetterKind.DECISION].body,
    )

    assert "{{ oordeel_per_onderdeel }} is een blok" in errors["subject"][0]
    assert "{{ ombudsman_adres }} is een blok" in errors["email_summary"][0]


def test_a_top_level_heading_is_refused():
    errors = problems(text="# Titel\n\nTekst")

    assert "Begin een kop met ##" in errors["body"][0]


def test_what_the_law_asks_a_letter_to_say_cannot_be_left_out():
    errors = problems(
        LetterKind.DECISION, text="## Ons oordeel\n\n{{ oordeel_per_onderdeel }}\n\n{{ bevindingen }}"
    )

    assert errors["body"] == [
        "De brief moet {{ grond_niet_horen }} bevatten: de beslissing noemt de grond als de klager niet is "
        "gehoord (artikel 9:10, tweede lid, Awb).",
        "De brief moet {{ ombudsman_adres }} bevatten: de beslissing noemt de ombudsman "
        "(artikel 9:12, tweede lid, Awb).",
        "De brief moet {{ ombudsman_termijn }} bevatten: de beslissing noemt de termijn van één jaar voor de "
        "ombudsman (artikel 9:24 Awb).",
    ]


# Each part the law asks a letter to say, by hand: the kind, the placeholder, and words of its reason.
LAW_REQUIRES = [
    (LetterKind.DECISION, "ombudsman_termijn", "één jaar"),  # Awb 9:24
    (LetterKind.DECISION, "grond_niet_horen", "9:10"),  # Awb 9:10 lid 2
    (LetterKind.NOT_HANDLED, "grond_artikel", "lid en letter"),  # Awb 9:8
    (LetterKind.NOT_HANDLED, "ombudsman_termijn", "één jaar"),  # Awb 9:8 lid 3, 9:24
    (LetterKind.HEARING_INVITATION, "reageren_voor", "9:10, tweede lid, onder c"),
    (LetterKind.HEARING_INVITATION_EMPLOYEE, "reageren_voor", "gehoord wil worden"),
    (LetterKind.INFORMAL_CONFIRMATION, "formeel_vragen_tot", "formele behandeling"),  # Awb 9:5
    (LetterKind.FORWARDING, "doorgestuurd_naar", "waar het stuk naartoe"),  # Awb 2:3
    (LetterKind.FORWARDING, "datum_ontvangst", "datum van ontvangst blijft"),  # Awb 2:3, 6:15
    (LetterKind.FORWARDED_DOCUMENT, "tekst_stuk", "lezen"),
    (LetterKind.FORWARDED_DOCUMENT, "gegevens_afzender", "afzender"),
    (LetterKind.POSTPONEMENT_EMPLOYEE, "datum_beslissing", "9:11"),
]


@pytest.mark.parametrize(
    ("kind", "name", "reason"), LAW_REQUIRES, ids=[f"{k}-{n}" for k, n, _r in LAW_REQUIRES]
)
def test_an_admin_cannot_delete_what_the_law_asks(kind, name, reason):
    default = DEFAULT_TEXTS[kind]
    placeholder = "{{ " + name + " }}"
    assert placeholder in default.body  # the default text says it
    without = default.body.replace(placeholder, "")

    errors = problems(kind, subject=default.subject, summary=default.email_summary, text=without)

    [error] = errors["body"]
    assert error.startswith(f"De brief moet {placeholder} bevatten:")
    assert reason in error


@pytest.mark.parametrize("word", ["bezwaar", "Beroep", "beroepschrift"])
def test_a_decision_never_offers_an_objection_or_appeal(word):
    text = DEFAULT_TEXTS[LetterKind.DECISION].body + f"\n\nU kunt {word} instellen.\n"

    errors = problems(LetterKind.DECISION, text=text)

    assert "artikel 9:3 Awb" in errors["body"][0]


def test_an_acknowledgment_may_mention_an_objection():
    # Only the letters that end the handling are bound by Awb 9:3 this way.
    assert not problems(text="Gaat het om een besluit? Dan kunt u bezwaar maken.")
