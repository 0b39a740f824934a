"""The fixed lists of the roster: expertise areas, languages and language levels."""

EXPERTISE_AREAS: dict[str, str] = {
    "spoc_operations": "SPOC operations",
    "channels": "Information-exchange channels (SIENA, SIRENE, INTERPOL)",
    "legal_framework": "Legal framework",
    "data_protection": "Data protection",
    "languages": "Languages for international cooperation",
    "case_management": "Case management",
    "training_design": "Training design",
}

# The 24 official languages of the EU, then languages often needed with neighbouring countries.
LANGUAGES: dict[str, str] = {
    "bg": "Bulgarian", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch", "en": "English",
    "et": "Estonian", "fi": "Finnish", "fr": "French", "de": "German", "el": "Greek", "hu": "Hungarian",
    "ga": "Irish", "it": "Italian", "lv": "Latvian", "lt": "Lithuanian", "mt": "Maltese", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "sv": "Swedish",
    "sq": "Albanian", "ar": "Arabic", "zh": "Chinese", "ru": "Russian", "sr": "Serbian", "tr": "Turkish",
    "uk": "Ukrainian",
}

# CEFR levels from lowest to highest; a mother tongue counts as above C2 when filtering "at least".
LEVELS: dict[str, str] = {
    "A1": "A1", "A2": "A2", "B1": "B1", "B2": "B2", "C1": "C1", "C2": "C2", "native": "Mother tongue",
}

SCORE_CRITERIA: dict[str, str] = {
    "score_expertise": "Expertise",
    "score_training": "Training experience",
    "score_languages": "Languages",
    "score_availability": "Availability",
}


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
