"""Reviewer decisions: read them back from a reviewed workbook, apply them on the next run."""
