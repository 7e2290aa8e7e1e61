"""A small hand-made Screening in exactly the pipeline's data contracts, for the report and review tests."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import polars as pl
import pytest

from screener.io import InputInfo
from screener.lists import ListInfo, ListSet
from screener.pipeline import Screening

HOSTILE_NAME = '=HYPERLINK("http://x","y")'


def supplier_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": [1, 2, 3, 4],
            "source_file": ["suppliers.xlsx"] * 4,
            "source_sheet": ["Vendors"] * 4,
            "source_row": [5, 6, 7, 9],
            "supplier_id": ["S-001", "S-002", "0042", "S-004"],
            "name": ["Xinjiang Zhongtai Chemical Co Ltd", HOSTILE_NAME, "Acme Textiles", "Nordic Timber AB"],
            "country": ["China", "Malaysia", "Bangladesh", "Sweden"],
            "country_code": ["CN", "MY", "BD", "SE"],
            "address": ["Urumqi", None, "Dhaka", "Umea"],
            "goods": ["PVC", "gloves", "garments", "timber"],
            # input columns carried through under their own headers
            "Vendor No": ["S-001", "S-002", "0042", "S-004"],
            "Annual spend": [120000.5, 3400.0, None, 77.0],
            "Buyer notes": ["+44 20 7946 0000", "@risk", "-", "\tindented"],
        }
    )


def ranking_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": [1, 2, 3, 4],
            "score": [97.5, 61.0, 40.0, 3.0],
            "tier": ["high", "medium", "medium", "low"],
            "rank": [1, 2, 3, 4],
            "model_probability": [0.91, 0.40, None, 0.02],
            "reasons": [
                "Listed on the UFLPA Entity List as XINJIANG ZHONGTAI CHEMICAL CO. LTD. | PVC from China; DOL 2022",
                "Gloves from Malaysia: forced labour (DOL 2022)",
                "Garments from Bangladesh: child labour (DOL 2022)",
                "No indicator fired",
            ],
            "recommended_action": ["Stop and escalate", "Ask for audit", "Ask for audit", "None"],
        }
    )


def match_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": [1, 1, 2],
            "list_id": ["uflpa", "ofac_sdn", "uflpa"],
            "entity_id": ["uflpa-12", "ofac-9001", "uflpa-77"],
            "matched_name": [
                "XINJIANG ZHONGTAI CHEMICAL CO. LTD.",
                "ZHONGTAI CHEMICAL",
                "HYPERLINK GLOVES SDN BHD",
            ],
            "entity_name": [
                "Xinjiang Zhongtai Chemical Co., Ltd.",
                "Zhongtai Chemical Group",
                "Hyperlink Gloves",
            ],
            "probability": [0.98, 0.62, 0.55],
            "band": ["match", "review", "review"],
            "explanation": [
                "same name after legal form removed; same country",
                "partial name",
                "weak name match",
            ],
            "program": ["UFLPA Entity List", "SDGT", "UFLPA Entity List"],
            "listed_on": [dt.date(2023, 6, 9), None, dt.date(2024, 1, 2)],
            "source_url": [
                "https://www.dhs.gov/uflpa-entity-list",
                "javascript:alert(1)",
                "https://www.dhs.gov/uflpa-entity-list#x",
            ],
            "country_code": ["CN", "CN", "MY"],
            "f_name_ratio": [1.0, 0.7, 0.6],
        }
    )


def hit_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": [1, 1, 2, 3],
            "rule_id": ["list_hit_uflpa", "dol_forced_labour", "dol_forced_labour", "dol_child_labour"],
            "category": ["list", "goods", "goods", "goods"],
            "points": [60.0, 25.0, 25.0, 20.0],
            "severity": ["high", "medium", "medium", "medium"],
            "evidence": [
                "UFLPA Entity List (2024-12-16): XINJIANG ZHONGTAI CHEMICAL CO. LTD.",
                "DOL 2022 List of Goods: PVC, China, forced labour",
                "DOL 2022 List of Goods: rubber gloves, Malaysia, forced labour",
                "DOL 2022 List of Goods: garments, Bangladesh, child labour",
            ],
        }
    )


def rejected_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": [5],
            "source_file": ["suppliers.xlsx"],
            "source_sheet": ["Vendors"],
            "source_row": [8],
            "reason": ["no supplier name"],
        }
    )


def list_set() -> ListSet:
    infos = [
        ListInfo(
            "uflpa",
            "UFLPA Entity List",
            "DHS",
            "https://www.dhs.gov/uflpa-entity-list",
            "2025-01-10",
            "2024-12-16",
            "a" * 64,
            "US government work, public domain",
            144,
            300,
            extra={"format": "uflpa"},  # as screener.lists.store records it: the FtM topic follows the format
        ),
        ListInfo(
            "ofac_sdn",
            "OFAC SDN",
            "US Treasury",
            "https://sanctionslist.ofac.treas.gov",
            "2025-01-10",
            "2025-01-08",
            "b" * 64,
            "public domain",
            9000,
            20000,
            extra={"format": "ofac"},
        ),
    ]
    return ListSet(entries=pl.DataFrame(), lists=infos, orders=pl.DataFrame())


def make_screening(**frames) -> Screening:
    """The sample screening; any frame can be replaced by keyword (suppliers=, matches=, ...)."""
    inputs = [InputInfo("suppliers.xlsx", "c" * 64, "Vendors", 4, {"name": "Supplier Name"}, 5, 1)]
    screening = Screening(
        suppliers=frames.get("suppliers", supplier_frame()),
        rejected=frames.get("rejected", rejected_frame()),
        matches=frames.get("matches", match_frame()),
        hits=frames.get("hits", hit_frame()),
        ranking=frames.get("ranking", ranking_frame()),
        lists=list_set(),
        rules=SimpleNamespace(sources=["rules/default.toml"]),
        inputs=inputs,
    )
    screening.manifest = {
        "tool": "screener",
        "version": "0.1.0",
        "run_at": "2025-01-10T10:00:00+00:00",
        "seconds": 1.5,
        "inputs": [vars(i) for i in inputs],
        "lists": [vars(i) for i in screening.lists.lists],
        "rules": ["rules/default.toml"],
        "rows_in": 5,
        "rows_ranked": 4,
        "rows_rejected": 1,
    }
    return screening


def empty_screening() -> Screening:
    """No suppliers at all (every row rejected): every sheet must still be written."""
    return make_screening(
        suppliers=supplier_frame().clear(),
        ranking=ranking_frame().clear(),
        matches=match_frame().clear(),
        hits=hit_frame().clear(),
    )


@pytest.fixture
def screening() -> Screening:
    return make_screening()
