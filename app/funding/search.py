"""How funding records appear in the cross-module search: the calls of the register."""

from flask import url_for
from flask_babel import force_locale

from app.core.i18n import LANGUAGES as INTERFACE_LANGUAGES
from app.core.i18n import _l
from app.funding.models import FundingCall
from app.search.index import Document, searchable


def _call_document(call: FundingCall) -> Document:
    """The source in every language of the interface, whoever saved the call: "CEPOL" or "Programme national du
    FSI" finds it for every reader."""
    names = []
    for code in INTERFACE_LANGUAGES:
        with force_locale(code):
            names.append(call.source.label if call.source else "")
    body = "\n".join(filter(None, [call.reference, *dict.fromkeys(names), call.eligible_activities, call.notes]))
    return Document(call.title, body)


searchable("funding_calls", _l("Funding calls"), FundingCall, _call_document,
           lambda record_id: url_for("funding.call", call_id=record_id))
