"""Writing the screening: the xlsx workbook officers work in, csv/json/parquet, the console summary.

Public API: :func:`write_report`. Formats: xlsx (the workbook), csv and parquet (a folder, one file per table),
json (one document), ftm (FollowTheMoney entities as JSON lines).
"""

from screener.report.writer import FORMATS, write_report

__all__ = ["FORMATS", "write_report"]
