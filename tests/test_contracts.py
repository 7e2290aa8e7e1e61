"""Sentences built from what the reader recorded, said the same on the console and the Summary sheet."""

from screener.contracts import InputInfo, blank_rows_message, row_ranges


def test_row_ranges_join_runs_and_say_how_many_more():
    assert row_ranges([17, 10, 40, 41, 42]) == "10, 17, 40-42"
    assert row_ranges(list(range(2, 30, 2)), most=3) == "2, 4, 6 and 11 more"
    assert row_ranges([5, *range(100, 1100)], most=1) == "5 and 1000 more"


def test_blank_rows_message_names_each_file_and_sheet_or_nothing():
    inputs = [
        InputInfo("in/a.xlsx", "", "EU", 1, blank_rows=[4]),
        InputInfo("in/a.xlsx", "", "Asia", 1),
        InputInfo("b.csv", "", None, 1, blank_rows=[3, 4]),
    ]
    assert blank_rows_message(inputs) == (
        "Blank rows skipped (nothing in them to screen): 3, 'a.xlsx' sheet 'EU' row 4; 'b.csv' rows 3-4"
    )
    assert blank_rows_message(inputs[1:2]) is None
    assert (
        blank_rows_message(inputs[:1])
        == "Blank row skipped (nothing in it to screen): 1, 'a.xlsx' sheet 'EU' row 4"
    )
