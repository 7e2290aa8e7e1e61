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


def test_the_shipped_table_is_the_one_the_installed_libraries_give(monkeypatch, tmp_path):
    """The package ships the CLDR / iso-codes table (scripts/build_cldr_country_names.py) so no run reads CLDR's
    ~1,100 locale files; with the babel and pycountry it names installed, it is what reading them gives, and it is
    used without writing anything to the cache folder."""
    from screener.normalize import countries

    monkeypatch.setenv("SCREENER_CACHE", str(tmp_path))
    shipped = countries._shipped_cldr_names(countries.cldr_table_versions())
    # A fresh install may bring newer libraries than the table was made with: not an error, the table is rebuilt.
    if shipped is None:
        pytest.skip(
            f"the shipped table was made with other babel / pycountry versions than {countries.cldr_table_versions()}"
            " (run scripts/build_cldr_country_names.py to ship theirs)"
        )
    assert shipped == countries._read_cldr_names()
    assert cldr_names() == shipped
    assert not any(tmp_path.iterdir())


def test_other_library_versions_build_their_own_table(monkeypatch, tmp_path):
    import babel

    from screener.normalize import countries

    monkeypatch.setenv("SCREENER_CACHE", str(tmp_path))
    monkeypatch.setattr(babel, "__version__", "0.0.0-other")
    assert countries._shipped_cldr_names(countries.cldr_table_versions()) is None
    built = cldr_names()
    assert built["volksrepublik china"] == "CN"
    assert [path.name for path in (tmp_path / "countries").iterdir()] == [
        f"cldr-names-{countries.cldr_table_versions()}.json"
    ]
