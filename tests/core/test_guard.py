"""The operational-data guard's detectors: each kind of case data is caught in English, French and German, and
ordinary network text (the demo data, a corpus of obstacles and practices) passes without a warning."""

from pathlib import Path

import pytest
from sqlalchemy import String, Text

from app.core import guard
from app.demo import load_demo_data
from app.extensions import db as _db
from app.factsheets.models import FactSheetSection
from tests.factories import organisation

CORPUS = Path(__file__).parent / "data" / "ordinary_network_texts.txt"


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.fragment) for f in guard.scan(text)]


@pytest.mark.parametrize(
    ("text", "kind", "fragment"),
    [
        # Dates of birth: a birth word, or a person's name right before a date people are born in.
        ("The suspect, born on 14 February 1987 in Porto, used two aliases.", "date_of_birth", "14 February 1987"),
        ("Subject: DOB 1985-03-12, travelling with his brother.", "date_of_birth", "1985-03-12"),
        ("Request about Jan KOWALSKI, 12.03.1985, seen in Vilnius.", "date_of_birth", "12.03.1985"),
        ("Il s'agit de Jean DUPONT, né le 3 avril 1979 à Lille.", "date_of_birth", "3 avril 1979"),
        ("Date de naissance : 03/04/1979, nationalité inconnue.", "date_of_birth", "03/04/1979"),
        ("Betroffen ist Max MUSTERMANN, geb. 12.03.1985 in München.", "date_of_birth", "12.03.1985"),
        ("Sie wurde am 7. Mai 1990 geboren; geboren am 7. Mai 1990 in Graz.", "date_of_birth", "7. Mai 1990"),
        # Passport and ID numbers: after a document word, or a letters-and-digits number after "n°".
        ("He showed passport number C01X00T47 at the border.", "identity_document", "C01X00T47"),
        ("Carte d'identité n° 123456789012 délivrée à Lyon.", "identity_document", "123456789012"),
        ("Le passeport n° 12AB34567 est signalé volé.", "identity_document", "12AB34567"),
        ("Personalausweis Nr. T22000129, ausgestellt in Köln.", "identity_document", "T22000129"),
        # IBANs, with their checksum.
        ("Funds went to IBAN DE89 3704 0044 0532 0130 00 last week.", "iban", "DE89 3704 0044 0532 0130 00"),
        ("Virement vers le compte FR76 3000 6000 0112 3456 7890 189.", "iban", "FR76 3000 6000 0112 3456 7890 189"),
        ("Überweisung auf BE71096123456769 am Montag.", "iban", "BE71096123456769"),
        # Phone numbers: international formats anywhere, national ones after a word that says so.
        ("His number is +33 6 12 34 56 78, he answers at night.", "phone", "+33 6 12 34 56 78"),
        ("Joignable au tél. 06 12 34 56 78 après 18 heures.", "phone", "06 12 34 56 78"),
        ("Erreichbar unter Handy 0171 1234567 oder per SMS.", "phone", "0171 1234567"),
        ("Call 0048 601 234 567 to reach the witness.", "phone", "0048 601 234 567"),
        # Vehicle plates: only right after a word such as "plate" or "Kennzeichen".
        ("The van with number plate AB-123-CD crossed at Menton.", "vehicle_plate", "AB-123-CD"),
        ("Véhicule immatriculé GH-456-JK, vu à Metz.", "vehicle_plate", "GH-456-JK"),
        ("Der PKW mit Kennzeichen M-AB 1234 wurde in Passau kontrolliert.", "vehicle_plate", "M-AB 1234"),
        # A third party's e-mail address.
        ("The suspect writes from jan.kowalski1985@mail.example.com.", "email", "jan.kowalski1985@mail.example.com"),
    ],
)
def test_each_kind_of_case_data_is_found_where_it_is_written(app, text, kind, fragment):
    with app.app_context():
        found = guard.scan(text)
    assert [(f.kind, f.fragment) for f in found] == [(kind, fragment)]
    assert text[found[0].start:found[0].end] == fragment


@pytest.mark.parametrize(
    "text",
    [
        "Account DE89 3704 0044 0532 0130 01 (one digit off: the checksum fails).",
        "The meeting of 12 March 2025 in Brussels approved the minutes of 05.11.2024.",
        "Council document n° 123456 is the SPOC manual.",
        "The ID card readers were replaced in 2019; passports follow Regulation (EU) 2017/2226.",
        "Vehicle registration data in 2019 IT systems was not reachable at night.",
        "Available 24/7 through SIENA and I-24/7; 85% answered within 8 hours.",
    ],
)
def test_look_alikes_without_the_shape_or_the_word_of_case_data_pass(app, text):
    with app.app_context():
        assert guard.scan(text) == []


def _corpus() -> list[str]:
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [block.strip() for block in "\n".join(lines).split("\n---\n") if block.strip()]


def _contacts(code: str, notes: str) -> None:
    """The 24/7 contacts of a country's fact sheet name its functional mailbox."""
    _db.session.add(FactSheetSection(organisation=organisation(code), section="contacts",
                                     values={"contact_notes": notes}))
    _db.session.commit()


def test_ordinary_network_text_passes_silently(db):
    _contacts("IE", "SIENA, or the functional mailbox spoc@police.example.eu around the clock.")
    texts = _corpus()
    assert len(texts) >= 30
    assert {text: _kinds(text) for text in texts if _kinds(text)} == {}


def test_the_network_s_own_addresses_are_not_third_parties(db, make_user):
    user = make_user(email="duty.officer@police.example.ie")
    text = f"Write to {user.email} or to spoc@police.example.eu; not to a.nother@mail.example.com."
    assert _kinds(text) == [("email", "spoc@police.example.eu"), ("email", "a.nother@mail.example.com")]
    _contacts("IE", "Functional mailbox: SPOC@police.example.eu")
    assert _kinds(text) == [("email", "a.nother@mail.example.com")]


def test_every_text_of_the_demo_data_passes_silently(app, db):
    assert load_demo_data()
    db.session.commit()
    flagged = []
    for mapper in _db.Model.registry.mappers:
        columns = [c.key for c in mapper.columns if isinstance(c.type, String | Text)]
        for row in db.session.scalars(db.select(mapper.class_)):
            for key in columns:
                flagged += [(mapper.class_.__name__, key, f.fragment) for f in guard.scan(getattr(row, key))]
    assert flagged == []


def test_the_highlight_escapes_the_text_and_marks_the_fragments(app):
    text = '<script>alert("x")</script> pay to DE89 3704 0044 0532 0130 00 & <b>soon</b>'
    with app.test_request_context():
        html = str(guard.highlight(text, guard.scan(text)))
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; &lt;b&gt;soon&lt;/b&gt;" in html
    assert '<mark title="looks like an IBAN">DE89 3704 0044 0532 0130 00</mark>' in html
