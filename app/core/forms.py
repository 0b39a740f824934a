"""What every form shares: trimmed text, and refusal of characters no database should store."""

from collections.abc import Callable, Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from app.core.guard import Guarded
from app.core.i18n import _, _l
from app.core.timezones import DEFAULT_TIMEZONE, all_timezones, is_known, today

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


def not_in_future(message: Any) -> Callable[[Any, Any], None]:
    """A date field's validator: ``message`` if the date is after today (UTC, as the services count)."""

    def check(form: Any, field: Any) -> None:
        if field.data and field.data > today():
            raise ValidationError(str(message))

    return check


def not_in_past(message: Any) -> Callable[[Any, Any], None]:
    """A date field's validator: ``message`` if the date is before today (UTC, as the services count)."""

    def check(form: Any, field: Any) -> None:
        if field.data and field.data < today():
            raise ValidationError(str(message))

    return check


def not_blank(form: Any, field: Any) -> None:
    if not (field.data or "").strip():
        raise ValidationError(_("This field is required."))


def choices(pairs: Iterable[tuple[Any, str]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class CommentForm(Guarded, Form):
    guarded_fields = ("body",)
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


def known_timezone(form: Any, field: Any) -> None:
    if not is_known(field.data):
        raise ValidationError(_(
            "“%(zone)s” is not a time zone we know. Choose one from the list (IANA names such as Europe/Lisbon).",
            zone=(field.data or "")[:64],
        ))


def timezone_choices() -> list[Any]:
    return choices((z, z.replace("_", " ")) for z in all_timezones())


class TimezoneSelect(SelectField):
    """All IANA zones; an unknown value gets a clear message instead of "Not a valid choice"."""

    def __init__(self, label: Any, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [known_timezone])
        super().__init__(label, validate_choice=False, default=DEFAULT_TIMEZONE, **kwargs)

    def pre_validate(self, form: Any) -> None:  # the validator above explains a bad value
        return None
