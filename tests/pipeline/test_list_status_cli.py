"""`screener screen` on revoked and lifted CBP orders and on a country written in German: exact console lines
(sqlite-utils style)."""

from click.testing import CliRunner

from screener.cli import cli

CBP_SUPPLIERS = (
    "Supplier ID,Supplier Name,Country,Goods\n"
    "1,WRP Asia Pacific Sdn. Bhd.,Malaysia,disposable gloves\n"
    "2,Top Glove Corporation Bhd,Malaysia,disposable gloves\n"
    "3,Sime Darby Plantation Berhad,Malaysia,palm oil\n"
    "4,Central Romana Corporation Limited,Dominican Republic,sugar\n"
    "5,Kingtom Aluminio S.R.L.,Dominican Republic,aluminium\n"
    "6,Kumar Carpet Pvt.,Nepal,carpets\n"
    "7,Everest Carpet,Nepal,carpets\n"
    "8,Hoshine Silicon Industry Co Ltd,China,silicon\n"
    "9,Tunago No. 61,Taiwan,tuna\n"
)


def _summary(output: str) -> list[str]:
    """The summary lines (progress lines, indented under 'writing...', left out)."""
    lines = output.splitlines()
    return lines[next(n for n, line in enumerate(lines) if line.startswith("Rows read:")) : -1]


def _screen(tmp_path, name: str, text: str, *options: str) -> list[str]:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["screen", str(source), "-o", str(tmp_path / f"{name}.xlsx"), *options])
    assert result.exit_code == 0, result.output
    return _summary(result.output)


def test_revoked_and_lifted_orders_do_not_escalate(tmp_path):
    lines = _screen(tmp_path, "cbp.csv", CBP_SUPPLIERS, "--no-model")
    assert lines == [
        "Rows read: 9 from 1 file; ranked 9, rejected 0",
        "List hits: 9 suppliers (cbp-wro 9, uflpa 1)",
        "Tiers: high 2, medium 7, low 0",
        "Top 9 by rank: tier, then severity, likelihood, leverage, score (not by score alone):",
        "  rank  tier    score  supplier                                  reason",
        "     1  high    222.0  Hoshine Silicon Industry Co Ltd           CBP Withhold Release Orders and Findings "
        "(2026-06-23): match: 'Hoshin…",
        "     2  high    157.0  Kumar Carpet Pvt.                         CBP Withhold Release Orders and Findings "
        "(2026-06-23): match: 'Kumar …",
        "     3  medium   62.0  Everest Carpet                            Abstract risk only: the score 62.0 would be "
        "tier high, but only count…",
        "     4  medium   67.0  Central Romana Corporation Limited        Abstract risk only: the score 67.0 would be "
        "tier high, but only count…",
        "     5  medium   61.0  Sime Darby Plantation Berhad              Abstract risk only: the score 61.0 would be "
        "tier high, but only count…",
        "     6  medium   46.0  Top Glove Corporation Bhd                 DOL List of Goods: forced labour: Malaysia: "
        "Rubber Gloves (from goods…",
        "     7  medium   41.0  WRP Asia Pacific Sdn. Bhd.                DOL List of Goods: forced labour: Malaysia: "
        "Rubber Gloves (from goods…",
        "     8  medium   37.0  Kingtom Aluminio S.R.L.                   CBP Withhold Release Orders and Findings "
        "(2026-06-23): inactive entry…",
        "     9  medium   37.0  Tunago No. 61                             DOL List of Goods: forced labour: Taiwan: "
        "Fish (from goods 'tuna'; li…",
    ]


def test_vr_china_scores_as_china(tmp_path):
    row = "Supplier,Country,Goods\nHoshine Silicon Industry Co Ltd,{},polysilicon\n"
    german = _screen(tmp_path, "vr.csv", row.format("VR China"), "--no-model")
    english = _screen(tmp_path, "cn.csv", row.format("China"), "--no-model")
    assert (
        german
        == english
        == [
            "Rows read: 1 from 1 file; ranked 1, rejected 0",
            "List hits: 1 supplier (cbp-wro 1, uflpa 1)",
            "Tiers: high 1, medium 0, low 0",
            "Top 1 by rank: tier, then severity, likelihood, leverage, score (not by score alone):",
            "  rank  tier    score  supplier                                  reason",
            "     1  high    242.0  Hoshine Silicon Industry Co Ltd           CBP Withhold Release Orders and Findings "
            "(2026-06-23): match: 'Hoshin…",
        ]
    )


def test_an_unknown_country_is_said_once(tmp_path):
    text = "Supplier,Country\nAcme Textiles Ltd,VR Chna\nNordlicht GmbH,VR Chna\nBolt Trading,Atlantis\n"
    lines = _screen(tmp_path, "unknown.csv", text, "--no-model")
    start = lines.index("Data quality (see the Data quality sheet):")
    assert lines[start : start + 2] == [
        "Data quality (see the Data quality sheet):",
        "  unrecognised_country: 3 rows, e.g. 'VR Chna' (row 2), 'Atlantis' (row 4)",
    ]
