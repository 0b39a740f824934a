"""A call's page lists the applications made to it and starts one with the call already chosen."""

import re

from tests.factories import organisation


def test_the_call_page_lists_its_applications_and_not_the_others(member_client, make_call, make_application):
    call = make_call()
    make_application("Meetings answering the call", call=call, lead="IE", status="submitted")
    make_application("An application to another funder", kind="national")
    page = member_client.get(f"/funding/calls/{call.id}").data.decode()
    assert "Meetings answering the call" in page
    assert organisation("IE").name in page
    assert "An application to another funder" not in page
    assert f'href="/funding/applications/new?call_id={call.id}"' in page


def test_the_new_application_form_comes_with_the_call_chosen(member_client, make_call):
    call = make_call()
    form = member_client.get(f"/funding/applications/new?call_id={call.id}").data.decode()
    selected = re.search(r'<option[^>]*selected[^>]*value="(\d+)"|<option[^>]*value="(\d+)"[^>]*selected', form)
    assert selected
    assert call.id in {int(g) for g in selected.groups() if g}


def test_an_unknown_or_hostile_call_id_leaves_the_choice_empty(member_client, make_call):
    make_call()
    for value in ("999999", "abc", "-1", "99999999999999999999"):
        response = member_client.get(f"/funding/applications/new?call_id={value}")
        assert response.status_code == 200
        assert "selected" not in response.data.decode().split('name="call_id"', 1)[1].split("</select>", 1)[0]


def test_a_closed_call_offers_no_new_application(member_client, make_call):
    from datetime import timedelta

    from app.core.timezones import today

    call = make_call("Closed", closes_on=today() - timedelta(days=3))
    assert "/funding/applications/new?call_id" not in member_client.get(f"/funding/calls/{call.id}").data.decode()
