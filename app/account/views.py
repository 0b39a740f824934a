from flask import flash, session, url_for
from flask_login import current_user

from app.account import bp
from app.account.forms import TimezoneForm
from app.account.services import issue_feed_token, revoke_feed_token, set_timezone
from app.core.forms import Form
from app.core.htmx import redirect_after_post, render
from app.extensions import db
from app.meetings.forms import timezone_choices

_NEW_FEED = "new_calendar_feed_url"


def _page(timezone_form: TimezoneForm | None = None, status: int = 200):
    form = timezone_form or TimezoneForm(formdata=None, obj=current_user)
    form.timezone.choices = timezone_choices()
    # The URL with the secret token is shown once, right after it is made, never again.
    new_feed_url = session.pop(_NEW_FEED, None)
    return render("account/settings.html", status=status, timezone_form=form, feed_form=Form(formdata=None),
                  new_feed_url=new_feed_url)


@bp.route("/settings")
def settings():
    """The user's settings: time zone and calendar feed."""
    return _page()


@bp.route("/settings/timezone", methods=["POST"])
def timezone():
    """Change the time zone meeting times are shown in."""
    form = TimezoneForm()
    form.timezone.choices = timezone_choices()
    if not form.validate():
        return _page(form, status=400)
    changed = set_timezone(current_user, form.timezone.data)
    db.session.commit()
    flash(f"Times are now shown in {current_user.timezone}." if changed else "Nothing changed.", "success")
    return redirect_after_post(url_for("account.settings"))


@bp.route("/settings/calendar-feed", methods=["POST"])
def new_feed():
    """Make a new personal feed URL; any previous one stops working."""
    token = issue_feed_token(current_user)
    db.session.commit()
    session[_NEW_FEED] = url_for("meetings.feed", token=token, _external=True)
    return redirect_after_post(url_for("account.settings") + "#calendar-feed")


@bp.route("/settings/calendar-feed/revoke", methods=["POST"])
def revoke_feed():
    """Stop the personal feed URL from working."""
    revoked = revoke_feed_token(current_user)
    db.session.commit()
    flash("Your calendar feed URL no longer works." if revoked else "You have no calendar feed URL.", "success")
    return redirect_after_post(url_for("account.settings") + "#calendar-feed")
