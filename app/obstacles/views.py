from typing import Any

from flask import abort, flash, request, url_for
from flask_login import current_user

from app.core import audit
from app.core.concurrency import commit_unless_stale
from app.core.export import csv_response
from app.core.forms import CommentForm, NoteForm, choices, use_choices, valid_filters
from app.core.guard import guard_form, record_confirmation
from app.core.htmx import answer_section, redirect_after_post, render
from app.core.i18n import _
from app.core.markings import can_read_marked, highest_in, marking_line, prepare_marking_field
from app.core.pagination import paginate
from app.core.views import workflow_step
from app.core.workflow import WrongState
from app.extensions import db
from app.network.associated import refused_to_associated
from app.network.models import Organisation
from app.network.services import (
    country_choices,
    country_filter_choices,
    instrument_filter_choices,
    legal_instruments,
    member_states,
)
from app.obstacles import bp, prefill, services
from app.obstacles.forms import AffectedForm, AgreeActionForm, ObstacleFilterForm, ObstacleForm
from app.obstacles.models import Obstacle, ObstacleComment
from app.obstacles.permissions import can_comment_obstacle, can_edit_comment, can_edit_obstacle, can_report_obstacle
from app.obstacles.workflow import OBSTACLE_WORKFLOW, STATES


def _obstacle_or_404(obstacle_id: int) -> Obstacle:
    obstacle = services.load_obstacle(obstacle_id)
    if obstacle is None or not can_read_marked(current_user, obstacle):  # as absent as a missing one
        abort(404)
    return obstacle


def _filter_form() -> ObstacleFilterForm:
    form = ObstacleFilterForm(request.args)
    use_choices(form.instrument, "filter.instruments", instrument_filter_choices)
    use_choices(form.country, "filter.countries", country_filter_choices)
    return form


def _prepare_obstacle_form(form: ObstacleForm, obstacle: Obstacle | None) -> None:
    """Fill the choices; only an administrator outside any Member State picks the reporting country."""
    form.instrument_id.choices = choices(
        (i.id, i.name) for i in legal_instruments(include_id=obstacle.instrument_id if obstacle else None))
    prepare_marking_field(form.marking_id, current_user, obstacle.marking_id if obstacle else None)
    # The other side may be any country of the network, the associated countries in their own group.
    form.counterpart_ids.choices = country_choices()
    if obstacle is None and current_user.is_admin and not current_user.organisation.is_member_state:
        form.reporting_org_id.choices = choices([(0, _("Choose the Member State")),
                                                 *((o.id, o.name) for o in member_states())])
    else:
        del form.reporting_org_id
        form.own_country_id = obstacle.reporting_org_id if obstacle else current_user.organisation_id


@bp.route("/")
def index():
    """The obstacles, filtered, searched and sorted; htmx swaps the list alone."""
    form = _filter_form()
    filters = valid_filters(form)
    page = paginate(services.list_rows(services.filtered_obstacles(current_user, filters)))
    return render("obstacles/index.html", "obstacles/_list.html", page=page, form=form, states=STATES)


@bp.route("/export.csv")
def export_csv():
    """The filtered list as a spreadsheet (UTF-8 with BOM, formulas defused)."""
    form = _filter_form()
    query = services.filtered_obstacles(current_user, valid_filters(form), every_row=True)
    # One url_for, not one per row: the detail address is the list address plus the id.
    prefix = url_for("obstacles.index", _external=True)
    rows = services.export_rows(query, lambda id_: f"{prefix}{id_}")  # read while the response is sent
    return csv_response("obstacles.csv", [str(h) for h in services.EXPORT_HEADER], rows,
                        marking=marking_line(highest_in(query, Obstacle.marking_id)))


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Report an obstacle in the name of the user's country."""
    if not can_report_obstacle(current_user):
        abort(403, refused_to_associated(current_user))
    form = ObstacleForm()
    _prepare_obstacle_form(form, None)
    # Opened from another module's record ("report this difficulty"): a draft, when the user may see its source.
    draft = None if form.is_submitted() else prefill.draft_for(current_user, request.args)
    if draft:
        prefill.apply_draft(form, draft)
    if form.validate_on_submit() and guard_form(form):
        reporting_org = current_user.organisation
        if "reporting_org_id" in form:
            reporting_org = db.session.get(Organisation, form.reporting_org_id.data)
        obstacle = services.report_obstacle(current_user, form.data, reporting_org)
        record_confirmation(current_user, obstacle, form)
        db.session.commit()
        flash(_("The obstacle is reported. Other countries can now say it affects them too."), "success")
        return redirect_after_post(url_for("obstacles.detail", obstacle_id=obstacle.id))
    return render("obstacles/form.html", form=form, obstacle=None, draft=draft)


