"""What the assessment templates call: whether another page exists, and an answer's value as a reader sees it."""

from typing import Any

from flask import current_app

from app.assessments.questionnaires import Question
from app.core.i18n import format_number


def has_page(endpoint: str) -> bool:
    """Whether ``endpoint`` is a page of this application (a link to it is built only then)."""
    return endpoint in current_app.view_functions


def answer_value(question: Question, value: Any) -> str:
    """A stored value in words: a band's or a channel's label, a number, the text; "—" when left empty."""
    if value in (None, "", []):
        return "—"
    if question.type == "choices":
        return ", ".join(question.choice_label(code) for code in value)
    if question.type == "choice":
        return question.choice_label(value)
    if question.type in ("scale", "count"):
        return format_number(value)
    return str(value)


TEMPLATE_GLOBALS = (has_page, answer_value)
