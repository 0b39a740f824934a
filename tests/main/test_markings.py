"""The dashboard's blocks and counts leave out records under "Core group only" for members."""

from datetime import UTC, datetime, timedelta

from tests.factories import organisation


def test_blocks_show_members_no_core_group_record(member_client, core_client, login_as, make_obstacle, make_meeting,
                                                 db):
    shown = make_obstacle("IT", title="Agreed action for the network", status="action_agreed")
    hidden = make_obstacle("IT", title="Agreed action of the core group", status="action_agreed",
                           marked="core_group")
    for obstacle in (shown, hidden):
        obstacle.action_owner, obstacle.agreed_action = organisation("IT"), "Share the register's hours."
    soon = datetime.now(UTC) + timedelta(days=3)
    make_meeting(status="convened", title="Core group next meeting", start=soon.replace(tzinfo=None),
                 marked="core_group")
    db.session.commit()
    actions = member_client.get("/dashboard/actions").data.decode()
    assert "Agreed action for the network" in actions
    assert "Agreed action of the core group" not in actions
    assert "Core group next meeting" not in member_client.get("/dashboard/next-meeting").data.decode()
    assert "Core group next meeting" in core_client.get("/dashboard/next-meeting").data.decode()
    obstacles = member_client.get("/dashboard/obstacles").data.decode()
    assert "Agreed action of the core group" not in obstacles
    italian_core = login_as("core-group", "IT")
    assert "Agreed action of the core group" in italian_core.get("/dashboard/actions").data.decode()


def test_blocks_built_once_still_answer_each_reader_and_country(member_client, login_as, make_obstacle, db):
    """The blocks' statements are built once per process: a core-group reader who loads them first does not open
    "Core group only" records to a member, and each organisation gets its own actions."""
    for title, marked in (("Open agreed action", "internal"), ("Core group agreed action", "core_group")):
        obstacle = make_obstacle("IT", title=title, status="action_agreed", marked=marked)
        obstacle.action_owner, obstacle.agreed_action = organisation("IT"), "Publish the duty officer's number."
    db.session.commit()
    italian_core = login_as("core-group", "IT")
    assert "Core group agreed action" in italian_core.get("/dashboard/actions").data.decode()
    assert "Core group agreed action" in italian_core.get("/").data.decode()
    for page in ("/dashboard/actions", "/"):
        shown = member_client.get(page).data.decode()
        assert "Open agreed action" in shown
        assert "Core group agreed action" not in shown
    french_core = login_as("core-group", "FR")
    assert "Open agreed action" not in french_core.get("/dashboard/actions").data.decode()
