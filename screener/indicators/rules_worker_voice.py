"""Worker voice: what the supplier file says about workers' own means to raise and resolve problems, and about
recruitment. Recruitment fees paid by workers, no grievance mechanism, a poor worker survey, no union or worker
committee, and high shares of migrant or agency workers aggravate; a grievance mechanism in place, a union or
worker committee and a recognised social certification mitigate (negative points). A field left empty is a data
gap, never a pass. Values are read in several languages (yes/no, ja/nein, oui/non, sí/no, 是/否) and shares as
"35%" or "0.35".
"""

from __future__ import annotations

import re

import polars as pl

from screener.indicators.base import DATA_GAP, WORKER_VOICE, RuleInfo, Weights, text_or_none
from screener.indicators.context import Context, hits_per_distinct
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.settings import weights
from screener.indicators.validate import ListOf, Number, Setting, Text, table
from screener.indicators.values import parse_bool, parse_number, parse_score, parse_share
from screener.normalize.phrases import PhraseIndex, fold
from screener.schema import (
    AGENCY_WORKER_SHARE,
    CERTIFICATIONS,
    FEMALE_WORKER_SHARE,
    GRIEVANCE_MECHANISM,
    MIGRANT_WORKER_SHARE,
    RECRUITMENT_FEES,
    WORKER_ORGANISATION,
    WORKER_SURVEY_RESULT,
    WORKER_VOICE_FIELDS,
    field_words,
)

RULES = {
    "recruitment_fees": ("Recruitment fees paid by workers", "Workers paid recruitment fees (the employer-pays principle is broken; a route into debt bondage)."),
    "no_grievance_mechanism": ("No grievance mechanism", "The supplier reports no grievance mechanism for workers."),
    "grievance_mechanism": ("Grievance mechanism in place (mitigating)", "The supplier reports a grievance mechanism for workers."),
    "poor_survey": ("Poor worker survey result", "The worker survey result is below the rules file's threshold."),
    "no_worker_organisation": ("No union or worker committee", "The supplier reports no union or worker committee."),
    "worker_organisation": ("Union or worker committee present (mitigating)", "The supplier reports a union or worker committee."),
    "high_migrant_share": ("High share of migrant workers", "Migrant workers make up more than the rules file's share of the workforce."),
    "high_agency_share": ("High share of agency workers", "Agency (labour-broker) workers make up more than the rules file's share of the workforce."),
    "certification": ("Social certification (mitigating)", "The supplier holds a recognised social certification."),
    "missing": ("Data gap: worker voice", "Worker-voice fields of the rules file are empty: ask the supplier for them."),
}  # fmt: skip

_ORGANISATION_WORDS = ("union", "trade union", "worker committee", "workers committee", "works council",
                       "collective bargaining", "cba", "gewerkschaft", "betriebsrat", "syndicat", "comite",
                       "sindicato", "工会", "职工代表大会", "工人委员会")  # fmt: skip
_EMPLOYER_PAYS = re.compile(
    r"employer[- ]pa(ys|id)|paid by (the )?employer|no fees?|arbeitgeber|employeur|empleador"
)
_WORKERS_PAY = re.compile(r"workers? pa(y|id)|paid by (the )?workers?|charged to workers?")

# The worker-voice fields a rules file may require ([worker_voice] missing_fields): screener.schema's, except the
# workforce share and certifications, which are judged by their own rules, not asked for.
REQUIRABLE_VOICE_FIELDS = tuple(
    f for f in WORKER_VOICE_FIELDS if f not in (FEMALE_WORKER_SHARE, CERTIFICATIONS)
)

SETTINGS = (
    Setting(
        "worker_voice",
        table(
            Setting(
                "recruitment_fees",
                weights(),
                "workers paid recruitment fees (the employer-pays principle is broken; a debt-bondage risk)",
            ),
            Setting("no_grievance_mechanism", weights(), "no grievance mechanism in place"),
            Setting(
                "grievance_mechanism",
                weights(),
                "a grievance mechanism is in place (mitigating: negative points)",
            ),
            Setting(
                "poor_survey", weights(), "the worker survey result is below survey_poor_below of its scale"
            ),
            Setting(
                "survey_poor_below",
                Number(0, 1),
                "share of its scale below which a survey result is poor: 0.5 = below 50 %, 2.5/5, 5/10",
            ),
            Setting("no_worker_organisation", weights(), "no union or worker committee"),
            Setting("worker_organisation", weights(), "a union or worker committee is present (mitigating)"),
            Setting("high_migrant_share", weights(), "a high share of migrant workers"),
            Setting(
                "migrant_share_above",
                Number(0, 1),
                "share of migrant workers (0-1) above which high_migrant_share fires",
            ),
            Setting("high_agency_share", weights(), "a high share of agency (labour-broker) workers"),
            Setting(
                "agency_share_above",
                Number(0, 1),
                "share of agency workers (0-1) above which high_agency_share fires",
            ),
            Setting(
                "certification",
                weights(),
                "a recognised social certification (mitigating, weakly: certifications often miss forced labour)",
            ),
            Setting(
                "certifications",
                ListOf(Text()),
                "certification names recognised in the certifications column (whole words, without case)",
            ),
            Setting(
                "missing",
                weights(),
                "any field of missing_fields is empty: a data gap, not a pass (one hit naming the empty fields)",
            ),
            Setting(
                "missing_fields",
                ListOf(Text(REQUIRABLE_VOICE_FIELDS)),
                "fields whose absence makes the `missing` gap",
            ),
        ),
        "Worker voice (supplier-file columns): aggravating and mitigating evidence from the workers' side. Yes/no "
        'values are read in several languages; shares as "35%" or "0.35".',
    ),
)


