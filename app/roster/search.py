"""How an expert on the roster appears in the cross-module search (no contact details; erased: absent)."""

from flask import url_for

from app.roster.models import Expert, ExpertLanguage
from app.search.index import Document, reindex_parent, searchable


def _document(expert: Expert) -> Document | None:
    if expert.is_erased:
        return None
    languages = ", ".join(f"{lang.language_label} {lang.level_label}" for lang in expert.languages)
    body = "\n".join([", ".join(expert.area_labels), languages, expert.organisation.name if expert.organisation
                      else "", expert.position or ""])
    return Document(expert.name, body)


searchable("experts", "Experts", Expert, _document, lambda record_id: url_for("roster.expert", expert_id=record_id))
reindex_parent(ExpertLanguage, lambda language: [language.expert])