def _detail_context(obstacle: Obstacle, **forms: Any) -> dict[str, Any]:
    owners = db.session.scalars(db.select(Organisation).where(Organisation.kind != "council")
                                .order_by(Organisation.kind.desc(), Organisation.name))
    action_form = forms.get("action_form") or AgreeActionForm(formdata=None)
    action_form.action_owner_id.choices = choices((o.id, o.name) for o in owners)
    return {
        "obstacle": obstacle,
        "states": STATES,
        "transitions": OBSTACLE_WORKFLOW.available(current_user, obstacle),
        "history": audit.history_of(obstacle),
        "comment_form": forms.get("comment_form") or CommentForm(formdata=None),
        "affected_form": forms.get("affected_form") or AffectedForm(formdata=None),
        "action_form": action_form,
        "note_forms": forms.get("note_forms") or {},
    }


@bp.route("/<int:obstacle_id>")
def detail(obstacle_id: int):
    """One obstacle: description, countries, discussion and its timeline."""
    return render("obstacles/detail.html", **_detail_context(_obstacle_or_404(obstacle_id)))


@bp.route("/<int:obstacle_id>/edit", methods=["GET", "POST"])
def edit(obstacle_id: int):
    """Edit an open obstacle (the reporting country, or an administrator)."""
    obstacle = _obstacle_or_404(obstacle_id)
    if not can_edit_obstacle(current_user, obstacle):
        abort(403)
    form = ObstacleForm(obj=obstacle)
    _prepare_obstacle_form(form, obstacle)
    if not form.is_submitted():
        form.version.data = str(obstacle.version)
        form.counterpart_ids.data = [o.id for o in obstacle.counterparts]
    conflict = False
    if form.validate_on_submit() and guard_form(form, previous=obstacle):
        def apply() -> bool:
            record_confirmation(current_user, obstacle, form)
            return services.update_obstacle(current_user, obstacle, form.data)

        saved, changed = commit_unless_stale(form, obstacle, apply)
        if saved:
            flash(_("The obstacle is saved.") if changed else _("Nothing was changed."), "success")
            return redirect_after_post(url_for("obstacles.detail", obstacle_id=obstacle.id))
        conflict = True
    return render("obstacles/form.html", status=409 if conflict else 200, form=form, obstacle=obstacle,
                  conflict=conflict)


# Workflow -------------------------------------------------------------------------------------------------

@bp.route("/<int:obstacle_id>/discuss", methods=["POST"])
def discuss(obstacle_id: int):
    """Put a reported obstacle under discussion."""
    obstacle = _obstacle_or_404(obstacle_id)
    return workflow_step(OBSTACLE_WORKFLOW, obstacle, "discuss",
                         lambda: services.move(current_user, obstacle, "discuss"),
                         _("The obstacle is now under discussion."),
                         url_for("obstacles.detail", obstacle_id=obstacle.id))


@bp.route("/<int:obstacle_id>/agree-action", methods=["POST"])
def agree_action(obstacle_id: int):
    """Record the action the network agreed, its owner and due date."""
    obstacle = _obstacle_or_404(obstacle_id)
    form = AgreeActionForm()
    context = _detail_context(obstacle, action_form=form)
    return workflow_step(
        OBSTACLE_WORKFLOW, obstacle, "agree_action",
        lambda: services.move(current_user, obstacle, "agree_action", details=form.data),
        _("The agreed action is recorded."), url_for("obstacles.detail", obstacle_id=obstacle.id), form=form,
        invalid=lambda: render("obstacles/detail.html", status=400, **context))


def _note_step(obstacle_id: int, action: str, done: str):
    obstacle = _obstacle_or_404(obstacle_id)
    form = NoteForm()
    return workflow_step(
        OBSTACLE_WORKFLOW, obstacle, action, lambda: services.move(current_user, obstacle, action, note=form.note.data),
        done, url_for("obstacles.detail", obstacle_id=obstacle.id), form=form,
        invalid=lambda: render("obstacles/detail.html", status=400,
                               **_detail_context(obstacle, note_forms={action: form})))


