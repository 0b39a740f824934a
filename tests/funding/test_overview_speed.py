"""The overview sends a fixed number of SQL statements, whatever the number of budget lines, calls and
applications: its figures are aggregates, never one query per line."""

from datetime import datetime, timedelta

from app.core.timezones import today


def _grow(n, make_meeting, make_training, make_call, make_application, make_budget_line):
    for i in range(n):
        meeting = make_meeting(title=f"Meeting {i}", start=datetime(2026, 1 + i % 12, 10, 10) if i % 2 else
                               datetime.combine(today(), datetime.min.time()).replace(hour=10))
        make_budget_line(meeting, planned=1000 + i, actual=900 + i, kind=("isf_union", "cepol", None)[i % 3])
        training = make_training(f"Training {i}")
        make_budget_line(training, planned=500 + i, kind="national",
                         application=make_application(f"Application {i}", status=("idea", "drafting")[i % 2]))
        make_call(f"Call {i}", reference=f"C-{i}", closes_on=today() + timedelta(days=i + 1))


def test_the_overview_queries_do_not_grow(member_client, count_queries, make_meeting, make_training, make_call,
                                          make_application, make_budget_line):
    def measure(path):
        with count_queries() as q:
            assert member_client.get(path).status_code == 200
        return len(q)

    factories = (make_meeting, make_training, make_call, make_application, make_budget_line)
    _grow(2, *factories)
    for path in ("/funding/", "/funding/export.csv", "/funding/export.xlsx"):
        measure(path)  # the first view builds what the process keeps of the reference data (app/core/reference.py)
    small = {path: measure(path) for path in ("/funding/", "/funding/export.csv", "/funding/export.xlsx")}
    _grow(12, *factories)
    assert {path: measure(path) for path in small} == small
