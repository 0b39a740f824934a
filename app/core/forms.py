"""What every form shares: trimmed text, and refusal of characters no database should store."""

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from app.core.i18n import _, _l

# PostgreSQL refuses NUL in text; other C0 controls (but tab and newlines) are never meant.
_FORBIDDEN = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class Form(FlaskForm):
    """Base form: every string field is refused if it holds control characters such as NUL."""

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            data = field.data
            values = data if isinstance(data, list) else [data]
            if any(isinstance(v, str) and not _FORBIDDEN.isdisjoint(v) for v in values):
                if isinstance(field.errors, list):
                    field.errors.append(_("This contains control characters that are not allowed."))
                else:  # pragma: no cover - wtforms uses lists for fields without sub-forms
                    field.errors = [_("This contains control characters that are not allowed.")]
                valid = False
        return valid


class VersionedForm(Form):
    """A form for a record edited by several people: it carries the version it was loaded at."""

    version = HiddenField()

    def is_stale(self, obj: Any) -> bool:
        """True when someone saved ``obj`` after this form was loaded."""
        return str(obj.version) != (self.version.data or "")


def not_blank(form: Any, field: Any) -> None:
    if not (field.data or "").strip():
        raise ValidationError(_("This field is required."))


def choices(pairs: Iterable[tuple[Any, str]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class CommentForm(Form):
    body = TextAreaField(_l("Your comment"), description=_l("Markdown is allowed."), filters=[strip],
                         validators=[not_blank, Length(max=10_000)])
    submit = SubmitField(_l("Post comment"))


class NoteForm(Form):
    """The note a workflow step requires (a reason, how it was resolved...)."""

    note = TextAreaField(_l("Note"), filters=[strip], validators=[not_blank, Length(max=5_000)])
    submit = SubmitField(_l("Confirm"))


def valid_filters(form: Form) -> dict[str, Any]:
    """Validate a list's filter form; a wrong value is reported next to its field and ignored."""
    form.validate()
    return {name: field.data for name, field in form._fields.items() if not field.errors}
