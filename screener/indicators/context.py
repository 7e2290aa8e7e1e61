"""What every rule kind evaluates over: the suppliers, their list matches, the loaded lists, the rules, the run date,
and the DOL goods recognised in each supplier's goods text and HS code (computed once, shared by several rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import polars as pl

from screener.indicators.base import RuleInfo, empty_hits, hit_schema, hits_frame
from screener.indicators.ruleset import RuleSet
from screener.normalize.goods import recognise_goods
from screener.schema import ROW_ID


@dataclass
class Context:
    suppliers: pl.DataFrame
    matches: pl.DataFrame
    lists: Any  # screener.lists.ListSet or None
    rules: RuleSet
    run_date: dt.date = field(default_factory=dt.date.today)

    @property
    def row_id_dtype(self) -> pl.DataType:
        return self.suppliers.schema.get(ROW_ID, pl.Int64)

    def column(self, name: str) -> pl.Series:
        """A supplier column as text; a column the file did not have reads as all null."""
        if name in self.suppliers.columns:
            return self.suppliers.get_column(name).cast(pl.String)
        return pl.Series(name, [None] * self.suppliers.height, dtype=pl.String)

    def rows(self, *names: str) -> list[tuple]:
        """(row_id, value of each named column) per supplier; absent columns give None."""
        columns = [self.suppliers.get_column(ROW_ID)] + [self.column(n) for n in names]
        return list(zip(*(c.to_list() for c in columns), strict=True))

    def value(self, row_id: object, name: str) -> str | None:
        """One supplier's value of a column by its row_id (None when the file has no such column)."""
        if name not in self.suppliers.columns:
            return None
        return self._column_maps.setdefault(name, dict(self.rows(name))).get(row_id)

    @cached_property
    def _column_maps(self) -> dict[str, dict]:
        return {}

    @cached_property
    def goods(self) -> pl.DataFrame:
        """DOL goods recognised per supplier: row_id, good, via, matched (screener.normalize.goods)."""
        config = self.rules.section("goods")
        return recognise_goods(
            self.suppliers,
            use_text=bool(config["use_text"]),
            use_hs=bool(config["use_hs_codes"]),
            extra_synonyms={k: list(v) for k, v in config["extra_synonyms"].items()},
        )


def hits_per_distinct(
    ctx: Context,
    columns: Sequence[str],
    findings: Callable[[tuple], Iterable[tuple[RuleInfo, str, str | None]]],
) -> pl.DataFrame:
    """Hits of rules whose findings for a supplier depend only on ``columns`` (read as text, as ``Context.rows``
    gives them): ``findings(values)`` -> (rule, facts, source) runs once per distinct combination of values and its
    hits are joined back to every supplier with that combination, in supplier order and, per supplier, in the order
    ``findings`` gave them: the frame a row-by-row loop builds, without the loop over every supplier."""
    keys = [f"_value_{i}" for i in range(len(columns))]
    frame = ctx.suppliers.select(ROW_ID).with_columns(
        [ctx.column(name).alias(key) for name, key in zip(columns, keys, strict=True)]
    )
    combinations = frame.select(keys).unique(maintain_order=True).with_row_index("_combination")
    rows = [
        (combination, rule, facts, source)
        for combination, *values in combinations.iter_rows()
        for rule, facts, source in findings(tuple(values))
    ]
    found = hits_frame(rows, pl.UInt32)
    if found.height == 0:
        return empty_hits(ctx.row_id_dtype)
    found = found.rename({ROW_ID: "_combination"}).with_row_index("_sequence")
    return (
        frame.with_row_index("_order")
        .join(combinations, on=keys, how="inner", nulls_equal=True)
        .join(found, on="_combination", how="inner")
        .sort(["_order", "_sequence"])
        .select(list(hit_schema(ctx.row_id_dtype)))
    )
