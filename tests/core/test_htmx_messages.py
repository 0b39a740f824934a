"""A message flashed while answering htmx travels with the fragment into the live region, not to the next page."""

from tests.factories import HTMX, is_fragment


def test_htmx_answer_carries_its_message_and_moves_focus(make_obstacle, other_member_client):
    obstacle = make_obstacle("IT")
    response = other_member_client.post(f"/obstacles/{obstacle.id}/comments", data={"body": "Same here."},
                                        headers=HTMX)
    text = response.data.decode()
    assert is_fragment(response)
    assert '<div id="messages" hx-swap-oob="innerHTML">' in text
    assert "Your comment is posted." in text
    assert 'id="discussion-heading" tabindex="-1" autofocus' in text  # focus goes to the updated discussion
    later = other_member_client.get(f"/obstacles/{obstacle.id}").data.decode()
    assert "Your comment is posted." not in later  # not shown again, out of context
    assert "autofocus" not in later  # a full page does not steal focus


def test_htmx_answer_without_message_has_no_message_swap(make_obstacle, member_client):
    make_obstacle("IT")
    response = member_client.get("/obstacles/?q=vehicle", headers=HTMX)
    assert is_fragment(response)
    assert "hx-swap-oob" not in response.data.decode()
