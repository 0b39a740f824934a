"""The fixed lists of the roster: expertise areas, languages and language levels.

The codes are stored; the labels are lazy strings, read in the reader's language."""

import unicodedata

from app.core.i18n import _l

EXPERTISE_AREAS: dict[str, str] = {
    "spoc_operations": _l("SPOC operations"),
    "channels": _l("Information-exchange channels (SIENA, SIRENE, INTERPOL)"),
    "legal_framework": _l("Legal framework"),
    "data_protection": _l("Data protection"),
    "languages": _l("Languages for international cooperation"),
    "case_management": _l("Case management"),
    "training_design": _l("Training design"),
}

# The 24 official languages of the EU, then languages often needed with neighbouring countries.
LANGUAGES: dict[str, str] = {
    "bg": _l("Bulgarian"), "hr": _l("Croatian"), "cs": _l("Czech"), "da": _l("Danish"), "nl": _l("Dutch"),
    "en": _l("English"), "et": _l("Estonian"), "fi": _l("Finnish"), "fr": _l("French"), "de": _l("German"),
    "el": _l("Greek"), "hu": _l("Hungarian"), "ga": _l("Irish"), "it": _l("Italian"), "lv": _l("Latvian"),
    "lt": _l("Lithuanian"), "mt": _l("Maltese"), "pl": _l("Polish"), "pt": _l("Portuguese"),
    "ro": _l("Romanian"), "sk": _l("Slovak"), "sl": _l("Slovenian"), "es": _l("Spanish"), "sv": _l("Swedish"),
    "sq": _l("Albanian"), "ar": _l("Arabic"), "zh": _l("Chinese"), "ru": _l("Russian"), "sr": _l("Serbian"),
    "tr": _l("Turkish"), "uk": _l("Ukrainian"),
}

# CEFR levels from lowest to highest; a mother tongue counts as above C2 when filtering "at least".
LEVELS: dict[str, str] = {
    "A1": "A1", "A2": "A2", "B1": "B1", "B2": "B2", "C1": "C1", "C2": "C2", "native": _l("Mother tongue"),
}

SCORE_CRITERIA: dict[str, str] = {
    "score_expertise": _l("Expertise"),
    "score_training": _l("Training experience"),
    "score_languages": _l("Languages"),
    "score_availability": _l("Availability"),
}


def _alphabetical(text: str) -> str:
    """Sort key of a name: accents ignored ("néerlandais" among the n's), case ignored."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def sorted_languages() -> list[tuple[str, str]]:
    """(code, name) of every language, in alphabetical order of the names in the reader's language."""
    return sorted(((code, str(name)) for code, name in LANGUAGES.items()), key=lambda item: _alphabetical(item[1]))


def levels_at_least(level: str) -> list[str]:
    """The levels equal to or above ``level`` (an unknown level means any)."""
    order = list(LEVELS)
    return order[order.index(level):] if level in LEVELS else order


def join_codes(codes: list[str] | None) -> str:
    """Store a set of codes as ",a,b," so that one LIKE '%,a,%' finds it on every database."""
    codes = [c for c in (codes or []) if c]
    return "," + ",".join(dict.fromkeys(codes)) + "," if codes else ""


def split_codes(stored: str | None) -> list[str]:
    return [c for c in (stored or "").split(",") if c]
