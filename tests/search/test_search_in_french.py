"""Search in French: the notices, the counts and the link to one kind's results."""


def test_a_french_user_searches_in_french(member_client, make_obstacle, db):
    member_client.user.language = "fr"
    db.session.commit()
    for n in range(6):
        make_obstacle("IT", title=f"Interpreter shortage case {n}")
    page = member_client.get("/search", query_string={"q": "interpreter"}).data.decode()
    assert "Voir les 6 obstacles correspondant à « interpreter »" in page
    notice = member_client.get("/search", query_string={"q": "?!*"}).data.decode()
    assert "Saisissez au moins un mot ou un nombre" in notice
