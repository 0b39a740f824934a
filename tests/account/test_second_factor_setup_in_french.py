"""Setting up the second factor in French: the enrolment, the recovery codes, the sessions' dates."""

import re

from app.network.models import User
from tests.factories import PASSWORD, code_for


def test_enrolment_and_recovery_codes_in_french(member_client, db):
    member_client.user.language = "fr"
    db.session.commit()
    member_client.post("/settings/second-factor/start", data={"start-password": PASSWORD})
    page = member_client.get("/settings/second-factor").data.decode()
    assert "Scannez ce code QR avec une application d’authentification" in page
    assert 'alt="Code QR pour ajouter le Réseau SPOC à une application d’authentification"' in page
    user = db.session.get(User, member_client.user.id)
    wrong = member_client.post("/settings/second-factor/confirm", data={"enrol-code": "000000" if code_for(user)
                                                                         != "000000" else "111111"})
    assert "Ce code n’est pas correct." in wrong.data.decode()
    done = member_client.post("/settings/second-factor/confirm", data={"enrol-code": code_for(user)}).data.decode()
    assert "Vos codes de secours" in done
    assert len(re.findall(r"<code>[a-z0-9]{5}-[a-z0-9]{5}</code>", done)) == 10
    settings = member_client.get("/settings").data.decode()
    assert "Il reste 10 codes de secours." in settings
    assert "(ce navigateur)" in settings  # the session list, its dates with |datetime
    assert "Où vous êtes connecté" in settings
