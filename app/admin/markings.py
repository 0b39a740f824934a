"""The handling markings administrators keep (app.core.markings): add, rename, reorder, retire, delete if unused."""

from flask import flash, url_for
from flask_login import current_user

from app.admin import bp
from app.admin.forms import MarkingForm
from app.core import audit
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, _l
from app.core.markings import Marking, all_markings, name_for
from app.core.models import Attachment
from app.core.permissions import admin_required
from app.extensions import db
from app.meetings.models import Meeting
from app.obstacles.models import Obstacle
from app.practices.models import BestPractice

audit.describe(fields={
    "label_en": _l("label in English"), "label_fr": _l("label in French"), "restricted": _l("core group only"),
    "is_default": _l("default"), "active": _l("offered in forms"), "position": _l("position"),
})

# Every column that holds a marking: a marking any of them uses is retired, never deleted.
MARKING_COLUMNS = (Obstacle.marking_id, BestPractice.marking_id, Meeting.marking_id, Meeting.minutes_marking_id,
                   Attachment.marking_id)


def records_using(marking: Marking) -> int:
    return sum(db.session.scalar(db.select(db.func.count()).where(column == marking.id)) or 0
               for column in MARKING_COLUMNS)


def _unique_name(label: str) -> str:
    base = name_for(label)
    taken = set(db.session.scalars(db.select(Marking.name).where(Marking.name.like(f"{base}%"))))
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:60]}_{n}", n + 1
    return name


def _save(form: MarkingForm, marking: Marking | None) -> Marking | None:
    """Apply the form; None (with the message next to the field) when it would leave no default."""
    if marking is not None and marking.is_default and not form.is_default.data:
        form.is_default.errors = [_("Make another marking the default instead: new records need one.")]
        return None
    if marking is None:
        marking = Marking(name=_unique_name(form.label_en.data))
        db.session.add(marking)
    for field in ("label_en", "label_fr", "restricted", "position", "is_default", "active"):
        setattr(marking, field, getattr(form, field).data)
    if marking.is_default:
        for other in db.session.scalars(db.select(Marking).where(Marking.is_default.is_(True))):
            if other is not marking:
                other.is_default = False
    if marking.id is None:
        db.session.flush()
        audit.record(current_user, marking, "create", changes={"label_en": [None, marking.label_en]})
    else:
        audit.record_edit(current_user, marking)
    return marking


@bp.route("/markings/", methods=["GET", "POST"])
@admin_required
def markings():
    """The handling markings, and the form to add one."""
    form = MarkingForm()
    if form.validate_on_submit():
        marking = _save(form, None)
        if marking is not None:
            db.session.commit()
            flash(_("The marking “%(name)s” is added.", name=marking.label), "success")
            return redirect_after_post(url_for("admin.markings"))
    rows = [(m, records_using(m)) for m in all_markings()]
    return render("admin/markings.html", markings=rows, form=form, status=400 if form.errors else 200)


@bp.route("/markings/<int:marking_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_marking(marking_id: int):
    """Rename a marking, change whom it restricts reading to, reorder it, make it the default or retire it."""
    marking = db.get_or_404(Marking, marking_id)
    form = MarkingForm(obj=marking)
    if form.validate_on_submit() and _save(form, marking) is not None:
        db.session.commit()
        flash(_("The marking “%(name)s” is saved.", name=marking.label), "success")
        return redirect_after_post(url_for("admin.markings"))
    return render("admin/marking_form.html", form=form, marking=marking, status=400 if form.errors else 200)


@bp.route("/markings/<int:marking_id>/delete", methods=["POST"])
@admin_required
def delete_marking(marking_id: int):
    """Delete a marking no record carries (one in use is retired instead, so its records keep it)."""
    marking = db.get_or_404(Marking, marking_id)
    used = records_using(marking)
    if marking.is_default:
        flash(_("“%(name)s” is the default marking: make another one the default before deleting it.",
                name=marking.label), "error")
    elif used:
        flash(_("“%(name)s” is carried by %(count)s records: retire it instead (untick “Offered in forms”).",
                name=marking.label, count=used), "error")
    else:
        audit.record(current_user, marking, "delete", changes={"label_en": [marking.label_en, None]})
        db.session.delete(marking)
        db.session.commit()
        flash(_("The marking “%(name)s” is deleted.", name=marking.label), "success")
    return redirect_after_post(url_for("admin.markings"))
