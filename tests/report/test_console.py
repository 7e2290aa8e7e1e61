from pathlib import Path

from screener.report.console import first_reason, pad, print_summary, printable, summary_lines
from tests.report.conftest import empty_screening


def test_summary_counts_top_and_report_path(screening, capsys):
    print_summary(screening, [Path("out/suppliers-risk.xlsx")])
    text = capsys.readouterr().out
    assert "Rows read: 5 from 1 file; ranked 4, rejected 1" in text
    assert "List hits: 2 suppliers (uflpa 2, ofac_sdn 1)" in text
    assert "Tiers: high 1, medium 2, low 1" in text
    assert "Report: out/suppliers-risk.xlsx" in text
    top = [line for line in text.splitlines() if line.startswith("     ")]
    assert len(top) == 4
    assert "Xinjiang Zhongtai Chemical Co Ltd" in top[0] and "high" in top[0]
    assert "Listed on the UFLPA Entity List" in top[0]
    assert "PVC from China" not in top[0]  # only the best reason


def test_summary_of_empty_screening():
    lines = summary_lines(empty_screening())
    assert lines[1] == "List hits: 0 suppliers"
    assert lines[2] == "Tiers: high 0, medium 0, low 0"


def test_terminal_escapes_removed_and_long_names_cut():
    assert printable("evil\x1b[2Jname") == "evil [2Jname"
    assert (
        printable("\ufeffHetian Taida Apparel Co., Ltd.\u200b ") == "Hetian Taida Apparel Co., Ltd."
    )  # pasted
    assert printable("x" * 50, 10) == "x" * 9 + "…"
    assert printable("新疆生产建设兵团新疆生产建设兵团", 10) == "新疆生产…"
    assert pad("新疆", 6) == "新疆  "
    assert first_reason(["a", "b"]) == "a"
    assert first_reason("a; b") == "a"
    assert first_reason("a; still a | b") == "a; still a"
    assert first_reason(None) == ""
