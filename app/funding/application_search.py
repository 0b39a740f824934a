"""How a funding application appears in the cross-module search: its title, summary, lead and partners."""

from flask import url_for

from app.core.i18n import _l
from app.funding.models import FundingApplication
from app.search.index import Document, searchable


def _document(application: FundingApplication) -> Document:
    countries = ", ".join(o.name for o in [application.lead, *application.partners] if o is not None)
    funder = str(application.call) if application.call else (application.source.name if application.source else "")
    body = "\n".join(filter(None, [application.summary, countries, funder]))
    return Document(application.title, body)


searchable("funding_applications", _l("Funding applications"), FundingApplication, _document,
           lambda record_id: url_for("funding.application", application_id=record_id))