@bp.route("/<int:obstacle_id>/resolve", methods=["POST"])
def resolve(obstacle_id: int):
    """Mark the obstacle resolved, saying how."""
    return _note_step(obstacle_id, "resolve", _("The obstacle is marked resolved."))


@bp.route("/<int:obstacle_id>/close", methods=["POST"])
def close(obstacle_id: int):
    """Close an open obstacle, with the reason."""
    return _note_step(obstacle_id, "close", _("The obstacle is closed."))


# Affects us too ---------------------------------------------------------------------------------------------

def _affected_answer(obstacle: Obstacle, message: str, form: AffectedForm | None = None, status: int = 200):
    if status == 200:
        flash(message, "success")
    return answer_section("obstacles/detail.html", "obstacles/_affected.html",
                          url_for("obstacles.detail", obstacle_id=obstacle.id, _anchor="affected"),
                          lambda: _detail_context(obstacle, affected_form=form), status=status)


@bp.route("/<int:obstacle_id>/affected", methods=["POST"])
def say_affected(obstacle_id: int):
    """Say, for the user's country, that the obstacle affects it too."""
    obstacle = _obstacle_or_404(obstacle_id)
    form = AffectedForm()
    if not (form.validate_on_submit() and guard_form(form)):
        return _affected_answer(obstacle, "", form, status=400)
    record_confirmation(current_user, services.say_affected(current_user, obstacle, form.note.data), form)
    db.session.commit()
    return _affected_answer(_obstacle_or_404(obstacle_id),
                            _("Recorded: this obstacle affects %(country)s too.",
                              country=current_user.organisation.name))


@bp.route("/<int:obstacle_id>/affected/withdraw", methods=["POST"])
def withdraw_affected(obstacle_id: int):
    """Withdraw the user's country's "affects us too"."""
    obstacle = _obstacle_or_404(obstacle_id)
    services.withdraw_affected(current_user, obstacle)
    db.session.commit()
    return _affected_answer(_obstacle_or_404(obstacle_id),
                            _("Withdrawn: %(country)s no longer says this affects it.",
                              country=current_user.organisation.name))


# Discussion ---------------------------------------------------------------------------------------------------

@bp.route("/<int:obstacle_id>/comments", methods=["POST"])
def comment(obstacle_id: int):
    """Post a comment; htmx swaps the discussion in place, a plain form redirects back to it."""
    obstacle = _obstacle_or_404(obstacle_id)
    if not can_comment_obstacle(current_user, obstacle):
        raise WrongState(_("This obstacle is closed: its discussion is kept as it was."))
    form = CommentForm()
    if form.validate_on_submit() and guard_form(form):
        record_confirmation(current_user, services.add_comment(current_user, obstacle, form.body.data), form)
        db.session.commit()
        flash(_("Your comment is posted."), "success")
        obstacle, form = _obstacle_or_404(obstacle_id), None
    return answer_section("obstacles/detail.html", "obstacles/_discussion.html",
                          url_for("obstacles.detail", obstacle_id=obstacle.id, _anchor="discussion"),
                          lambda: _detail_context(obstacle, comment_form=form), status=200 if form is None else 400)


@bp.route("/<int:obstacle_id>/comments/<int:comment_id>/edit", methods=["GET", "POST"])
def edit_comment(obstacle_id: int, comment_id: int):
    """Correct one's own comment within 15 minutes."""
    _obstacle_or_404(obstacle_id)
    comment = db.get_or_404(ObstacleComment, comment_id)
    if comment.obstacle_id != obstacle_id:
        abort(404)
    if not can_edit_comment(current_user, comment):
        abort(403, _("Comments can be corrected by their author for 15 minutes after posting."))
    form = CommentForm(obj=comment)
    if form.validate_on_submit() and guard_form(form, previous=comment):
        services.edit_comment(current_user, comment, form.body.data)
        record_confirmation(current_user, comment, form)
        db.session.commit()
        flash(_("Your comment is corrected."), "success")
        return redirect_after_post(url_for("obstacles.detail", obstacle_id=obstacle_id) + f"#comment-{comment.id}")
    return render("obstacles/comment_form.html", form=form, comment=comment)