def voice_rule(rules, key: str) -> RuleInfo:
    title, description = RULES[key]
    category = DATA_GAP if key == "missing" else WORKER_VOICE
    return RuleInfo(
        f"voice.{key}", category, title, description, Weights.from_config(rules.section("worker_voice")[key])
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    return [voice_rule(rules, key) for key in RULES]


def fees_paid_by_workers(value: object) -> bool | None:
    """True when workers paid recruitment fees: yes, an amount above 0, 'paid by workers'; False for no, 0,
    'employer pays'."""
    text = text_or_none(value)
    if text is None:
        return None
    folded = fold(text)
    if _EMPLOYER_PAYS.search(folded):
        return False
    if _WORKERS_PAY.search(folded):
        return True
    answer = parse_bool(text)
    if answer is not None:
        return answer
    amount = parse_number(text)
    return None if amount is None else amount > 0


def worker_organisation_present(value: object) -> bool | None:
    """True for yes / 'trade union' / 'worker committee' / 工会; False for no / none."""
    answer = parse_bool(value)
    if answer is not None:
        return answer
    text = text_or_none(value)
    if text is None:
        return None
    folded = fold(text)
    return True if any(word in folded for word in _ORGANISATION_WORDS) else None


def evaluate(ctx: Context) -> pl.DataFrame:
    config = ctx.rules.section("worker_voice")
    rules = {key: voice_rule(ctx.rules, key) for key in RULES}
    certifications = PhraseIndex((name, name) for name in config["certifications"])
    fields = (GRIEVANCE_MECHANISM, WORKER_SURVEY_RESULT, WORKER_ORGANISATION, RECRUITMENT_FEES,
              MIGRANT_WORKER_SHARE, AGENCY_WORKER_SHARE, CERTIFICATIONS)  # fmt: skip

    def findings(
        values: tuple,
    ) -> list[tuple]:  # once per distinct set of answers: suppliers often share them
        found = _all_findings(dict(zip(fields, values, strict=True)), config, certifications)
        return [(rules[rule_key], facts, column) for rule_key, facts, column in found]

    return hits_per_distinct(ctx, fields, findings)


def _all_findings(record: dict, config, certifications: PhraseIndex) -> list[tuple[str, str, str]]:
    found = _findings(record, config, certifications)
    missing = [f for f in config["missing_fields"] if text_or_none(record.get(f)) is None]
    if missing:
        found.append(
            ("missing", f"no value for {', '.join(field_words(f) for f in missing)}", ", ".join(missing))
        )
    return found


def _findings(record: dict, config, certifications: PhraseIndex) -> list[tuple[str, str, str]]:
    """(rule key, facts, column) for every worker-voice finding of one supplier."""
    found = []

    def said(column: str) -> str:
        return f"{field_words(column)} = {str(record[column]).strip()!r}"

    fees = fees_paid_by_workers(record[RECRUITMENT_FEES])
    if fees:
        found.append(("recruitment_fees", said(RECRUITMENT_FEES), RECRUITMENT_FEES))
    grievance = parse_bool(record[GRIEVANCE_MECHANISM])
    if grievance is not None:
        key = "grievance_mechanism" if grievance else "no_grievance_mechanism"
        found.append((key, said(GRIEVANCE_MECHANISM), GRIEVANCE_MECHANISM))
    organisation = worker_organisation_present(record[WORKER_ORGANISATION])
    if organisation is not None:
        key = "worker_organisation" if organisation else "no_worker_organisation"
        found.append((key, said(WORKER_ORGANISATION), WORKER_ORGANISATION))
    survey = parse_score(record[WORKER_SURVEY_RESULT])
    if survey is not None and survey < config["survey_poor_below"]:
        facts = f"{said(WORKER_SURVEY_RESULT)}, read as {survey:.0%} of its scale (below {config['survey_poor_below']:.0%})"
        found.append(("poor_survey", facts, WORKER_SURVEY_RESULT))
    for key, column, limit in (
        ("high_migrant_share", MIGRANT_WORKER_SHARE, config["migrant_share_above"]),
        ("high_agency_share", AGENCY_WORKER_SHARE, config["agency_share_above"]),
    ):
        share = parse_share(record[column])
        if share is not None and share > limit:
            found.append((key, f"{said(column)}, above {limit:.0%}", column))
    held = [
        hit.quote for hit in certifications.find(record[CERTIFICATIONS], skip_negated=True)
    ]  # not 'expired'
    if held:
        found.append(
            ("certification", f"{field_words(CERTIFICATIONS)} name {', '.join(held)}", CERTIFICATIONS)
        )
    return found


KIND = register(
    RuleKind(
        name="worker_voice",
        order=70,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`voice.<finding>`",
                "worker_voice (mitigating ones have negative points)",
                "recruitment fees, grievance mechanism, union, survey, migrant/agency shares, certification",
            ),
        ),
    )
)
