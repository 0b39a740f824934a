"""How a best practice appears in the cross-module search; drafts stay with their country."""

from flask import url_for

from app.core.i18n import _l
from app.practices.models import BestPractice
from app.practices.workflow import PRACTICE_WORKFLOW
from app.search.index import Document, searchable


def _document(practice: BestPractice) -> Document:
    body = "\n".join([practice.summary or "", practice.body or "", " ".join(t.name for t in practice.tags),
                      practice.country.name if practice.country else ""])
    shared = practice.status != PRACTICE_WORKFLOW.initial and practice.submitted_at is not None
    return Document(practice.title, body, "all" if shared else "country", practice.country_id)


searchable("practices", _l("Best practices"), BestPractice, _document,
           lambda record_id: url_for("practices.detail", practice_id=record_id))
