"""Country names in the officer's language: every CLDR territory name (babel), iso-codes' translated official
names (pycountry) and common abbreviations resolve to their ISO code."""

import polars as pl
import pytest
from babel import Locale

from screener.data import reference_path
from screener.normalize.countries import cldr_names, country_code

ISO = (
    pl.read_csv(reference_path("iso3166_1_countries.csv"), infer_schema=False).get_column("alpha_2").to_list()
)


@pytest.mark.parametrize("language", ["de", "fr", "es", "it", "pt", "nl", "zh", "ja", "ru", "tr", "vi", "pl"])
def test_countries_are_recognised_by_their_cldr_name(language):
    territories = Locale.parse(language).territories
    named = [(code, territories[code]) for code in ISO if code in territories]
    wrong = [(code, name, country_code(name)) for code, name in named if country_code(name) != code]
    share = 1 - len(wrong) / len(ISO)
    assert share >= 0.95, f"{language}: {len(wrong)} of {len(ISO)} not recognised: {wrong[:10]}"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("VR China", "CN"),
        ("Volksrepublik China", "CN"),
        ("République populaire de Chine", "CN"),
        ("Rép. pop. de Chine", "CN"),
        ("RPC", "CN"),
        ("Chine populaire", "CN"),
        ("GER", "DE"),
        ("Ger.", "DE"),
        ("PRC", "CN"),
        ("UAE", "AE"),
        ("U.A.E.", "AE"),
        ("VAE", "AE"),
        ("Republik Korea", "KR"),
        ("Korea, Republik", "KR"),
        ("Corée, République de", "KR"),
        ("Elfenbeinküste", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Südkorea", "KR"),
        ("Nordkorea", "KP"),
        ("Вьетнам", "VN"),
        ("ベトナム", "VN"),
        ("Türkiye", "TR"),
        ("Wietnam", "VN"),
    ],
)
def test_names_and_short_forms_people_write(text, code):
    assert country_code(text) == code


def test_a_name_meaning_two_countries_in_two_languages_is_left_out():
    # CLDR: "Kongo" is the Democratic Republic in one locale and the Republic in another
    assert "kongo" not in cldr_names()
    assert "sant martin" not in cldr_names()


def test_codes_stay_codes():
    assert country_code("NO") == "NO"  # Norway, never a "no"
    assert country_code("CHN") == "CN"


def test_not_a_country_stays_unrecognised():
    for text in ("Atlantis", "n/a", "Shenzhen Factory 3"):
        assert country_code(text) is None
