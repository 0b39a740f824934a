"""Reference data every deployment needs: the organisations of the network and the Presidency rotation."""

from datetime import date

MEMBER_STATES: list[tuple[str, str]] = [
    ("AT", "Austria"), ("BE", "Belgium"), ("BG", "Bulgaria"), ("HR", "Croatia"), ("CY", "Cyprus"),
    ("CZ", "Czechia"), ("DK", "Denmark"), ("EE", "Estonia"), ("FI", "Finland"), ("FR", "France"),
    ("DE", "Germany"), ("GR", "Greece"), ("HU", "Hungary"), ("IE", "Ireland"), ("IT", "Italy"),
    ("LV", "Latvia"), ("LT", "Lithuania"), ("LU", "Luxembourg"), ("MT", "Malta"), ("NL", "Netherlands"),
    ("PL", "Poland"), ("PT", "Portugal"), ("RO", "Romania"), ("SK", "Slovakia"), ("SI", "Slovenia"),
    ("ES", "Spain"), ("SE", "Sweden"),
]

# The Schengen-associated states: members of the network, never counted as EU Member States.
ASSOCIATED_COUNTRIES: list[tuple[str, str]] = [
    ("NO", "Norway"), ("IS", "Iceland"), ("CH", "Switzerland"), ("LI", "Liechtenstein"),
]

AGENCIES: list[tuple[str, str]] = [
    ("INTERPOL", "INTERPOL"),
    ("EUROPOL", "Europol"),
    ("CEPOL", "CEPOL"),
    ("FRONTEX", "Frontex"),
    ("EULISA", "eu-LISA"),
]

COUNCIL: list[tuple[str, str]] = [("GSC", "Council General Secretariat")]

# The rotating Presidency of the Council of the EU, by half-year.
PRESIDENCY_ROTATION: list[tuple[int, int, str]] = [
    (2025, 1, "PL"), (2025, 2, "DK"), (2026, 1, "CY"), (2026, 2, "IE"),
    (2027, 1, "LT"), (2027, 2, "GR"), (2028, 1, "IT"), (2028, 2, "LV"),
    (2029, 1, "LU"), (2029, 2, "NL"), (2030, 1, "SK"), (2030, 2, "MT"),
]


def half_year(year: int, half: int) -> tuple[date, date]:
    """First and last day of a Presidency half-year (half 1: January-June, half 2: July-December)."""
    if half == 1:
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 7, 1), date(year, 12, 31)


# Legal instruments and channels an obstacle or a best practice can concern (administrators edit the list).
LEGAL_INSTRUMENTS: list[tuple[str, str]] = [
    ("DIR-2023-977", "Directive (EU) 2023/977 on information exchange"),
    ("FD-2006-960", "Framework Decision 2006/960/JHA (Swedish Initiative)"),
    ("PRUM", "Prüm decisions / Prüm II"),
    ("EUROPOL-SIENA", "Europol Regulation / SIENA"),
    ("SIS-SIRENE", "SIS / SIRENE"),
    ("INTERPOL", "INTERPOL channels (I-24/7, notices)"),
    ("EIO-MLA", "European Investigation Order / mutual legal assistance"),
    ("LED", "Law Enforcement Directive (EU) 2016/680 (data protection)"),
    ("BILATERAL", "Bilateral or regional agreements (PCCC, liaison officers)"),
    ("NATIONAL", "National law"),
    ("OTHER", "Other"),
]
