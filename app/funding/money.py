"""Money in euro, stored exactly as whole cents (an integer column), never as a float.

:func:`parse_euros` reads what a person types ("12 345,50", "12345.5", "€ 1,000.00") into cents or says what is
wrong with it; :func:`euros` shows cents in the reader's language with Babel ("12 345,00 €" in French). Sums are
sums of integers, so 0.10 + 0.20 is 0.30 exactly.
"""

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency

from app.core.i18n import _, current_language

MAX_CENTS = 100_000_000 * 100  # 100 million euro: any amount above is a typing mistake in this network's budgets
_SPACES = re.compile(r"[\s\u00a0\u202f']")
# Digits, grouped by threes with one separator or not at all, then a decimal mark that is not the separator.
_AMOUNT = re.compile(r"(?P<whole>\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*|\d+)"
                     r"(?:(?P<mark>[.,])(?P<decimals>\d+))?")
# The one mark a language groups thousands with when it stands alone before three digits ("1,000" / "1.000").
_GROUPING = {"en": ",", "fr": "."}


class AmountError(ValueError):
    """What is wrong with a typed amount, in the reader's language."""


def parse_euros(text: str | None) -> int | None:
    """Cents for a typed amount in euro; None for an empty field. Raises :class:`AmountError`.

    Both decimal marks are understood: spaces and apostrophes group thousands, as does one of "." and "," used
    between groups of three digits, the other being the decimal mark. A lone mark before three digits is read as
    the reader's language groups ("1,000" is a thousand in English, "1.000" in French); otherwise more than two
    decimals is refused, never rounded."""
    raw = _SPACES.sub("", (text or "").replace("€", "").replace("EUR", "").replace("eur", ""))
    if not raw:
        return None
    if raw.startswith("-"):
        raise AmountError(_("An amount cannot be negative."))
    match = _AMOUNT.fullmatch(raw)
    if not match or (match["mark"] and match["mark"] == match["sep"]):
        raise AmountError(_("Write an amount in euro, for example 12 500 or 12 500,50."))
    whole, mark, decimals = match["whole"], match["mark"], match["decimals"]
    sep = match["sep"]
    if sep and not mark and whole.count(sep) == 1 and (whole.startswith("0") or
                                                        sep != _GROUPING.get(current_language(), ",")):
        whole, decimals = whole.split(sep)  # "1.000" in English, "1,000" in French: three decimals, refused below
    if decimals is not None and len(decimals) > 2:
        raise AmountError(_("An amount in euro has at most two decimals (cents); write thousands with a space "
                            "or no separator, for example 1 000 or 1000."))
    digits = re.sub(r"[.,]", "", whole)
    try:
        cents = int(Decimal(digits) * 100 + Decimal((decimals or "0").ljust(2, "0")))
    except InvalidOperation:
        raise AmountError(_("Write an amount in euro, for example 12 500 or 12 500,50.")) from None
    if cents > MAX_CENTS:
        raise AmountError(_("An amount above 100 million euro is surely a mistake."))
    return cents


def euros(cents: int | None, *, blank: str = "") -> str:
    """Cents shown in euro in the reader's language: "€12,345.00" in English, "12 345,00 €" in French."""
    if cents is None:
        return blank
    return format_currency(Decimal(cents) / 100, "EUR", locale=current_language())


def plain_euros(cents: int | None) -> str:
    """Cents as a plain decimal for a form field or a CSV cell: "12345.00" (exact, no grouping)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def share(part: int, whole: int) -> Decimal:
    """``part`` as a percentage of ``whole``, to one decimal, exactly (0 when ``whole`` is 0)."""
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
