"""How an expert on the roster appears in the cross-module search (no contact details; erased: absent)."""

from flask import url_for
from flask_babel import force_locale

from app.core.i18n import LANGUAGES as INTERFACE_LANGUAGES
from app.core.i18n import _l
from app.roster.models import Expert, ExpertLanguage
from app.search.index import Document, reindex_parent, searchable


def _labels(expert: Expert) -> list[str]:
    """The areas and languages in every language of the interface, whoever saved the entry: the stored document
    is the same for all, and a search for "German" or "allemand" finds the expert."""
    lines: list[str] = []
    for code in INTERFACE_LANGUAGES:
        with force_locale(code):
            lines.append(", ".join(expert.area_labels))
            lines.append(", ".join(f"{lang.language_label} {lang.level_label}" for lang in expert.languages))
    return list(dict.fromkeys(line for line in lines if line))


def _document(expert: Expert) -> Document | None:
    if expert.is_erased:
        return None
    body = "\n".join([*_labels(expert), expert.organisation.name if expert.organisation else "",
                      expert.position or ""])
    return Document(expert.name, body)


searchable("experts", _l("Experts"), Expert, _document, lambda record_id: url_for("roster.expert", expert_id=record_id))
reindex_parent(ExpertLanguage, lambda language: [language.expert])
