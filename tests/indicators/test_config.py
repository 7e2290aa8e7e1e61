"""Loading and validating rules files: every problem at once, with file, key path, value and what is allowed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.data import rules_dir
from screener.errors import ConfigError
from screener.indicators import load_rules
from screener.match import MatchSettings


def _write(tmp_path, text, name="rules.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path):
    with pytest.raises(ConfigError) as caught:
        load_rules(path)
    return caught.value.problems


def test_bundled_default_loads_with_match_settings_and_sources():
    rules = load_rules(None)
    assert rules.sources == (rules_dir() / "default.toml",)
    assert rules.match_settings == MatchSettings(0.47, 0.45, 10, short_name_letters=4)
    assert rules.name == "default"


@pytest.mark.parametrize("profile", ["uflpa.toml", "eu-flr.toml", "lksg.toml"])
def test_bundled_profiles_extend_default(profile):
    rules = load_rules(rules_dir() / profile)
    assert rules.sources == (rules_dir() / "default.toml", rules_dir() / profile)
    assert rules.name != "default"


def test_rules_are_immutable():
    rules = load_rules(None)
    with pytest.raises(TypeError):
        rules.config["tiers"]["high"] = 1
    with pytest.raises(AttributeError):
        rules.name = "x"


def test_broken_file_reports_every_error_at_once_with_file_and_key(tmp_path):
    path = _write(
        tmp_path,
        'extends = "default.toml"\n'
        "[tiers]\n"
        'high = "sixty"\n'  # wrong type
        "[matching]\n"
        "match_treshold = 0.9\n"  # unknown key (typo)
        "[lists.uflpaa]\n"  # unknown list id
        "match = { points = 10, severity = 'high', likelihood = 0.5 }\n"
        "[watchlist]\n"
        'countries = ["NO", false]\n',  # a country written as a boolean
    )
    problems = _problems(path)
    assert len(problems) == 4, problems
    text = "\n".join(problems)
    assert all(str(path) in p for p in problems)
    assert "tiers.high = 'sixty': must be a number" in text
    assert "matching.match_treshold" in text and "did you mean 'match_threshold'" in text
    assert "lists.uflpaa" in text and "unknown list id" in text and "did you mean 'uflpa'" in text
    assert "watchlist.countries[1] = false" in text and 'country code in quotes, e.g. "NO"' in text


def test_norway_stays_norway(tmp_path):
    path = _write(tmp_path, 'extends = "default.toml"\n[xinjiang]\ncountries = ["CN", "NO"]\n')
    assert load_rules(path).section("xinjiang")["countries"] == ("CN", "NO")


def test_out_of_range_and_choices(tmp_path):
    path = _write(
        tmp_path,
        'extends = "default.toml"\n[matching]\nmatch_threshold = 1.5\n[goods]\n'
        'forced_labour = { severity = "severe" }\n[prioritisation]\norder = ["severity", "luck"]\n',
    )
    text = "\n".join(_problems(path))
    assert "matching.match_threshold = 1.5: out of range: must be a number from 0 to 1" in text
    assert "goods.forced_labour.severity = 'severe'" in text
    assert "prioritisation.order[1] = 'luck'" in text


def test_short_name_rule_is_tunable_and_checked(tmp_path):
    off = _write(tmp_path, 'extends = "default.toml"\n[matching]\nshort_name_letters = 0\n', "off.toml")
    assert load_rules(off).match_settings.short_name_letters == 0
    bad = _write(tmp_path, 'extends = "default.toml"\n[matching]\nshort_name_letters = 2.5\n', "bad.toml")
    assert any("matching.short_name_letters = 2.5: must be a whole number" in p for p in _problems(bad))


def test_threshold_order_is_checked_after_merging(tmp_path):
    path = _write(tmp_path, 'extends = "default.toml"\n[matching]\nreview_threshold = 0.9\n')
    assert any(
        "review_threshold = 0.9: must not exceed matching.match_threshold" in p for p in _problems(path)
    )


def test_bad_toml_syntax_names_file_line_and_column(tmp_path):
    path = _write(tmp_path, 'extends = "default.toml"\n[watchlist]\ncountries = [NO]\n')
    (problem,) = _problems(path)
    assert str(path) in problem and "line 3, column" in problem and "syntax" in problem


def test_file_without_extends_must_be_complete(tmp_path):
    path = _write(tmp_path, 'format = 1\nname = "x"\ndescription = "y"\n')
    problems = _problems(path)
    assert any("missing key matching" in p for p in problems)
    assert any('extends = "default.toml"' in p for p in problems)


def test_imported_list_needs_optional(tmp_path):
    ok = _write(
        tmp_path,
        'extends = "default.toml"\n[lists.my-suppliers-blacklist]\noptional = true\nforce_high = true\n'
        'match = { points = 90, severity = "critical", likelihood = 0.9 }\n'
        'review = { points = 20, severity = "high", likelihood = 0.2 }\n',
    )
    rules = load_rules(ok)
    assert rules.list_weights("my-suppliers-blacklist")["match"]["points"] == 90
    assert rules.list_weights("never-configured") == rules.section("lists")["custom"]


def test_missing_files_and_extends(tmp_path):
    assert "rules file not found" in _problems(tmp_path / "nope.toml")[0]
    path = _write(tmp_path, 'extends = "nothing.toml"\n')
    assert "extends = 'nothing.toml': file not found" in _problems(path)[0]
    gsi = _write(tmp_path, 'extends = "default.toml"\n[gsi]\npath = "missing-gsi.csv"\n', "g.toml")
    assert "gsi.path = 'missing-gsi.csv': file not found" in _problems(gsi)[0]


def test_circular_extends(tmp_path):
    _write(tmp_path, 'extends = "b.toml"\n', "a.toml")
    _write(tmp_path, 'extends = "a.toml"\n', "b.toml")
    assert any("circle" in p for p in _problems(tmp_path / "a.toml"))


def test_several_files_layer_in_order(tmp_path):
    first = _write(tmp_path, 'extends = "default.toml"\n[tiers]\nhigh = 90\nmedium = 40\n', "one.toml")
    second = _write(tmp_path, "[tiers]\nhigh = 80\n", "two.toml")
    rules = load_rules([first, second])
    assert rules.section("tiers")["high"] == 80 and rules.section("tiers")["medium"] == 40


def test_error_message_is_one_screener_error_listing_all(tmp_path):
    path = _write(tmp_path, 'extends = "default.toml"\n[tiers]\nhigh = -1\nmediun = 3\n')
    with pytest.raises(ConfigError) as caught:
        load_rules(path)
    rendered = caught.value.render()
    assert rendered.count("\n  - ") == 2 and "2 problems" in rendered


@pytest.mark.parametrize("name", ["default.toml", "uflpa.toml", "eu-flr.toml", "lksg.toml"])
def test_every_key_of_the_bundled_rules_has_a_comment(name):
    """Each key line is preceded by a comment line explaining it."""
    lines = (rules_dir() / name).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith(("{", "]", '"')):
            continue
        if "=" in stripped.split("#")[0] or stripped.startswith("["):
            above = lines[number - 1].strip()
            assert above.startswith("#") or stripped.startswith("["), (
                f"line {number + 1} has no comment: {line}"
            )


def test_partial_list_table_takes_the_rest_from_custom(tmp_path):
    path = _write(
        tmp_path, 'extends = "default.toml"\n[lists.our-list]\noptional = true\nmatch = { points = 77 }\n'
    )
    table = load_rules(path).list_weights("our-list")
    custom = load_rules(None).section("lists")["custom"]
    assert table["match"]["points"] == 77
    assert table["match"]["severity"] == custom["match"]["severity"]
    assert table["review"] == custom["review"]


def test_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes('\ufeffextends = "default.toml"\r\n[tiers]\r\nhigh = 70\r\n'.encode())
    assert load_rules(path).section("tiers")["high"] == 70


def test_provenance_names_each_file_with_its_checksum():
    import hashlib

    from screener.indicators import describe_rules

    rules = load_rules(rules_dir() / "uflpa.toml")
    provenance = rules.provenance()
    assert [p["path"] for p in provenance] == [
        str(rules_dir() / "default.toml"),
        str(rules_dir() / "uflpa.toml"),
    ]
    assert provenance[1]["sha256"] == hashlib.sha256((rules_dir() / "uflpa.toml").read_bytes()).hexdigest()
    assert len({info.rule_id for info in describe_rules(rules)}) == len(describe_rules(rules))


def test_override_pattern_that_matches_no_rule_and_duplicate_order(tmp_path):
    path = _write(
        tmp_path,
        'extends = "default.toml"\n[actions]\noverrides = [{ rules = ["xinjang.*"], min_tier = "high", action = "x" }]\n',
    )
    assert "actions.overrides[0].rules[0] = 'xinjang.*': matches no rule" in _problems(path)[0]
    path = _write(
        tmp_path, 'extends = "default.toml"\n[prioritisation]\norder = ["score", "score"]\n', "o.toml"
    )
    assert "prioritisation.order" in _problems(path)[0]


def _toml_value(value):
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"


_SCALARS = st.one_of(
    st.booleans(),
    st.integers(-5, 500),
    st.floats(-2, 2, allow_nan=False),
    st.sampled_from(["NO", "high", "x", ""]),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
    ["points", "severity", "likelihood", "enabled", "min", "match", "review", "force_high", "optional", "foo"]), inner, max_size=3)
, max_leaves=6)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["tiers", "goods", "lists", "watchlist", "gsi", "ilo", "worker_voice", "actions", "unknown"]
        ),
        st.dictionaries(
            st.sampled_from(
                [
                    "high",
                    "medium",
                    "forced_labour",
                    "uflpa",
                    "zz",
                    "countries",
                    "path",
                    "default",
                    "indicators",
                    "recruitment_fees",
                    "overrides",
                    "prevalence",
                ]
            ),  # fmt: skip
            _VALUES,
            max_size=3,
        ),
        max_size=3,
    )
)
def test_any_rules_file_loads_or_raises_one_config_error(tmp_path_factory, sections):
    text = 'extends = "default.toml"\n' + "".join(
        f"[{section}]\n" + "".join(f"{key} = {_toml_value(value)}\n" for key, value in table.items())
        for section, table in sections.items()
    )
    path = tmp_path_factory.mktemp("fuzz") / "rules.toml"
    path.write_text(text, encoding="utf-8")
    try:
        rules = load_rules(path)
    except ConfigError as error:
        assert error.problems and all(str(path) in p for p in error.problems)
    else:
        assert rules.match_settings.review_threshold <= rules.match_settings.match_threshold
