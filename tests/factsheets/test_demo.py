"""The demo's fact sheets: a few countries' sheets, text the operational-data guard lets through, and one section
over a year old, so the reminder and the "due for a check" badge show."""

from datetime import UTC, datetime

from app.core import guard
from app.demo import load_demo_data
from app.extensions import db
from app.factsheets.models import FactSheetSection
from app.network.models import User
from app.notifications.periodic import queue_periodic
from tests.factories import log_in, queued


def test_the_demo_sheets_pass_the_guard_and_one_section_is_due(app):
    assert load_demo_data()
    db.session.commit()
    rows = db.session.scalars(db.select(FactSheetSection)).all()
    assert {r.organisation.code for r in rows} == {"IE", "IT", "DE"}
    flagged = [(r.section, name, f.fragment) for r in rows for name, value in r.values.items()
               if isinstance(value, str) and r.declaration.field(name).guarded for f in guard.scan(value)]
    assert flagged == []
    head = db.session.scalar(db.select(User).where(User.email == "head.ie@example.org"))
    client = log_in(app.test_client(), head)
    page = client.get("/network/IE/fact-sheet").data.decode()
    assert page.count("Due for a check") == 1  # the legal basis; Ireland filled in every other section lately

    app.config["FACT_SHEET_REMINDERS"] = True
    queue_periodic(datetime.now(UTC))
    subjects = {r.subject for r in queued(kind="fact_sheet_outdated") if r.to_address == head.email}
    assert any("“Legal basis for information exchange” was last verified on" in s for s in subjects)
