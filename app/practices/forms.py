
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.core.forms import CachedSelect, Form, VersionedForm, choices, not_blank, not_in_future, strip
from app.core.guard import Guarded
from app.core.i18n import _, _l
from app.core.markings import MarkingField
from app.practices.models import TOPICS
from app.practices.workflow import STATES

SORTS = {"newest": _l("Newest first"), "adopted": _l("Most adopted")}
MAX_TAGS = 10

# The headings the body is structured by; offered, in the writer's language, in a new practice's body.
BODY_HEADINGS = [_l("Context"), _l("What was done"), _l("Results"), _l("Resources needed"), _l("Lessons learned"),
                 _l("Contact")]


def body_template() -> str:
    """A new practice's body: the suggested headings, empty ("## Context\n\n## What was done\n...")."""
    return "\n".join(f"## {heading}\n" for heading in BODY_HEADINGS)


def parse_tags(raw: str | None) -> list[str]:
    """Comma-separated free tags, trimmed, lower-case, without duplicates, in the order given."""
    tags: list[str] = []
    for part in (raw or "").split(","):
        tag = " ".join(part.split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def parse_numbers(raw: str | None) -> list[int]:
    """Obstacle numbers from "12, #45 ,7" (duplicates dropped, order kept)."""
    numbers: list[int] = []
    for part in (raw or "").replace(";", ",").split(","):
        part = part.strip().lstrip("#")
        if part.isascii() and part.isdigit() and len(part) < 10 and int(part) not in numbers:
            numbers.append(int(part))
    return numbers


def valid_numbers(form: Form, field: StringField) -> None:
    parts = [p.strip().lstrip("#") for p in (field.data or "").replace(";", ",").split(",") if p.strip()]
    wrong = [p for p in parts if not (p.isascii() and p.isdigit()) or len(p) >= 10]
    if wrong:
        raise ValidationError(_("“%(value)s” is not an obstacle number; use digits separated by commas.",
                                value=wrong[0][:20]))
    if len(parts) > 20:
        raise ValidationError(_("Link at most 20 obstacles."))


def valid_tags(form: Form, field: StringField) -> None:
    tags = parse_tags(field.data)
    if len(tags) > MAX_TAGS:
        raise ValidationError(_("Use at most %(max)s tags.", max=MAX_TAGS))
    too_long = [t for t in tags if len(t) > 40]
    if too_long:
        raise ValidationError(_("A tag has at most 40 characters: “%(tag)s” is longer.", tag=too_long[0][:50]))


class PracticeForm(Guarded, VersionedForm):
    guarded_fields = ("title", "summary", "body")
    title = StringField(_l("Title"), filters=[strip], validators=[not_blank, Length(min=5, max=200)],
                        description=_l("What the practice is, in one line."))
    summary = TextAreaField(
        _l("Summary"), filters=[strip], validators=[not_blank, Length(max=1_000)],
        description=_l("One paragraph: the problem, what was done, and the result (at most 1,000 characters)."),
    )
    body = TextAreaField(
        _l("Full description"), filters=[strip], validators=[Length(max=50_000)],
        description=_l("Markdown. Fill in the suggested headings: context, what was done, results, resources needed, "
                       "lessons learned, contact (a function or mailbox, not a person's private details)."),
    )
    topic = SelectField(_l("Topic"), validators=[InputRequired(_l("Choose a topic."))])
    instrument_ids = SelectMultipleField(_l("Legal instruments and channels concerned"), coerce=int,
                                         validators=[Optional()])
    tags = StringField(_l("Tags"), filters=[strip], validators=[Length(max=500), valid_tags],
                       description=_l("Free words, separated by commas, e.g. “siena, night shift, templates”."))
    obstacle_numbers = StringField(
        _l("Obstacles this practice addresses"), filters=[strip], validators=[Length(max=300), valid_numbers],
        description=_l("The numbers of the obstacles (shown on each obstacle's page), separated by commas, "
                       "e.g. 12, 45."),
    )
    country_id = SelectField(_l("Submitting country"), coerce=int, validators=[Optional()],
                             description=_l("Administrators submit in the name of a Member State."))
    attachment = FileField(
        _l("Attach a document (optional)"),
        description=_l("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG or text. "
                       "The type is checked by content."),
    )
    attachment_marking_id = MarkingField(_l("Marking of the document"))
    marking_id = MarkingField()
    save_draft = SubmitField(_l("Save as draft"))
    send = SubmitField(_l("Save and send for review"))

    def validate_country_id(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(_("Choose the Member State that submits the practice."))


class EndorseForm(Form):
    endorsed_on = DateField(_l("Endorsed on"), validators=[
        InputRequired(_l("Give the date of the endorsement.")),
        not_in_future(_l("The endorsement date cannot be in the future."))])
    occasion = StringField(_l("At which meeting or occasion"), filters=[strip],
                           validators=[not_blank, Length(max=200)],
                           description=_l("For example: Heads of SPOC meeting, Dublin."))
    submit = SubmitField(_l("Record the endorsement"))


class AdoptionForm(Guarded, Form):
    guarded_fields = ("note",)
    note = TextAreaField(_l("How it went (optional)"), filters=[strip], validators=[Length(max=2_000)],
                         description=_l("What you adapted, what worked, what did not."))
    submit = SubmitField(_l("We adopted this"))


class PracticeFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search title, summary and text"), filters=[strip], validators=[Length(max=200)])
    topic = SelectField(_l("Topic"), choices=choices([("", _l("Any topic")), *TOPICS.items()]), default="",
                        widget=CachedSelect(static=True))
    instrument = SelectField(_l("Instrument or channel"), default="", widget=CachedSelect())
    country = SelectField(_l("Country"), default="", widget=CachedSelect())
    status = SelectField(_l("Status"), choices=choices([("", _l("Submitted or endorsed")), *STATES.items()]),
                         default="", widget=CachedSelect(static=True))
    tag = StringField(_l("Tag"), filters=[strip], validators=[Length(max=40)])
    sort = SelectField(_l("Sort by"), choices=choices(SORTS.items()), default="newest",
                       widget=CachedSelect(static=True))
