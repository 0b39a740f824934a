"""Invented demo fact sheets for a few countries: public institutional names, invented mailboxes and numbers (the
example domains and the 555 01 range), no person. One section of Ireland's was last verified over a year ago, so the
reminder and the "due for a check" badge show."""

from datetime import UTC, datetime, time, timedelta
from typing import Any

from app.core import audit
from app.core.timezones import today
from app.extensions import db
from app.factsheets.models import FactSheetSection

# (country, section) -> values; not translated: demo data.
SHEETS: dict[str, dict[str, dict[str, Any]]] = {
    "IE": {
        "services": dict(
            police_services="- National police service: all policing, state security, immigration\n"
                            "- Criminal assets bureau: proceeds of crime",
            customs_services="- Revenue customs service: customs and excise offences, drugs at the border"),
        "spoc": dict(
            spoc_authority="National police headquarters, international liaison and security section",
            spoc_organisation="The SPOC brings together the **SIRENE** bureau, the **Europol National Unit** and "
                              "the **INTERPOL NCB** in one room.\n\n- Case intake desk (24/7)\n- Legal advice desk\n"
                              "- Liaison officers' network",
            spoc_staff=42),
        "channels": dict(
            channels_operated=["siena", "sirene", "interpol", "enu", "liaison"],
            channels_other="Prüm exchanges are handled by the forensic service, outside the SPOC."),
        "legal_basis": dict(
            legal_national="The national police act and the criminal justice (international cooperation) act.",
            legal_instruments_used="Directive (EU) 2023/977; the Schengen Convention through the SIS regulations."),
        "languages_hours": dict(working_languages="English, Irish", open_around_the_clock=True),
        "contacts": dict(
            contact_mailbox="spoc@police.example.ie", contact_phone="+353 1 555 0100",
            contact_notes="SIENA mailbox of the SPOC, and the operations room by phone around the clock."),
        "data_protection": dict(dpa_name="Data Protection Commission", dpa_website="https://dpc.example.ie"),
    },
    "IT": {
        "services": dict(
            police_services="- State police: general policing\n- Carabinieri: general policing, military police\n"
                            "- Financial police: economic and financial crime",
            customs_services="- Customs and monopolies agency: customs offences"),
        "spoc": dict(
            spoc_authority="Ministry of the Interior, Central Directorate of Criminal Police",
            spoc_organisation="The International Police Cooperation Service gathers SIRENE, Europol and INTERPOL "
                              "channels under one management, with staff from the three national police forces.",
            spoc_staff=180),
        "channels": dict(channels_operated=["siena", "sirene", "interpol", "enu", "prum", "liaison", "pccc"]),
        "languages_hours": dict(working_languages="Italian, English, French", open_around_the_clock=True),
        "contacts": dict(
            contact_mailbox="spoc@polizia.example.it",
            contact_notes="Operations room, reachable 24/7 through SIENA and INTERPOL I-24/7."),
        "data_protection": dict(dpa_name="Garante per la protezione dei dati personali"),
    },
    "DE": {
        "services": dict(
            police_services="- Federal criminal police office: serious and organised crime, central office\n"
                            "- Federal police: borders, railways, airports\n"
                            "- State police forces: general policing in each federal state",
            customs_services="- Customs investigation service: customs crime, money laundering"),
        "spoc": dict(
            spoc_authority="Federal criminal police office",
            spoc_organisation="The federal criminal police office hosts the SPOC; the federal states' criminal "
                              "police offices route international requests through it.",
            spoc_staff=120),
        "channels": dict(channels_operated=["siena", "sirene", "interpol", "enu", "prum", "pnr"]),
        "legal_basis": dict(
            legal_national="The federal criminal police office act; the act on international mutual assistance in "
                           "criminal matters."),
        "languages_hours": dict(
            working_languages="German, English", open_around_the_clock=False,
            office_days=["mon", "tue", "wed", "thu", "fri"], opens_at="07:00", closes_at="19:00"),
        "contacts": dict(
            contact_mailbox="spoc@bka.example.de",
            contact_notes="SPOC duty officer via SIENA, 24/7; outside office hours the operations centre answers."),
    },
}


def load_demo(users: dict[str, Any], organisations: dict[str, Any]) -> None:
    day = today()
    for code, sections in SHEETS.items():
        head = users.get(f"head.{code.lower()}@example.org")
        for offset, (key, values) in enumerate(sections.items()):
            verified = day - timedelta(days=20 + 9 * offset)
            if (code, key) == ("IE", "legal_basis"):
                verified = day - timedelta(days=400)  # over a year: the reminder shows
            at = datetime.combine(verified, time(9, 30), UTC)
            row = FactSheetSection(organisation=organisations[code], section=key, values=values, updated_at=at,
                                   updated_by_id=head.id if head else None, last_verified_at=at,
                                   last_verified_by_id=head.id if head else None)
            db.session.add(row)
            db.session.flush()
            audit.record(head, row, "edit_fact_sheet", changes={name: [None, value] for name, value in values.items()})
