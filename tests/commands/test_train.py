"""``screener train`` through the CLI on small labelled supplier files (xlsx made with openpyxl, csv)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from screener.cli import cli
from screener.risk.model import load_model

HEADER = ["Vendor No", "Vendor Name", "Ctry", "Material Group", "Last Audit Date", "Audit Result", "Audit Findings",
          "Grievance Mechanism", "Recruitment Fees Paid by Workers"]  # fmt: skip
RISKY = [
    ("MY", "Nitrile examination gloves"),
    ("TH", "Frozen shrimp"),
    ("CN", "Cotton yarn"),
    ("BD", "Knit garments"),
]
CALM = [("DE", "Office supplies"), ("NL", "Logistics services"), ("JP", "Machine parts"), ("US", "Software")]
WORDS = [
    "Alder",
    "Birch",
    "Cedar",
    "Delta",
    "Ember",
    "Fjord",
    "Garnet",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
]


def labelled_rows(n: int = 140, seed: int = 7) -> list[list]:
    """Invented suppliers; risky country x good, passports retained and fees paid make a positive outcome likely."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        risky = rng.random() < 0.45
        country, goods = rng.choice(RISKY if risky else CALM)
        passports = risky and rng.random() < 0.5
        fees = "Yes" if risky and rng.random() < 0.5 else "No"
        chance = 0.05 + 0.35 * risky + 0.3 * passports + 0.2 * (fees == "Yes")
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {goods.split()[0]} {i} Ltd"
        rows.append([f"{100200 + i:010d}", name, country, goods, "2025-03-01", "Fail" if passports else "Pass",
                     "Passports of workers retained by employer." if passports else "No findings.",
                     "No" if risky else "Yes", fees, "Yes" if rng.random() < chance else "No"])  # fmt: skip
    return rows


def write_xlsx(path: Path, rows: list[list], label_header: str = "Outcome") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Suppliers"
    sheet.append(["Supplier outcomes export"])
    sheet.append([])
    sheet.append([*HEADER, label_header])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def run(*args: str):
    return CliRunner().invoke(cli, ["train", *map(str, args)])


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("train")
    rows = labelled_rows()
    rows[3][-1], rows[10][-1] = None, "  "  # two suppliers without an outcome yet
    source = write_xlsx(folder / "outcomes.xlsx", rows)
    result = run(source, "--label-column", "outcome", "-o", folder / "model", "--folds", "3")
    return result, folder


def test_train_writes_a_loadable_model_and_prints_its_card(trained):
    result, folder = trained
    assert result.exit_code == 0, result.output
    assert {p.name for p in (folder / "model").iterdir()} == {"model.skops", "model.json", "MODEL_CARD.md"}
    card = (folder / "model" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert card in result.output
    assert f"--model {folder / 'model' / 'model.skops'}" in result.output
    assert "| rows unlabelled skipped | 2 |" in card and "| rows used | 138 |" in card
    assert "| label column | Outcome |" in card  # found whatever the case
    model = load_model(folder / "model")
    cv = model.metadata["cross_validation"]
    assert cv["roc_auc"] > 0.6  # the outcome depends on what the file says
    assert f"| ROC AUC | {cv['roc_auc']:.3f}" in card


def test_existing_model_is_not_overwritten_without_force(trained):
    _, folder = trained
    before = (folder / "model" / "model.skops").read_bytes()
    result = run(folder / "outcomes.xlsx", "--label-column", "Outcome", "-o", folder / "model")
    assert result.exit_code == 2
    skops = folder / "model" / "model.skops"
    assert result.output.splitlines() == [
        f"Error: {skops} already exists. Use --force to overwrite it, or another path with -o."
    ]
    assert (folder / "model" / "model.skops").read_bytes() == before


def test_missing_label_column_lists_the_columns(tmp_path):
    source = write_xlsx(tmp_path / "outcomes.xlsx", labelled_rows(30))
    result = run(source, "--label-column", "Confirmed", "-o", tmp_path / "model")
    assert result.exit_code == 2
    assert (
        "no label column 'Confirmed'. Columns: Vendor No, Vendor Name, Ctry, Material Group" in result.output
    )
    assert "Recruitment Fees Paid by Workers, Outcome." in result.output
    assert "row_id" not in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "model").exists()


