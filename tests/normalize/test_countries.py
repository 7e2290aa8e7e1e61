import polars as pl
import pytest

from screener.normalize.countries import add_country_codes, country_code, country_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),  # Norway, never "false"
        ("Norway", "NO"),
        ("CHN", "CN"),
        ("P.R. China", "CN"),
        ("中国", "CN"),
        ("Turkey (Türkiye)", "TR"),  # DOL spelling
        ("Burma", "MM"),
        ("Congo, Democratic Republic of the", "CD"),
        ("U.S.A.", "US"),
        ("Deutschland", "DE"),
        ("Россия", "RU"),
        ("Kosovo", "XK"),
        ("Congo (DRC)", "CD"),  # the bracket is the more specific part
        ("Congo (Brazzaville)", "CG"),
        ("Congo, Dem. Rep.", "CD"),  # World Bank style: abbreviations and a comma
        ("Korea, Rep.", "KR"),
        ("Korea, Dem. People's Rep.", "KP"),
        ("Lao PDR", "LA"),
        ("Micronesia, Fed. Sts.", "FM"),
        ("Gambia, The", "GM"),
        ("Africa", None),
        ("", None),
        (None, None),
    ],
)
def test_country_code(text, expected):
    assert country_code(text) == expected


@pytest.mark.parametrize(
    "text", ["Sin", "SIN", "sin", "End", "Cat", "Man", "Dev", "Eng", "Poo", "Sad", "y", "En"]
)
def test_short_words_are_not_guessed_as_countries(text):
    """Three letters or fewer that are neither an ISO code nor a known abbreviation are not a country: 'Sin' was
    read as China (a minority CLDR locale's name), 'End' as India, 'Cat' as Chad; the officer sees the value as
    unrecognised instead of a wrong country's risk."""
    assert country_code(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("UK", "GB"), ("USA", "US"), ("UAE", "AE"), ("PRC", "CN"), ("DRC", "CD"), ("BVI", "VG"), ("GER", "DE"),
     ("ABD", "US"), ("Iran", "IR"), ("Chad", "TD"), ("Laos", "LA"), ("Irán", "IR"), ("Singapur", "SG")],
)  # fmt: skip
def test_short_abbreviations_and_four_letter_names_are_still_read(text, expected):
    assert country_code(text) == expected


def test_add_country_codes_keeps_rows_and_maps_each_value():
    frame = pl.DataFrame({"country": ["China", None, "norway", "Atlantis"]})
    out = add_country_codes(frame)
    assert out.get_column("country_code").to_list() == ["CN", None, "NO", None]


def test_country_name_is_readable():
    assert country_name("TW") == "Taiwan"
    assert country_name(None) is None
