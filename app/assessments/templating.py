"""What the assessment templates call: an answer's value as a reader sees it."""

from typing import Any

from app.assessments.questionnaires import Question
from app.core.i18n import format_number


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


TEMPLATE_GLOBALS = (answer_value,)
