"""Amounts typed in euro are read exactly into cents, in the reader's language, or refused with the reason; cents are
shown with Babel in the reader's language; shares are exact decimals."""

from decimal import Decimal

import pytest
from flask_babel import force_locale

from app.funding.money import MAX_CENTS, AmountError, euros, parse_euros, plain_euros, share


@pytest.fixture
def in_language(app):
    """Run the test's reads in a request of the given language (``in_language("fr")`` as a context manager)."""
    with app.test_request_context():
        yield force_locale


def _spaces(text: str) -> str:
    """Babel groups and separates with no-break spaces (U+00A0, U+202F): compared as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("typed", "cents"), [
    ("12 345,50", 1_234_550),
    ("12345.5", 1_234_550),
    ("12.345,50", 1_234_550),
    ("12,345.50", 1_234_550),
    ("€ 1,000.00", 100_000),
    ("12,50 €", 1_250),
    ("EUR 10", 1_000),
    ("1 000 000", 100_000_000),
    ("1\u202f000\u00a0000", 100_000_000),  # as Babel writes it in French, pasted back
    ("1'000", 100_000),
    ("0", 0),
    ("1,5", 150),
    ("100000000", MAX_CENTS),  # 100 million exactly is still taken
])
def test_amounts_read_the_same_in_both_languages(in_language, language, typed, cents):
    with in_language(language):
        assert parse_euros(typed) == cents


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_an_empty_field_is_no_amount(in_language, typed):
    with in_language("fr"):
        assert parse_euros(typed) is None


def test_a_lone_mark_before_three_digits_groups_thousands_as_the_language_does(in_language):
    with in_language("en"):
        assert parse_euros("1,000") == 100_000
        with pytest.raises(AmountError, match="at most two decimals"):
            parse_euros("1.000")
    with in_language("fr"):
        assert parse_euros("1.000") == 100_000
        with pytest.raises(AmountError, match="au plus deux décimales"):
            parse_euros("1,000")


@pytest.mark.parametrize(("typed", "english", "french"), [
    ("0,125", "at most two decimals", "au plus deux décimales"),
    ("12.345,678", "at most two decimals", "au plus deux décimales"),
    ("-5", "cannot be negative", "ne peut pas être négatif"),
    ("- 12 000", "cannot be negative", "ne peut pas être négatif"),
    ("100000000,01", "above 100 million euro", "supérieur à 100 millions d’euros"),
    ("250 000 000", "above 100 million euro", "supérieur à 100 millions d’euros"),
    ("9" * 400, "above 100 million euro", "supérieur à 100 millions d’euros"),
    ("abc", "Write an amount in euro", "Indiquez un montant en euros"),
    ("12 abc", "Write an amount in euro", "Indiquez un montant en euros"),
    ("1,00,000", "Write an amount in euro", "Indiquez un montant en euros"),
    ("1.000.000,000,5", "Write an amount in euro", "Indiquez un montant en euros"),
    ("1e6", "Write an amount in euro", "Indiquez un montant en euros"),
])
def test_wrong_amounts_are_refused_with_the_reason_in_the_readers_language(in_language, typed, english, french):
    with in_language("en"), pytest.raises(AmountError, match=english):
        parse_euros(typed)
    with in_language("fr"), pytest.raises(AmountError, match=french):
        parse_euros(typed)


def test_amounts_are_shown_in_the_readers_language(in_language):
    with in_language("en"):
        assert euros(1_234_500) == "€12,345.00"
        assert euros(1_234_550) == "€12,345.50"
        assert euros(5) == "€0.05"
        assert euros(None) == ""
        assert euros(None, blank="—") == "—"
    with in_language("fr"):
        assert _spaces(euros(1_234_500)) == "12 345,00 €"
        assert _spaces(euros(MAX_CENTS)) == "100 000 000,00 €"
        assert _spaces(euros(0)) == "0,00 €"


def test_what_is_shown_reads_back_to_the_same_cents(in_language):
    """A form filled again with a stored amount (plain, or as the page shows it) saves the same cents."""
    for cents in (0, 5, 1_250, 1_234_550, MAX_CENTS):
        for language in ("en", "fr"):
            with in_language(language):
                assert parse_euros(plain_euros(cents)) == cents
                assert parse_euros(euros(cents)) == cents


def test_sums_of_cents_are_exact_where_floats_are_not(in_language):
    with in_language("en"):
        assert parse_euros("0,10") + parse_euros("0,20") == parse_euros("0,30")


def test_shares_are_exact_to_one_decimal():
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(9_000_000, 10_000_000) == Decimal("90.0")
    assert share(5, 0) == Decimal(0)  # nothing planned: no share, no division error
    assert isinstance(share(1, 3), Decimal)
