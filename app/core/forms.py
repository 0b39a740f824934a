"""What every form shares: trimmed text, and refusal of characters no database should store."""

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError
from wtforms.widgets import Select

from app.core import reference
from app.core.guard import Guarded
from app.core.i18n import _, _l, current_language
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


def use_choices(field: Any, key: Hashable, build: Callable[[], Iterable[tuple[Any, str]]]) -> None:
    """Give ``field`` the options ``build()`` makes from reference data, kept per process and language
    (app/core/reference.py): built once, not on every request. A :class:`CachedSelect` then renders it once per
    selected value."""
    language = current_language()
    field.choices = reference.cached(("choices", key, language), lambda: tuple(choices(build())))
    field.choices_key = (key, language)


class CachedSelect(Select):
    """A select rendered once per process for each (language, options, selected value, attributes), instead of
    escaping every option on every request. The options are the field's class-level ones (``static=True``, e.g.
    statuses: they change only with the language) or those :func:`use_choices` gave it; any other select, or a
    value that is none of the options (a forged query string), is rendered as usual."""

    def __init__(self, *, static: bool = False) -> None:
        super().__init__()
        self.static = static

    def __call__(self, field: Any, **kwargs: Any) -> Any:
        options = getattr(field, "choices_key", None) or (("static", current_language()) if self.static else None)
        data = field.data
        if options is None or not isinstance(data, str | int | None) or not (
                data in (None, "") or any(str(c.value) == str(data) for c in field.choices)):
            return super().__call__(field, **kwargs)
        key = ("select", id(self), options, field.id, field.name, data, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:  # an attribute given as a list or a dict: rendered as usual
            return super().__call__(field, **kwargs)
        return reference.cached(key, lambda: super(CachedSelect, self).__call__(field, **kwargs))


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
