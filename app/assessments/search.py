"""How a round appears in the cross-module search: its title, year and note, and its questionnaire's questions
(labels and help texts, in English and French), so "quality of the answers" or "besoins de formation" finds it."""

from flask import url_for
from flask_babel import force_locale

from app.assessments.models import AssessmentRound
from app.core.i18n import _l
from app.search.index import Document, searchable


def _texts(round_: AssessmentRound) -> list[str]:
    form = round_.form
    texts = [str(form.title), str(form.intro), str(form.subject_label)]
    for question in form.questions:
        texts += [str(question.label), str(question.help)]
    return texts


def _document(round_: AssessmentRound) -> Document:
    texts = _texts(round_)
    with force_locale("fr"):
        texts += _texts(round_)
    title = f"{round_.form.title} {round_.year}"
    return Document(title, "\n".join(dict.fromkeys(filter(None, [str(round_.year), round_.note, *texts]))))


searchable("assessment_rounds", _l("Assessment rounds"), AssessmentRound, _document,
           lambda record_id: url_for("assessments.round", round_id=record_id))