def test_unreadable_labels_are_reported_with_their_rows(tmp_path):
    rows = labelled_rows(30)
    rows[0][-1], rows[5][-1] = "maybe", "2"
    source = write_xlsx(tmp_path / "outcomes.xlsx", rows)
    result = run(source, "--label-column", "Outcome", "-o", tmp_path / "model")
    assert result.exit_code == 2
    assert "2 label(s) are not an outcome (row 4: 'maybe'; row 9: '2')" in result.output
    assert not (tmp_path / "model").exists()


def test_too_few_outcomes_is_a_clear_error(tmp_path):
    rows = labelled_rows(30)
    for row in rows:
        row[-1] = "No"
    rows[0][-1] = "Yes"
    source = write_xlsx(tmp_path / "outcomes.xlsx", rows)
    result = run(source, "--label-column", "Outcome", "-o", tmp_path / "model")
    assert result.exit_code == 2
    assert "at least 5 positive and 5 negative labels" in result.output and "got 1 positive" in result.output


def test_reviewer_decisions_serve_as_labels(tmp_path):
    """A reviewed report's Decision column: confirmed = 1, false positive = 0, needs information = skipped."""
    decisions = {"Yes": "confirmed", "No": "false positive"}
    rows = [[*row[:-1], decisions[row[-1]]] for row in labelled_rows(120, seed=11)]
    rows[0][-1] = "needs information"
    source = tmp_path / "reviewed.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, "Decision"])
        writer.writerows(rows)
    result = run(
        source, "--label-column", "Decision", "-o", tmp_path / "reviewed.skops", "--folds", "3", "-q"
    )
    assert result.exit_code == 0, result.output
    assert result.output == ""
    model = load_model(tmp_path / "reviewed.skops")
    assert model.metadata["data"]["rows_unlabelled_skipped"] == 1
    assert model.metadata["data"]["positives"] == sum(row[-1] == "confirmed" for row in rows)
    assert (tmp_path / "MODEL_CARD.md").is_file()


def test_a_reviewed_report_trains_a_model(tmp_path):
    """screen -> reviewer fills the Decision column of the Suppliers sheet -> train on that workbook."""
    from openpyxl import load_workbook

    rows = labelled_rows(90, seed=5)
    outcome = {row[1]: row[-1] for row in rows}
    source = write_xlsx(tmp_path / "suppliers.xlsx", [row[:-1] for row in rows], label_header="Buyer")
    screened = CliRunner().invoke(cli, ["screen", str(source), "-o", str(tmp_path / "report.xlsx"), "-q"])
    assert screened.exit_code == 0, screened.output
    workbook = load_workbook(tmp_path / "report.xlsx")
    sheet = workbook["Suppliers"]
    header = [cell.value for cell in sheet[1]]
    name, decision = header.index("Supplier name") + 1, header.index("Decision") + 1
    written = []
    for row in range(2, sheet.max_row + 1):
        verdict = {"Yes": "confirmed", "No": "false positive"}[outcome[sheet.cell(row, name).value]]
        sheet.cell(row, decision).value = verdict if row % 9 else None  # every 9th left for later review
        written.append(verdict if row % 9 else None)
    workbook.save(tmp_path / "reviewed.xlsx")
    result = run(
        tmp_path / "reviewed.xlsx", "--label-column", "Decision", "-o", tmp_path / "model", "--folds", "3"
    )
    assert result.exit_code == 0, result.output
    data = load_model(tmp_path / "model").metadata["data"]
    assert data["rows_screened"] == 90
    assert data["rows_unlabelled_skipped"] == written.count(None) == 10
    assert data["positives"] == written.count("confirmed") and data["negatives"] == written.count(
        "false positive"
    )
