from app.demo import load_demo_data
from app.network.models import User
from app.notifications.services import preferences_of
from tests.factories import log_in


def test_demo_has_choices_and_a_refused_address_that_the_pages_show(app, db):
    assert load_demo_data()
    db.session.commit()
    giulia = db.session.scalar(db.select(User).where(User.email == "head.it@example.org"))
    assert preferences_of(giulia)["obstacle_comment"] == "immediate"
    page = log_in(app.test_client(), giulia).get("/settings").get_data(as_text=True)
    assert '<input checked id="obstacle_comment-0" name="obstacle_comment" required type="radio" value="immediate">' \
        in page
    admin = db.session.scalar(db.select(User).where(User.email == "admin@example.org"))
    admin.totp_secret, admin.totp_enabled_at = "JBSWY3DPEHPK3PXP", admin.created_at  # administrators need one
    db.session.commit()
    assert b"former.officer.pl@example.org" in log_in(app.test_client(), admin).get("/admin/notifications/").data
