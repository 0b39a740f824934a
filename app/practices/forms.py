from datetime import date

from flask_wtf.file import FileField
from wtforms import DateField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.core.forms import Form, VersionedForm, choices, not_blank, strip
from app.practices.models import TOPICS
from app.practices.workflow import STATES

SORTS = {"newest": "Newest first", "adopted": "Most adopted"}
MAX_TAGS = 10

# The headings the body is structured by; offered in a new practice's body.
BODY_TEMPLATE = """## Context

## What was done

## Results

## Resources needed

## Lessons learned

## Contact
"""


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
        if part.isdigit() and int(part) not in numbers and len(part) < 10:
            numbers.append(int(part))
    return numbers


def valid_numbers(form: Form, field: StringField) -> None:
    parts = [p.strip().lstrip("#") for p in (field.data or "").replace(";", ",").split(",") if p.strip()]
    wrong = [p for p in parts if not p.isdigit() or len(p) >= 10]
    if wrong:
        raise ValidationError(f"“{wrong[0][:20]}” is not an obstacle number; use digits separated by commas.")
    if len(parts) > 20:
        raise ValidationError("Link at most 20 obstacles.")


def valid_tags(form: Form, field: StringField) -> None:
    tags = parse_tags(field.data)
    if len(tags) > MAX_TAGS:
        raise ValidationError(f"Use at most {MAX_TAGS} tags.")
    too_long = [t for t in tags if len(t) > 40]
    if too_long:
        raise ValidationError(f"A tag has at most 40 characters: “{too_long[0][:50]}” is longer.")


class PracticeForm(VersionedForm):
    title = StringField("Title", filters=[strip], validators=[not_blank, Length(min=5, max=200)],
                        description="What the practice is, in one line.")
    summary = TextAreaField(
        "Summary", filters=[strip], validators=[not_blank, Length(max=1_000)],
        description="One paragraph: the problem, what was done, and the result (at most 1,000 characters).",
    )
    body = TextAreaField(
        "Full description", filters=[strip], validators=[Length(max=50_000)],
        description="Markdown. Fill in the suggested headings: context, what was done, results, resources needed, "
        "lessons learned, contact (a function or mailbox, not a person's private details).",
    )
    topic = SelectField("Topic", validators=[InputRequired("Choose a topic.")])
    instrument_ids = SelectMultipleField("Legal instruments and channels concerned", coerce=int,
                                         validators=[Optional()])
    tags = StringField("Tags", filters=[strip], validators=[Length(max=500), valid_tags],
                       description="Free words, separated by commas, e.g. “siena, night shift, templates”.")
    obstacle_numbers = StringField(
        "Obstacles this practice addresses", filters=[strip], validators=[Length(max=300), valid_numbers],
        description="The numbers of the obstacles (shown on each obstacle's page), separated by commas, e.g. 12, 45.",
    )
    country_id = SelectField("Submitting country", coerce=int, validators=[Optional()],
                             description="Administrators submit in the name of a Member State.")
    attachment = FileField(
        "Attach a document (optional)",
        description="PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG or text. The type is checked by content.",
    )
    save_draft = SubmitField("Save as draft")
    send = SubmitField("Save and send for review")

    def validate_country_id(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose the Member State that submits the practice.")


def not_in_future(form: Form, field: DateField) -> None:
    if field.data and field.data > date.today():
        raise ValidationError("The endorsement date cannot be in the future.")


class EndorseForm(Form):
    endorsed_on = DateField("Endorsed on", validators=[InputRequired("Give the date of the endorsement."),
                                                       not_in_future])
    occasion = StringField("At which meeting or occasion", filters=[strip], validators=[not_blank, Length(max=200)],
                           description="For example: Heads of SPOC meeting, Dublin.")
    submit = SubmitField("Record the endorsement")


class AdoptionForm(Form):
    note = TextAreaField("How it went (optional)", filters=[strip], validators=[Length(max=2_000)],
                         description="What you adapted, what worked, what did not.")
    submit = SubmitField("We adopted this")


class PracticeFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField("Search title, summary and text", filters=[strip], validators=[Length(max=200)])
    topic = SelectField("Topic", choices=choices([("", "Any topic"), *TOPICS.items()]), default="")
    instrument = SelectField("Instrument or channel", default="")
    country = SelectField("Country", default="")
    status = SelectField("Status", choices=choices([("", "Submitted or endorsed"), *STATES.items()]), default="")
    tag = StringField("Tag", filters=[strip], validators=[Length(max=40)])
    sort = SelectField("Sort by", choices=choices(SORTS.items()), default="newest")
