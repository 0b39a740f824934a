"""A French reader sees the roster in French: vocabulary, states, flashes, dates and the history."""

import re

from babel.dates import format_date

from app.core.timezones import today
from app.roster.services import years_after
from tests.factories import NOMINATION_REVIEW, in_french, nomination_form


def test_a_french_member_nominates_and_reads_the_nomination_in_french(member_client):
    client = in_french(member_client)
    form = client.get("/nominations/new").data.decode()
    assert "Désigner un expert" in form
    assert "Domaines d’expertise" in form
    assert "Protection des données" in form
    # The languages are named in French, in French alphabetical order ("néerlandais" among the n's).
    options = re.findall(r'<option value="[a-z]{2}">([^<]+)</option>', form.split('id="languages-0-language"')[1]
                         .split("</select>")[0])
    assert options[:3] == ["albanais", "allemand", "anglais"]
    assert options.index("néerlandais") < options.index("polonais")

    response = client.post("/nominations/new", data=nomination_form(), follow_redirects=True)
    page = response.data.decode()
    assert "La désignation de Chiara Bianchi est soumise au groupe restreint." in page
    assert "italien (Langue maternelle), anglais (C1)" in page
    assert "Soumise" in page
    assert "soumission" in page  # the history names the action in French
    assert "15 jours par an ; indisponible : August" in page
    assert "20 janvier 2026" in page  # the date of consent


def test_a_french_form_error_is_in_french(member_client):
    client = in_french(member_client)
    page = client.post("/nominations/new", data=nomination_form(**{"languages-1-language": "it"})).data.decode()
    assert "La langue « italien » figure deux fois." in page


def test_the_core_group_reads_flashes_dates_and_history_in_french(core_client, member_client, make_nomination,
                                                                  make_expert):
    client = in_french(core_client)
    nomination = make_nomination("IT", name="Luca Verdi", languages=(("it", "native"), ("de", "B2")))
    client.post(f"/nominations/{nomination.id}/reviews", data=NOMINATION_REVIEW)
    page = client.post(f"/nominations/{nomination.id}/accept", data={"message": "Benvenuto."},
                       follow_redirects=True).data.decode()
    assert "La désignation de Luca Verdi est acceptée." in page
    assert "début de l’examen" in page
    assert "acceptation" in page

    expert = nomination.expert
    page = client.post(f"/experts/{expert.id}/reconfirm", follow_redirects=True).data.decode()
    until = format_date(years_after(today(), 2), "d MMMM y", locale="fr")
    assert f"L’inscription de Luca Verdi sur la liste des experts est reconduite jusqu’au {until}." in page
    assert "inscription sur la liste des experts" in page  # add_to_roster in the history
    assert "reconduction sur la liste des experts" in page
    assert "date de réexamen" in page  # the field reconfirm changed
    assert "allemand (B2)" in page

    experts = client.get("/experts/").data.decode()
    assert "Experts en formation" in experts
    assert "Niveau minimal" in experts
    assert ">bulgare</option>" in experts
    # The roster's list of languages does not replace the header's language switch (English, Français).
    switch = experts.split('class="language-switch"')[1].split("</form>")[0]
    assert re.findall(r'name="language" value="(\w+)"', switch) == ["en", "fr"]


def test_an_english_reader_still_sees_english(member_client, make_expert):
    expert = make_expert(name="Anna Rossi", languages=(("it", "native"), ("en", "C1")), days=1)
    page = member_client.get(f"/experts/{expert.id}").data.decode()
    assert "Italian (Mother tongue), English (C1)" in page
    assert "1 day a year" in page
