"""Plain-language sentences (en/nl) about a group result, for the dashboard and the report.

Agreement levels follow Schmidt (1997), "Managing Delphi surveys using nonparametric statistical
techniques", Decision Sciences 28(3), anchors W = 0.1 very weak, 0.3 weak, 0.5 moderate, 0.7
strong and 0.9 unusually strong agreement; a W is given the level of the nearest anchor (below 0.2
very weak, 0.2-0.4 weak, 0.4-0.6 moderate, 0.6-0.8 strong, from 0.8 very strong).
"""

from __future__ import annotations

from collections.abc import Sequence

from mcda.model import Problem
from mcda.workshop.aggregation import Concordance, CriterionImpact, WinnerSplit

_S: dict[str, dict[str, str]] = {
    "unanimous": {
        "en": "With the weights of every participant ({k}), {leader} ranks first ({method}).",
        "nl": "Met de gewichten van elke deelnemer ({k}) staat {leader} eerste ({method}).",
    },
    "split": {
        "en": "With the weights of {a} of {k} participants, {leader} ranks first; {b} put {rival} "
              "first ({method}). The split is about {criterion}: mean weight {wa:.0%} among "
              "those who put {leader} first, {wb:.0%} among those who put {rival} first.",
        "nl": "Met de gewichten van {a} van de {k} deelnemers staat {leader} eerste; {b} zetten "
              "{rival} eerste ({method}). Het verschil zit in {criterion}: gemiddeld gewicht "
              "{wa:.0%} bij wie {leader} eerste zet, {wb:.0%} bij wie {rival} eerste zet.",
    },
    "impact_changes": {
        "en": "{criterion}: weights in the room run from {low:.0%} to {high:.0%}; across that "
              "range the winner changes ({winners}). This disagreement matters.",
        "nl": "{criterion}: de gewichten in de zaal lopen van {low:.0%} tot {high:.0%}; binnen "
              "dat bereik wisselt de winnaar ({winners}). Dit meningsverschil doet ertoe.",
    },
    "impact_stable": {
        "en": "{criterion}: weights in the room run from {low:.0%} to {high:.0%}; {winner} stays "
              "first across that range.",
        "nl": "{criterion}: de gewichten in de zaal lopen van {low:.0%} tot {high:.0%}; {winner} "
              "blijft binnen dat bereik eerste.",
    },
    "agreement": {
        "en": "Kendall's W = {w:.2f} ({level} agreement; {raters} participants, {items} items, "
              "chi² = {chi2:.1f}, df = {df}, p = {p:.3f}).",
        "nl": "Kendalls W = {w:.2f} ({level} overeenstemming; {raters} deelnemers, {items} items, "
              "chi² = {chi2:.1f}, df = {df}, p = {p:.3f}).",
    },
    "agreement_none": {
        "en": "Agreement needs at least two participants who do not tie everything.",
        "nl": "Voor overeenstemming zijn minstens twee deelnemers nodig die niet alles gelijk "
              "zetten.",
    },
    "or": {"en": " or ", "nl": " of "},
}
_AGGREGATION_NAMES = {
    "mean": {"en": "mean", "nl": "gemiddelde"},
    "median": {"en": "median", "nl": "mediaan"},
    "geometric_mean": {"en": "geometric mean", "nl": "meetkundig gemiddelde"},
}
_LEVELS = {
    "en": ("very weak", "weak", "moderate", "strong", "very strong"),
    "nl": ("zeer zwakke", "zwakke", "matige", "sterke", "zeer sterke"),
}


def _t(key: str, lang: str) -> str:
    return _S[key].get(lang, _S[key]["en"])


def aggregation_name(how: str, lang: str = "en") -> str:
    """The name of a group aggregation (``AGGREGATIONS``), lower case, for charts and reports."""
    return _AGGREGATION_NAMES[how].get(lang, _AGGREGATION_NAMES[how]["en"])


def agreement_level(w: float, lang: str = "en") -> str:
    """The verbal level of Kendall's W (nearest of Schmidt's anchors)."""
    bounds = (0.2, 0.4, 0.6, 0.8)
    index = sum(w >= b for b in bounds)
    return _LEVELS.get(lang, _LEVELS["en"])[index]


def describe_agreement(c: Concordance | None, lang: str = "en") -> str:
    """One sentence about Kendall's W."""
    if c is None:
        return _t("agreement_none", lang)
    return _t("agreement", lang).format(w=c.w, level=agreement_level(c.w, lang), raters=c.raters,
                                        items=c.items, chi2=c.chi2, df=c.df, p=c.p_value)


def _names(problem: Problem, ids: Sequence[str], lang: str) -> str:
    names = {o.id: o.name.get(lang) for o in problem.options}
    return _t("or", lang).join(names[i] for i in ids)


def describe_split(split: WinnerSplit, problem: Problem, method_label: str,
                   lang: str = "en") -> str:
    """'With the weights of 7 of 12 participants X ranks first; ... the split is about Y.'"""
    options = {o.id: o.name.get(lang) for o in problem.options}
    if split.unanimous:
        return _t("unanimous", lang).format(k=split.participants, leader=options[split.leader],
                                            method=method_label)
    criteria = {c.id: c.name.get(lang) for c in problem.criteria}
    return _t("split", lang).format(
        a=split.leader_count, k=split.participants, leader=options[split.leader],
        b=split.rival_count, rival=options[split.rival or ""], method=method_label,
        criterion=criteria[split.criterion or ""], wa=split.leader_mean or 0.0,
        wb=split.rival_mean or 0.0,
    )


def describe_impact(impact: CriterionImpact, problem: Problem, lang: str = "en") -> str:
    """Whether the room's range of weights for one criterion changes the winner."""
    criterion = {c.id: c.name.get(lang) for c in problem.criteria}[impact.criterion]
    if impact.changes:
        winners = " → ".join(_names(problem, w, lang) for w in impact.winners)
        return _t("impact_changes", lang).format(criterion=criterion, low=impact.low,
                                                 high=impact.high, winners=winners)
    return _t("impact_stable", lang).format(criterion=criterion, low=impact.low,
                                            high=impact.high,
                                            winner=_names(problem, impact.winners[0], lang))
