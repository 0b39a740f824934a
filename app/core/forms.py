"""What every form shares: trimmed text, and the rules no field may break, checked once here for every form.

Every field is refused with a message next to it if it holds control characters such as NUL; a one-line field
(any text field but a text area) if it holds a line break; a number (an integer field, a select of ids, a hidden
id) without bounds of its own (``NumberRange``) outside 0 to 2**31-1, the database's integers; a date or
a time outside the years 1900 to 2200. An empty field that ``Optional()`` lets through still gets the form's own
``validate_<name>`` check, which wtforms would skip.
"""

from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    FormField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional, StopValidation, ValidationError
from wtforms.widgets import Select

from app.core import reference
from app.core.guard import Guarded
from app.core.i18n import _, _l, current_language
from app.core.limits import EARLIEST_YEAR, LATEST_YEAR, MAX_ID, has_line_break, in_year_range, one_line, to_id
from app.core.timezones import DEFAULT_TIMEZONE, all_timezones, is_known, today

# PostgreSQL refuses NUL in text; other C0 controls (but tab and newlines) are never meant.
_FORBIDDEN = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def is_one_line(field: Any) -> bool:
    """Text fields hold one line, but text areas (and passwords, which are hashed, never shown or written)."""
    return isinstance(field, StringField) and not isinstance(field, TextAreaField | PasswordField)


def _leaves(field: Any) -> Iterator[Any]:
    """The fields that hold values: ``field`` itself, or those of its sub-forms and lists."""
    if isinstance(field, FormField):
        for sub in field.form:
            yield from _leaves(sub)
    elif isinstance(field, FieldList):
        for entry in field.entries:
            yield from _leaves(entry)
    else:
        yield field


def _values(field: Any) -> list[Any]:
    return field.data if isinstance(field.data, list) else [field.data]


def _problem(field: Any) -> str | None:
    """What the field's value breaks of the rules every form shares, or None."""
    values = _values(field)
    texts = [v for v in values if isinstance(v, str)]
    if any(not _FORBIDDEN.isdisjoint(v) for v in texts):
        return _("This contains control characters that are not allowed.")
    if is_one_line(field) and any(has_line_break(v) for v in texts):
        return _("This field holds one line: remove the line break.")
    if field.errors:  # a number or a date that is wrong for another reason already has its message
        return None
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    if numbers and not any(isinstance(v, NumberRange) for v in field.validators):
        if any(not 0 <= n <= MAX_ID for n in numbers):  # 0: the "choose one" option of some selects
            return _("Give a number between %(min)s and %(max)s.", min=0, max=MAX_ID)
    if any(isinstance(v, date) and not in_year_range(v) for v in values):
        return _("Give a date between the years %(first)s and %(last)s.", first=EARLIEST_YEAR, last=LATEST_YEAR)
    return None


def _skipped_by_optional(field: Any) -> bool:
    """Whether ``Optional()`` stopped the field's validation (it was left empty) before the form's own check."""
    raw = field.raw_data
    empty = not raw or isinstance(raw[0], str) and not raw[0].strip()
    return empty and not field.errors and any(isinstance(v, Optional) for v in field.validators)


class Form(FlaskForm):
    """Base form: the rules of this module, for every field of every form."""

    def process(self, formdata: Any = None, obj: Any = None, data: Any = None, extra_filters: Any = None,
                **kwargs: Any) -> None:
        """A one-line field filled from a record (not from what was sent) shows a line break stored before the
        rule as a space: the browser would silently drop it and glue the words."""
        super().process(formdata, obj, data=data, extra_filters=extra_filters, **kwargs)
        for field in self:
            if field.raw_data is None and is_one_line(field):
                field.data = one_line(field.data)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for name, field in self._fields.items():
            valid = self._run_skipped_check(name, field) and valid
            for leaf in _leaves(field):
                problem = _problem(leaf)
                if problem is None:
                    continue
                valid = False
                target = field if isinstance(field.errors, list) else leaf  # a list's message goes to the list
                if problem not in target.errors:
                    target.errors.append(problem)
        return valid

    def _run_skipped_check(self, name: str, field: Any) -> bool:
        """The form's ``validate_<name>`` of a field ``Optional()`` let through empty; False when it refuses."""
        check = getattr(self.__class__, f"validate_{name}", None)
        if check is None or not _skipped_by_optional(field):
            return True
        try:
            check(self, field)
        except (ValidationError, StopValidation) as error:
            if error.args and error.args[0]:
                field.errors.append(error.args[0])
                return False
        return True


class VersionedForm(Form):
    """A form for a record edited by several people: it carries the version it was loaded at."""

    version = HiddenField()

    def is_stale(self, obj: Any) -> bool:
        """True when someone saved ``obj`` after this form was loaded."""
        return str(obj.version) != (self.version.data or "")


class IdField(HiddenField):
    """A record's id that a form carries (a hidden field): a number the database can hold, or None. Anything else
    (empty, forged, too large for the database) is no id at all, never a query: the view's own check of a missing
    record says what is wrong, as for an id that names nothing."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = to_id(valuelist[0] if valuelist else None)


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


def choices(pairs: Iterable[tuple[Any, str] | SelectChoice]) -> list[SelectChoice]:
    """Select options from (value, label) pairs (a ready option, e.g. one in an optgroup, is kept as it is)."""
    return [pair if isinstance(pair, SelectChoice) else SelectChoice(*pair) for pair in pairs]


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
