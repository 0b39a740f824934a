"""The report's annex: the fact sheets of the Member States, one table a country (each section, what it says and
when the country last verified it), so the Council's fora read how each law-enforcement system is organised. The
HTML page, the .docx and the CSV show the same tables; the figures count the sections kept up to date."""

from datetime import datetime

from app.core.i18n import _, format_date
from app.factsheets.models import labelled
from app.factsheets.services import SheetSection, fact_sheets
from app.network.services import member_states
from app.reports.contents import Section, Table


def _content(section: SheetSection) -> str:
    return "\n".join(f"{labelled(item)} {text}" for item, text, _kind in section.shown() if text)


def _verified(section: SheetSection) -> str:
    return format_date(section.last_verified_at) if section.last_verified_at else _("Never verified")


def fact_sheet_section(end: datetime) -> Section:
    """As the sheets stand now; "over a year old" counted at the end of the period (or now, if earlier)."""
    sheets = fact_sheets(member_states())
    now = min(end, datetime.now(end.tzinfo))
    sections = [s for _org, country in sheets for s in country]
    started = [org for org, country in sheets if any(s.row is not None for s in country)]
    return Section(_("Annex: fact sheets of the Member States"), [
        (_("Member States with a fact sheet"), len(started)),
        (_("Sections verified within the last year"), sum(not s.outdated(now) for s in sections)),
        (_("Sections over a year old or never verified"), sum(s.outdated(now) for s in sections)),
    ], [
        Table(_("Fact sheet: %(country)s", country=org.name), [_("Section"), _("Content"), _("Last verified")],
              [[str(s.declaration.title), _content(s) or _("Not filled in yet."), _verified(s)] for s in country])
        for org, country in sheets if org in started
    ], notes=[
        _("Each Member State keeps its own fact sheet and verifies it section by section; the tables show the "
          "sheets as they stand on the day the report is drawn."),
    ])
