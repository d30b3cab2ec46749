"""The report of the current appraisal: a self-contained HTML page and a PDF.

Both follow one outline: summary; question and options; criteria and weights; performance with
evidence; results by method; agreement, consensus and dominance; sensitivity (stability, what it
takes, SMAA); scenario comparison; method settings and definitions; sources. The HTML report embeds
plotly.js once and draws the interactive charts of ``mcda.charts``; every text from the data is
escaped, and the only scripts are plotly's. The PDF report (fpdf2) shows the same charts as PNG
images and uses a Unicode TrueType font from the system, since PDF core fonts lack many of the
characters of Dutch texts and quotes.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
import plotly.io as pio
from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace
from plotly.offline import get_plotlyjs

from mcda.analysis import dominated
from mcda.audit import audit
from mcda.export import (
    PLOTLY_CONFIG,
    Appraisal,
    ExportError,
    chart_set,
    chart_title,
    figure_bytes,
    word,
)
from mcda.model import Criterion, Score
from mcda.robustness import first_place

# --- words ------------------------------------------------------------------------------------

HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "report": "Appraisal report",
        "summary": "Summary",
        "options": "Question and options",
        "criteria": "Criteria and weights",
        "performance": "Performance and evidence",
        "results": "Results by method",
        "agreement": "Agreement between methods",
        "sensitivity": "Sensitivity and robustness",
        "scenarios": "Scenario comparison",
        "methods": "Methods and settings",
        "sources": "Sources",
        "contents": "Contents",
        "question": "Question",
        "proposed_by": "Proposed by",
        "scoring_guide": "Scoring guide",
        "scale": "Scale",
        "rationale": "Rationale",
        "no_evidence": "No source cited.",
        "assumption_note": "assumption: no source supports this number",
        "range": "range",
        "evidence_of": "Evidence for {option}",
        "consensus": "Consensus ranking",
        "consensus_note": ("Options in order of their mean rank over the methods (ties broken by "
                           "the first method). Kendall's tau compares two methods' rankings: "
                           "1 = the same order, 0 = unrelated, -1 = reversed."),
        "dominance": "Dominated options",
        "audit": "What the structure decides",
        "audit_note": ("Checked before anyone weighs (mcda audit): options that cannot win, one "
                       "passage cited for two criteria, criteria that order the options alike, "
                       "numbers no source states. Findings about the case, not errors."),
        "origins": "Where the perspectives come from",
        "none_dominated": "No option is dominated: each is best or level-best somewhere.",
        "dominated_line": "{option} is dominated by {others}: they are at least as good on "
                          "every criterion and better on one.",
        "stability": "Stability of first place ({label})",
        "stability_note": ("For each criterion: the range of its weight (the other weights keep "
                           "their ratios) in which {first} stays first, and the weights at which "
                           "first place changes."),
        "what_it_takes": "What it takes ({label})",
        "what_it_takes_all": "What it takes to rank first",
        "what_it_takes_note": ("The smallest change of the weights (sum of the absolute changes, "
                               "in percentage points) that puts each option first, per method."),
        "is_first": "first now",
        "unreachable": "never first",
        "points": "{points} points",
        "smaa": "Stochastic multicriteria acceptability (SMAA-2)",
        "smaa_note": ("{samples} weight vectors drawn ({weights}; scores {scores}; seed {seed}). "
                      "Rank acceptability: the share of samples in which an option takes each "
                      "rank."),
        "confidence_note": ("Confidence factor: how often an option ranks first at its central "
                            "weights when the scores are drawn from their ranges."),
        "smaa_agreement": "All methods agree on the first-ranked option in {share} of the samples.",
        "scenario_note": ("The same options and scores under other perspectives' weights; "
                          "criteria a scenario leaves out weigh 0."),
        "first_under": "First under {scenario}",
        "compromise": ("VIKOR compromise set: {options} (acceptable advantage: {adv}; "
                       "acceptable stability: {stab})."),
        "generated": "Generated by policy-mcda on {date}. Data version {version}.",
        "regenerate": ("Every chart's caption names scenario, methods, data version and date, so "
                       "that it can be regenerated from the same data."),
        "weights_in": "Weights of the current scenario, normalised to 100%.",
        "not_computed": "Not computed for this export.",
        "switch_none": "none",
        "leader": "Ranked first: {items}.",
        "consensus_top": "Consensus over the methods: {items}.",
        "closest_switch": ("Under {label}, the nearest change of first place: when the weight of "
                           "{criterion} moves from {now} to {at}, {option} ranks first."),
        "no_switch": "Under {label}, no single weight change removes {first} from first place.",
        "smaa_leader": ("With {samples} random weightings, {option} ranks first in {share} of "
                        "them ({label})."),
        "scenario_leaders": "First place under the scenarios compared ({label}): {items}.",
        "page": "Page {n}",
        "url": "Address",
        "file": "File",
        "mode_uniform": "uniform over all weightings",
        "mode_around": "around the current weights",
        "mode_ranking": "consistent with the ranking of the criteria",
        "scores_fixed": "fixed",
        "scores_ranges": "drawn within their ranges",
        "better_note": "A {better} score is better",
        "competition": ("Ranks are competition ranks: 1 = best, tied options share the best rank "
                        "(1, 2, 2, 4)."),
    },
    "nl": {
        "report": "Rapport van de afweging",
        "summary": "Samenvatting",
        "options": "Vraag en opties",
        "criteria": "Criteria en gewichten",
        "performance": "Prestaties en onderbouwing",
        "results": "Resultaten per methode",
        "agreement": "Overeenstemming tussen methoden",
        "sensitivity": "Gevoeligheid en robuustheid",
        "scenarios": "Scenario's vergeleken",
        "methods": "Methoden en instellingen",
        "sources": "Bronnen",
        "contents": "Inhoud",
        "question": "Vraag",
        "proposed_by": "Voorgesteld door",
        "scoring_guide": "Scoringswijzer",
        "scale": "Schaal",
        "rationale": "Toelichting",
        "no_evidence": "Geen bron aangehaald.",
        "assumption_note": "aanname: geen bron onderbouwt dit getal",
        "range": "bandbreedte",
        "evidence_of": "Onderbouwing voor {option}",
        "consensus": "Consensusrangorde",
        "consensus_note": ("Opties in volgorde van hun gemiddelde rang over de methoden (bij "
                           "gelijke stand beslist de eerste methode). Kendalls tau vergelijkt de "
                           "rangordes van twee methoden: 1 = dezelfde volgorde, 0 = geen verband, "
                           "-1 = omgekeerd."),
        "dominance": "Gedomineerde opties",
        "audit": "Wat de opbouw al beslist",
        "audit_note": ("Gecontroleerd voordat iemand weegt (mcda audit): opties die niet kunnen "
                       "winnen, één passage voor twee criteria, criteria die de opties gelijk "
                       "ordenen, getallen die geen bron noemt. Bevindingen over de casus, geen "
                       "fouten."),
        "origins": "Waar de perspectieven vandaan komen",
        "none_dominated": "Geen optie wordt gedomineerd: elke optie is ergens de beste of "
                          "gedeeld de beste.",
        "dominated_line": "{option} wordt gedomineerd door {others}: die zijn op elk criterium "
                          "minstens even goed en op één beter.",
        "stability": "Stabiliteit van de eerste plaats ({label})",
        "stability_note": ("Per criterium: het bereik van zijn gewicht (de andere gewichten "
                           "houden hun verhoudingen) waarin {first} eerste blijft, en de "
                           "gewichten waarbij de eerste plaats wisselt."),
        "what_it_takes": "Wat nodig is ({label})",
        "what_it_takes_all": "Wat nodig is om eerste te worden",
        "what_it_takes_note": ("De kleinste verandering van de gewichten (som van de absolute "
                               "veranderingen, in procentpunten) die elke optie eerste maakt, "
                               "per methode."),
        "is_first": "nu eerste",
        "unreachable": "nooit eerste",
        "points": "{points} punten",
        "smaa": "Stochastische multicriteria-acceptatieanalyse (SMAA-2)",
        "smaa_note": ("{samples} gewichtsvectoren getrokken ({weights}; scores {scores}; seed "
                      "{seed}). Rangacceptatie: het aandeel van de trekkingen waarin een optie "
                      "elke rang krijgt."),
        "confidence_note": ("Betrouwbaarheidsfactor: hoe vaak een optie eerste is bij haar "
                            "centrale gewichten wanneer de scores uit hun bandbreedtes worden "
                            "getrokken."),
        "smaa_agreement": "Alle methoden zijn het in {share} van de trekkingen eens over de "
                          "eerste plaats.",
        "scenario_note": ("Dezelfde opties en scores onder de gewichten van andere perspectieven; "
                          "criteria die een scenario weglaat wegen 0."),
        "first_under": "Eerste onder {scenario}",
        "compromise": ("VIKOR-compromisverzameling: {options} (aanvaardbaar voordeel: {adv}; "
                       "aanvaardbare stabiliteit: {stab})."),
        "generated": "Gemaakt met policy-mcda op {date}. Dataversie {version}.",
        "regenerate": ("Het bijschrift van elke grafiek noemt scenario, methoden, dataversie en "
                       "datum, zodat zij uit dezelfde gegevens opnieuw te maken is."),
        "weights_in": "Gewichten van het huidige scenario, genormaliseerd tot 100%.",
        "not_computed": "Niet berekend voor deze export.",
        "switch_none": "geen",
        "leader": "Eerste plaats: {items}.",
        "consensus_top": "Consensus over de methoden: {items}.",
        "closest_switch": ("Onder {label} de dichtstbijzijnde wisseling van de eerste plaats: "
                           "als het gewicht van {criterion} van {now} naar {at} gaat, wordt "
                           "{option} eerste."),
        "no_switch": "Onder {label} haalt geen enkele verandering van één gewicht {first} van "
                     "de eerste plaats.",
        "smaa_leader": ("Bij {samples} willekeurige wegingen is {option} in {share} daarvan "
                        "eerste ({label})."),
        "scenario_leaders": "Eerste plaats onder de vergeleken scenario's ({label}): {items}.",
        "page": "Pagina {n}",
        "url": "Adres",
        "file": "Bestand",
        "mode_uniform": "gelijkmatig over alle wegingen",
        "mode_around": "rond de huidige gewichten",
        "mode_ranking": "passend bij de rangorde van de criteria",
        "scores_fixed": "vast",
        "scores_ranges": "getrokken binnen hun bandbreedte",
        "better_note": "Een {better} score is beter",
        "competition": ("Rangen zijn competitierangen: 1 = beste, gelijk geëindigde opties delen "
                        "de beste rang (1, 2, 2, 4)."),
    },
}


def say(lang: str, key: str, **values: Any) -> str:
    """A report phrase in ``lang`` (English when unknown), with ``values`` filled in."""
    text = HEADINGS.get(lang, HEADINGS["en"])[key]
    return text.format(**values) if values else text


SECTIONS = ("summary", "options", "criteria", "performance", "results", "agreement",
            "sensitivity", "scenarios", "methods", "sources")


def pct(value: float) -> str:
    """A share as a percentage: '25%', '2.5%'."""
    x = 100 * float(value)
    if x == 0 or abs(x) >= 10 or x == round(x):
        return f"{x:.0f}%"
    return f"{x:.1f}%" if abs(x) >= 0.05 else ("<0.1%" if x > 0 else "-<0.1%")


def number(value: float) -> str:
    """A score as people write it: at most four significant digits."""
    return f"{float(value):.4g}"


def scale_text(crit: Criterion) -> str:
    """'0 to 100', '0 to 60 M EUR/yr' or just the unit."""
    lo, hi = crit.scale.min, crit.scale.max
    bounds = f"{lo:g} – {hi:g}" if lo is not None and hi is not None else ""
    return " ".join(p for p in (bounds, crit.unit) if p) or "—"


def score_text(score: Score, unit: str = "") -> str:
    """'30 (15 – 55)' with the unit when there is one."""
    text = number(score.value)
    if score.range is not None:
        text += f" ({number(score.low)} – {number(score.high)})"
    return f"{text} {unit}".strip()


def _names(a: Appraisal, ids: Iterable[str]) -> str:
    return ", ".join(a.option_name(o) for o in ids)


def summary(a: Appraisal) -> list[str]:
    """The key findings as plain sentences (report summary, deck title slide)."""
    lang = a.lang
    firsts: dict[tuple[str, ...], list[str]] = {}
    for result in a.results.values():
        firsts.setdefault(result.first, []).append(result.label)
    points = [say(lang, "leader", items="; ".join(
        f"{_names(a, first)} ({', '.join(labels)})" for first, labels in firsts.items()))]
    if len(a.results) > 1:
        top = a.consensus_order[:3]
        points.append(say(lang, "consensus_top", items=", ".join(
            f"{i}. {a.option_name(o)}" for i, o in enumerate(top, start=1))))
    points.append(first_place(a.problem, a.primary.method).sentence(a.problem, lang))
    primary = a.sensitivity.get(a.primary.method)
    if primary is not None:
        nearest = None
        for sweep in primary.sweeps:
            for switch in sweep.switches:
                gap = abs(switch.weight - sweep.current)
                if nearest is None or gap < nearest[0]:
                    nearest = (gap, sweep, switch)
        if nearest is None:
            points.append(say(lang, "no_switch", label=primary.label,
                              first=_names(a, primary.current_first)))
        else:
            _, sweep, switch = nearest
            points.append(say(lang, "closest_switch", label=primary.label,
                              criterion=a.criterion_name(sweep.criterion),
                              now=pct(sweep.current), at=pct(switch.weight),
                              option=_names(a, switch.first)))
    if a.smaa is not None and a.primary.method in a.smaa:
        result = a.smaa[a.primary.method]
        best = int(np.argmax(result.rank_acceptability[:, 0]))
        points.append(say(lang, "smaa_leader", samples=f"{a.smaa.samples:,}",
                          option=a.option_name(result.option_ids[best]),
                          share=pct(result.rank_acceptability[best, 0]), label=result.label))
    if a.comparison:
        primary_name = a.primary.method
        points.append(say(lang, "scenario_leaders", label=a.primary.label, items="; ".join(
            f"{scenario}: {_names(a, results[primary_name].first)}"
            for scenario, (_, results) in a.comparison.items())))
    for option, others in dominated(a.problem).items():
        points.append(say(lang, "dominated_line", option=a.option_name(option),
                              others=_names(a, others)))
    return points


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs (separated by blank lines), each on one line."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def question_lead(question: str, limit: int = 240) -> str:
    """The question itself from a question that goes on with background: the first paragraph's
    text up to its first question mark (or first sentence), shortened to ``limit`` characters."""
    first = paragraphs(question)[0] if question.strip() else ""
    for end in ("?", ". "):
        cut = first.find(end)
        if 0 <= cut < limit:
            return first[: cut + 1]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + " …"


def source_link(url: str | None) -> str | None:
    """The URL when it is a plain http(s) address (anything else is not linked)."""
    if not url:
        return None
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


# --- HTML -------------------------------------------------------------------------------------


class Safe(str):
    """HTML that this module built itself from escaped parts; never escaped again."""


def esc(value: object) -> Safe:
    """Text (from data or users) as HTML text; Safe strings pass unchanged."""
    if isinstance(value, Safe):
        return value
    return Safe(html.escape(str(value), quote=True))


def tag(name: str, content: object = "", **attrs: str) -> Safe:
    """An element with escaped content and attribute values (``class_`` for class)."""
    attributes = "".join(f' {k.rstrip("_").replace("_", "-")}="{html.escape(v, quote=True)}"'
                         for k, v in attrs.items())
    return Safe(f"<{name}{attributes}>{esc(content)}</{name}>")


def join(parts: Iterable[object], sep: str = "\n") -> Safe:
    """Parts (escaped unless Safe) joined."""
    return Safe(sep.join(esc(p) for p in parts))


def html_table(header: Sequence[object], rows: Iterable[Sequence[object]],
               numeric: Iterable[int] = (), class_: str = "",
               groups: Sequence[tuple[str, int]] = ()) -> Safe:
    """A table; cells are escaped unless Safe; ``numeric`` columns are right-aligned;
    ``groups`` (label, number of columns) adds a header row above the column names."""
    nums = set(numeric)
    head = join((tag("th", h, class_="num") if j in nums else tag("th", h)
                 for j, h in enumerate(header)), "")
    if groups:
        above = join((tag("th", label, colspan=str(span), class_="group")
                      for label, span in groups), "")
        head = Safe(f"{above}</tr><tr>{head}")
    body = join(tag("tr", join((tag("td", c, class_="num") if j in nums else tag("td", c)
                                 for j, c in enumerate(row)), "")) for row in rows)
    attrs = {"class_": class_} if class_ else {}
    return tag("table", Safe(f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"), **attrs)


def _chart(fig_name: str, fig: Any) -> Safe:
    height = int(fig.layout.height or 500)
    div = pio.to_html(fig, include_plotlyjs=False, full_html=False, config=PLOTLY_CONFIG,
                      default_height=f"{height}px", div_id=f"chart-{fig_name}")
    return tag("figure", Safe(div), class_="chart", aria_label=chart_title(fig))


CSS = """
:root{--ink:#1f2328;--muted:#5b6470;--rule:#d9dee3;--accent:#0b5394;--soft:#f3f6f9}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);font:15px/1.55 Arial,"Liberation Sans",Helvetica,sans-serif;
background:#fff}
main{max-width:1060px;margin:0 auto;padding:0 32px 48px}
header.cover{background:var(--accent);color:#fff;padding:40px 0 32px;margin-bottom:28px}
header.cover .inner{max-width:1060px;margin:0 auto;padding:0 32px}
header.cover .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;opacity:.85}
header.cover h1{font-size:32px;line-height:1.2;margin:6px 0 12px}
header.cover .question{font-size:18px;max-width:820px;margin:0 0 18px;opacity:.95}
header.cover dl{display:flex;flex-wrap:wrap;gap:6px 28px;margin:0;font-size:13px}
header.cover dt{opacity:.75}
header.cover dd{margin:0;font-weight:bold}
nav ol{columns:2;font-size:14px;padding-left:20px;margin:0 0 8px}
nav a{color:var(--accent);text-decoration:none}
h2{font-size:22px;margin:44px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--accent)}
h3{font-size:17px;margin:28px 0 8px}
h4{font-size:15px;margin:18px 0 4px}
p.note{color:var(--muted);font-size:13px;margin:4px 0 12px}
.summary{background:var(--soft);border-left:4px solid var(--accent);padding:14px 20px 14px 36px;
margin:0}
.summary li{margin:4px 0}
table{border-collapse:collapse;width:100%;margin:8px 0 18px;font-size:13.5px}
th,td{text-align:left;vertical-align:top;padding:6px 9px;border-bottom:1px solid var(--rule)}
thead th{background:var(--soft);border-bottom:2px solid var(--rule);font-weight:bold}
thead th.group{text-align:center;border-bottom:1px solid var(--rule)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:nth-child(even){background:#fafbfc}
figure.chart{margin:12px 0 24px;border:1px solid var(--rule);border-radius:4px;padding:6px}
.crit{border:1px solid var(--rule);border-radius:4px;padding:10px 16px;margin:10px 0}
.crit h4{margin-top:4px}
.meta{color:var(--muted);font-size:13px}
dl.guide{display:grid;grid-template-columns:56px 1fr;gap:2px 12px;font-size:13px;margin:6px 0}
dl.guide dt{text-align:right;font-weight:bold;font-variant-numeric:tabular-nums}
dl.guide dd{margin:0}
.score{margin:10px 0 14px}
.score .head{font-weight:bold}
blockquote{margin:6px 0 6px 4px;padding:4px 12px;border-left:3px solid var(--rule);
color:#333;font-style:italic;font-size:13.5px}
blockquote cite{display:block;font-style:normal;color:var(--muted);font-size:12px}
.pill{display:inline-block;font-size:11px;padding:1px 7px;border-radius:9px;
background:#fde8d7;color:#8a3b00;margin-left:6px;font-weight:normal;vertical-align:1px}
.heat{text-align:right;font-variant-numeric:tabular-nums}
footer{color:var(--muted);font-size:12px;border-top:1px solid var(--rule);margin-top:40px;
padding-top:10px}
@media print{header.cover{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2{break-before:page}figure.chart,.crit,.score,table{break-inside:avoid}nav{display:none}}
"""


def _heat(value: float) -> Safe:
    """A table cell shaded by a share in [0, 1] (SMAA acceptabilities)."""
    alpha = f"{0.08 + 0.6 * float(value):.2f}" if value > 0 else "0"
    return Safe(f'<span style="display:block;background:rgba(11,83,148,{alpha});'
                f'padding:0 4px">{pct(value)}</span>')


def _html_options(a: Appraisal) -> list[Safe]:
    lang = a.lang
    parts: list[Safe] = []
    if a.question:
        parts.append(tag("h3", say(lang, "question")))
        parts += [tag("p", paragraph) for paragraph in paragraphs(a.question)]
    rows = []
    for option in a.problem.options:
        summary_text = option.summary.get(lang) if option.summary else ""
        cell = Safe(f"<strong>{esc(option.name.get(lang))}</strong>"
                    + (f"<br><span class='meta'>{esc(summary_text)}</span>"
                       if summary_text else ""))
        rows.append([cell, option.proposed_by or "—"])
    parts.append(html_table([word(lang, "option"), say(lang, "proposed_by")], rows))
    return parts


def _html_criteria(a: Appraisal, figures: dict[str, Any]) -> list[Safe]:
    lang = a.lang
    parts = [_chart("weights", figures["weights"]), tag("p", say(lang, "weights_in"),
                                                           class_="note")]
    rows = [[c.name.get(lang), word(lang, c.direction), scale_text(c), pct(w)]
            for c, w in zip(a.problem.criteria, a.problem.w, strict=True)]
    parts.append(html_table([word(lang, "criterion"), word(lang, "direction"),
                             say(lang, "scale"), word(lang, "weight")], rows, numeric=[3]))
    for crit, weight in zip(a.problem.criteria, a.problem.w, strict=True):
        inner = [tag("h4", f"{crit.name.get(lang)} — {pct(weight)}"),
                 tag("div", f"{word(lang, crit.direction)} · {say(lang, 'scale')}: "
                            f"{scale_text(crit)}", class_="meta")]
        if crit.description:
            inner.append(tag("p", crit.description.get(lang)))
        if crit.scoring_guide:
            guide = join(Safe(f"{tag('dt', f'{anchor:g}')}{tag('dd', text.get(lang))}")
                         for anchor, text in sorted(crit.scoring_guide.items()))
            inner.append(tag("div", say(lang, "scoring_guide"), class_="meta"))
            inner.append(tag("dl", guide, class_="guide"))
        parts.append(tag("div", join(inner), class_="crit"))
    return parts


def _evidence_html(a: Appraisal, score: Score) -> list[Safe]:
    items = []
    for item in score.evidence:
        source = item.source
        if a.case is not None and source in {s.id for s in a.case.sources}:
            found = a.case.source(source)
            source = f"{found.author or found.title} ({found.year})" if found.year else found.title
        cite = tag("cite", f"{source}, § {item.section}")
        items.append(tag("blockquote", Safe(f"{esc(item.quote or '')}{cite}")
                         if item.quote else cite))
    return items


def _html_performance(a: Appraisal, figures: dict[str, Any]) -> list[Safe]:
    lang = a.lang
    problem = a.problem
    parts = [_chart("performance", figures["performance"])]
    header = [word(lang, "option")] + [
        f"{c.name.get(lang)}" + (f" ({c.unit})" if c.unit else "") for c in problem.criteria]
    rows = []
    for option in problem.options:
        cells: list[object] = [option.name.get(lang)]
        for crit in problem.criteria:
            score = option.scores[crit.id]
            mark = Safe("<sup title='assumption'>*</sup>") if score.assumption else Safe("")
            cells.append(Safe(f"{esc(score_text(score))}{mark}"))
        rows.append(cells)
    parts.append(html_table(header, rows, numeric=range(1, len(header))))
    parts.append(tag("p", f"* {say(lang, 'assumption_note')}", class_="note"))
    for option in problem.options:
        parts.append(tag("h3", say(lang, "evidence_of", option=option.name.get(lang))))
        for crit in problem.criteria:
            score = option.scores[crit.id]
            head = [Safe(f"{esc(crit.name.get(lang))}: {esc(score_text(score, crit.unit))}")]
            if score.assumption:
                head.append(tag("span", word(lang, "assumption"), class_="pill"))
            block = [tag("div", join(head, ""), class_="head")]
            if score.rationale:
                block.append(tag("div", score.rationale.get(lang)))
            block += _evidence_html(a, score)
            if not score.evidence:
                block.append(tag("div", say(lang, "no_evidence"), class_="meta"))
            parts.append(tag("div", join(block), class_="score"))
    return parts


def _ranking_table(a: Appraisal, first: str) -> tuple[list[object], list[list[object]],
                                                     list[tuple[str, int]]]:
    """Header, rows (consensus order) and header groups of the ranks and scores per method."""
    lang = a.lang
    header: list[object] = [first, word(lang, "option")]
    for _ in a.results.values():
        header += [word(lang, "rank"), word(lang, "score")]
    agree = a.agreement
    rows = []
    for option in a.consensus_order:
        row: list[object] = [int(agree.consensus[agree.option_ids.index(option)]),
                             a.option_name(option)]
        for result in a.results.values():
            row += [result.rank_of(option), f"{result.score_of(option):.2f}"]
        rows.append(row)
    return header, rows, [("", 2), *((r.label, 2) for r in a.results.values())]


def _compromise(a: Appraisal) -> str | None:
    vikor = a.results.get("vikor")
    if vikor is None or "compromise" not in vikor.details:
        return None
    d = vikor.details
    return say(a.lang, "compromise", options=_names(a, d["compromise"]),
               adv=word(a.lang, "yes" if d["acceptable_advantage"] else "no"),
               stab=word(a.lang, "yes" if d["acceptable_stability"] else "no"))


def _tau_table(a: Appraisal) -> tuple[list[str], list[list[object]]]:
    agree = a.agreement
    labels = [a.results[m].label for m in agree.methods]
    rows: list[list[object]] = [[label, *(f"{v:.2f}" for v in agree.kendall[i])]
                                for i, label in enumerate(labels)]
    return [word(a.lang, "kendall_tau"), *labels], rows


def _audit_lines(a: Appraisal) -> list[str]:
    """The audit's findings in the shared wording (dominance is listed above them)."""
    found = audit(a.problem, a.case, tuple(a.results))
    return [text for kind, text in found.sentences(a.problem, a.lang) if kind != "dominated"]


def origin_lines(a: Appraisal) -> list[str]:
    """Each compared perspective of the case with the kind and source of its weights."""
    if a.case is None:
        return []
    return [f"{s.name.get(a.lang)}: {s.origin.describe(a.lang)}" for s in a.case.scenarios
            if s.name.get(a.lang) in a.comparison]


def _dominance_lines(a: Appraisal) -> list[str]:
    return [say(a.lang, "dominated_line", option=a.option_name(o), others=_names(a, ds))
            for o, ds in dominated(a.problem).items()]


def _html_results(a: Appraisal, figures: dict[str, Any]) -> list[Safe]:
    lang = a.lang
    parts = [_chart("ranks", figures["ranks"])]
    header, rows, groups = _ranking_table(a, word(lang, "consensus_rank"))
    parts.append(html_table(header, rows, numeric=[0, *range(2, len(header))], groups=groups))
    parts.append(tag("p", say(lang, "competition"), class_="note"))
    compromise = _compromise(a)
    if compromise:
        parts.append(tag("p", compromise))
    for name, fig in figures.items():
        if name.startswith("contributions_"):
            parts.append(_chart(name, fig))
    return parts


def _html_agreement(a: Appraisal) -> list[Safe]:
    lang = a.lang
    parts = [tag("p", say(lang, "consensus_note"), class_="note")]
    if len(a.results) > 1:
        header, rows = _tau_table(a)
        parts.append(html_table(header, rows, numeric=range(1, len(header))))
    parts.append(tag("h3", say(lang, "dominance")))
    lines = _dominance_lines(a)
    parts.append(tag("ul", join(tag("li", line) for line in lines)) if lines
                 else tag("p", say(lang, "none_dominated")))
    parts.append(tag("h3", say(lang, "audit")))
    parts.append(tag("p", say(lang, "audit_note"), class_="note"))
    parts.append(tag("ul", join(tag("li", line) for line in _audit_lines(a))))
    return parts


def _stability_rows(a: Appraisal, method: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for sweep in a.sensitivity[method].sweeps:
        switches = "; ".join(f"{pct(s.weight)} → {_names(a, s.first)}" for s in sweep.switches)
        rows.append([a.criterion_name(sweep.criterion), pct(sweep.current),
                     f"{pct(sweep.stability[0])} – {pct(sweep.stability[1])}",
                     switches or say(a.lang, "switch_none")])
    return rows


def _stability_header(lang: str) -> list[str]:
    return [word(lang, "criterion"), word(lang, "current_weight"),
            f"{word(lang, 'stable_from')} – {word(lang, 'stable_to').split()[-1]}",
            word(lang, "switches")]


def _flip_rows(a: Appraisal) -> tuple[list[str], list[list[object]]]:
    """Per option and method: the weight change (percentage points) that puts it first."""
    lang = a.lang
    methods = [m for m, flips in a.flips.items() if flips or m in a.sensitivity]
    header = [word(lang, "option"), *(a.results[m].label for m in methods)]
    found = {(f.method, f.option): f for m in methods for f in a.flips[m]}
    rows: list[list[object]] = []
    for option in a.consensus_order:
        row: list[object] = [a.option_name(option)]
        for method in methods:
            item = found.get((method, option))
            if item is None:
                row.append(say(lang, "is_first"))
            elif not item.reachable or item.distance is None:
                row.append(say(lang, "unreachable"))
            else:
                row.append(say(lang, "points", points=f"{100 * item.distance:.0f}"))
        rows.append(row)
    return header, rows


def _smaa_rows(a: Appraisal, method: str, cell: Callable[[float], object]
               ) -> tuple[list[str], list[list[object]]]:
    result = a.smaa[method] if a.smaa is not None else None
    if result is None:
        return [], []
    n = len(result.option_ids)
    # the confidence factor says something only where the scores are uncertain (drawn from their
    # ranges); with fixed scores it is 100% for every winner by construction
    confident = _uncertain_scores(a)
    header = [word(a.lang, "option"), *(word(a.lang, "acceptability", r=r + 1) for r in range(n)),
              *([word(a.lang, "confidence")] if confident else [])]
    order = np.lexsort(tuple(-result.rank_acceptability[:, r] for r in reversed(range(n))))
    rows = [[a.option_name(result.option_ids[i]),
             *(cell(result.rank_acceptability[i, r]) for r in range(n)),
             *([pct(result.confidence[i])] if confident else [])] for i in order]
    return header, rows


def _uncertain_scores(a: Appraisal) -> bool:
    return a.smaa is not None and a.smaa.scores != "fixed"


def _smaa_note(a: Appraisal) -> str:
    s = a.smaa
    if s is None:
        return ""
    note = say(a.lang, "smaa_note", samples=f"{s.samples:,}",
               weights=say(a.lang, f"mode_{s.weights}"),
               scores=say(a.lang, f"scores_{s.scores}"), seed=s.seed)
    return note + (" " + say(a.lang, "confidence_note") if _uncertain_scores(a) else "")


def _charts_named(figures: dict[str, Any], *prefixes: str) -> list[tuple[str, Any]]:
    return [(name, fig) for name, fig in figures.items() if name.startswith(prefixes)]


def _html_sensitivity(a: Appraisal, figures: dict[str, Any]) -> list[Safe]:
    lang = a.lang
    parts: list[Safe] = []
    if not a.sensitivity and a.smaa is None:
        return [tag("p", say(lang, "not_computed"), class_="note")]
    for method, result in a.sensitivity.items():
        parts.append(tag("h3", say(lang, "stability", label=result.label)))
        parts.append(tag("p", say(lang, "stability_note",
                                  first=_names(a, result.current_first)), class_="note"))
        if f"stability_{method}" in figures:
            parts.append(_chart(f"stability_{method}", figures[f"stability_{method}"]))
        parts.append(html_table(_stability_header(lang), _stability_rows(a, method),
                                numeric=[1, 2]))
    parts += [_chart(name, fig) for name, fig in _charts_named(figures, "oat_")]
    if any(a.flips.values()):
        parts.append(tag("h3", say(lang, "what_it_takes_all")))
        parts.append(tag("p", say(lang, "what_it_takes_note"), class_="note"))
        header, rows = _flip_rows(a)
        parts.append(html_table(header, rows, numeric=range(1, len(header))))
        parts += [_chart(name, fig) for name, fig in _charts_named(figures, "flip_")]
        primary = a.flips.get(a.primary.method, ())
        if primary:
            parts.append(tag("h4", say(lang, "what_it_takes", label=a.primary.label)))
            parts.append(tag("ul", join(tag("li", f.sentence(lang)) for f in primary)))
    if a.smaa is not None:
        parts.append(tag("h3", say(lang, "smaa")))
        parts.append(tag("p", _smaa_note(a), class_="note"))
        if len(a.smaa) > 1:
            parts.append(tag("p", say(lang, "smaa_agreement", share=pct(a.smaa.agreement_all))))
        for method, result in a.smaa.items():
            parts.append(tag("h4", result.label))
            if f"acceptability_{method}" in figures:
                parts.append(_chart(f"acceptability_{method}",
                                    figures[f"acceptability_{method}"]))
            header, rows = _smaa_rows(a, method, _heat)
            parts.append(html_table(header, rows, numeric=range(1, len(header)), class_="smaa"))
        parts += [_chart(name, fig) for name, fig in _charts_named(figures, "pairwise_")]
    return parts


def _scenario_rows(a: Appraisal) -> tuple[list[str], list[list[object]]]:
    header = [word(a.lang, "scenario"), *(r.label for r in a.results.values())]
    rows: list[list[object]] = [
        [scenario, *(_names(a, results[m].first) for m in a.results)]
        for scenario, (_, results) in a.comparison.items()]
    return header, rows


def _html_scenarios(a: Appraisal, figures: dict[str, Any]) -> list[Safe]:
    lang = a.lang
    if not a.comparison:
        return [tag("p", say(lang, "not_computed"), class_="note")]
    header, rows = _scenario_rows(a)
    parts = [tag("p", say(lang, "scenario_note"), class_="note"),
             _chart("scenarios", figures["scenarios"]), html_table(header, rows)]
    origins = origin_lines(a)
    if origins:
        parts += [tag("h3", say(lang, "origins")),
                  tag("ul", join(tag("li", line) for line in origins))]
    return parts


def _html_methods(a: Appraisal) -> list[Safe]:
    lang = a.lang
    parts = []
    for result in a.results.values():
        better = say(lang, "better_note", better=word(lang, result.better))
        settings = "; ".join(f"{k} = {v}" for k, v in result.settings.items())
        meta = " · ".join(p for p in (better, settings) if p)
        parts.append(tag("h4", result.label))
        parts.append(tag("div", meta, class_="meta"))
        parts.append(tag("p", result.definition))
    parts.append(tag("p", say(lang, "competition"), class_="note"))
    return parts


def _html_sources(a: Appraisal) -> list[Safe]:
    if a.case is None or not a.case.sources:
        return [tag("p", "—", class_="note")]
    items = []
    for source in a.case.sources:
        text = [Safe(f"<strong>{esc(source.author or '')}</strong>"
                     f"{esc(f' ({source.year})' if source.year else '')}. "
                     f"<em>{esc(source.title)}</em>. "), tag("span", f"[{source.id}]",
                                                            class_="meta")]
        link = source_link(source.url)
        if link:
            text.append(Safe(f"<br>{esc(say(a.lang, 'url'))}: "
                             f"<a href=\"{html.escape(link, quote=True)}\" rel=\"noreferrer\">"
                             f"{esc(link)}</a>"))
        if source.description:
            text.append(tag("div", source.description.get(a.lang), class_="meta"))
        items.append(tag("li", join(text, "")))
    return [tag("ul", join(items))]


def html_report(appraisal: Appraisal) -> str:
    """The report as one self-contained HTML page (plotly.js embedded once; works offline)."""
    a = appraisal
    lang = a.lang
    figures = chart_set(a)
    meta = join((Safe(f"<div>{tag('dt', k)}{tag('dd', v)}</div>") for k, v in (
        (word(lang, "scenario"), a.scenario),
        (word(lang, "methods"), a.method_labels()),
        (word(lang, "data_version"), a.data_version),
        ("", a.date.isoformat()),
    )), "")
    cover = tag("header", tag("div", join([
        tag("div", say(lang, "report"), class_="kicker"),
        tag("h1", a.title),
        tag("p", question_lead(a.question), class_="question") if a.question else Safe(""),
        tag("dl", meta),
    ]), class_="inner"), class_="cover")
    builders: dict[str, Callable[[], list[Safe]]] = {
        "summary": lambda: [tag("ul", join(tag("li", p) for p in summary(a)), class_="summary")],
        "options": lambda: _html_options(a),
        "criteria": lambda: _html_criteria(a, figures),
        "performance": lambda: _html_performance(a, figures),
        "results": lambda: _html_results(a, figures),
        "agreement": lambda: _html_agreement(a),
        "sensitivity": lambda: _html_sensitivity(a, figures),
        "scenarios": lambda: _html_scenarios(a, figures),
        "methods": lambda: _html_methods(a),
        "sources": lambda: _html_sources(a),
    }
    contents = tag("nav", join([tag("h2", say(lang, "contents")), tag("ol", join(
        Safe(f'<li><a href="#{key}">{esc(say(lang, key))}</a></li>') for key in SECTIONS))]))
    sections = [tag("section", join([tag("h2", f"{i}. {say(lang, key)}"), *builders[key]()]),
                    id=key) for i, key in enumerate(SECTIONS, start=1)]
    footer = tag("footer", join([
        tag("p", say(lang, "generated", date=a.date.isoformat(), version=a.data_version)),
        tag("p", say(lang, "regenerate"))]))
    body = join([cover, tag("main", join([contents, *sections, footer]))])
    return ("<!DOCTYPE html>\n"
            f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(a.title)} — {esc(say(lang, 'report'))}</title>\n"
            f"<style>{CSS}</style>\n"
            f'<script type="text/javascript">{get_plotlyjs()}</script>\n'
            f"</head>\n<body>\n{body}\n</body>\n</html>\n")


# --- PDF --------------------------------------------------------------------------------------

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"),
             Path("/usr/share/fonts/truetype/liberation2"))
FONT_FILES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
)
NO_FONT = ("the PDF report needs a Unicode TrueType font (DejaVu Sans or Liberation Sans), which "
           "was not found in /usr/share/fonts. Install it with 'sudo apt-get install "
           "fonts-dejavu-core fonts-dejavu-extra' (Debian/Ubuntu; or run 'make system-deps').")
ACCENT = (11, 83, 148)
INK_RGB = (31, 35, 40)
MUTED = (91, 100, 112)
SOFT = (243, 246, 249)
RULE = (217, 222, 227)
# Charts are drawn this many layout pixels wide for A4, so that their text stays legible.
PDF_CHART_WIDTH = 900


def report_font() -> tuple[Path, Path, Path]:
    """Regular, bold and italic TrueType files of a Unicode sans font on this machine."""
    for folder in FONT_DIRS:
        for names in FONT_FILES:
            paths = tuple(folder / n for n in names)
            if all(p.is_file() for p in paths):
                return paths  # type: ignore[return-value]
    raise ExportError(NO_FONT)


class _PDF(FPDF):
    """A4 portrait with a running head and page numbers."""

    def __init__(self, appraisal: Appraisal) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.appraisal = appraisal
        regular, bold, italic = report_font()
        self.add_font("Sans", "", str(regular))
        self.add_font("Sans", "B", str(bold))
        self.add_font("Sans", "I", str(italic))
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(f"{appraisal.title} — {say(appraisal.lang, 'report')}")
        self.set_author("policy-mcda")
        self.set_creator("policy-mcda")
        self.set_lang(appraisal.lang)
        self.set_font("Sans", size=10)
        self.set_text_color(*INK_RGB)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        a = self.appraisal
        self.set_font("Sans", size=7.5)
        self.set_text_color(*MUTED)
        self.set_xy(self.l_margin, 9)
        self.cell(self.epw, 4, f"{a.title} — {say(a.lang, 'report')}", align="L")
        self.set_draw_color(*RULE)
        self.line(self.l_margin, 14, self.w - self.r_margin, 14)
        self.set_xy(self.l_margin, 20)
        self.set_text_color(*INK_RGB)

    def footer(self) -> None:
        a = self.appraisal
        self.set_y(-12)
        self.set_font("Sans", size=7.5)
        self.set_text_color(*MUTED)
        self.cell(self.epw / 2, 4, f"{word(a.lang, 'scenario')}: {a.scenario} · "
                  f"{word(a.lang, 'data_version')}: {a.data_version} · {a.date.isoformat()}")
        self.cell(self.epw / 2, 4, say(a.lang, "page", n=self.page_no()), align="R")
        self.set_text_color(*INK_RGB)

    # building blocks

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit below the cursor."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def h2(self, number: int, text: str) -> None:
        self.room(60)
        if self.get_y() > self.t_margin + 1:
            self.ln(6)
        self.start_section(f"{number}. {text}", level=0)
        self.set_font("Sans", "B", 15)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 8, f"{number}. {text}", new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.5)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.set_line_width(0.2)
        self.ln(4)
        self.set_text_color(*INK_RGB)

    def h3(self, text: str, level: int = 1) -> None:
        self.room(30)
        self.ln(3)
        self.start_section(text, level=level)
        self.set_font("Sans", "B", 12 if level == 1 else 10.5)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1)

    def para(self, text: str, size: float = 10, style: str = "", colour: tuple[int, ...] = INK_RGB,
             indent: float = 0, height: float = 5) -> None:
        self.set_font("Sans", style, size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, height, text, new_x="LMARGIN", new_y="NEXT",
                        align="L")
        self.set_text_color(*INK_RGB)

    def note(self, text: str) -> None:
        self.para(text, size=8.5, colour=MUTED, height=4.2)
        self.ln(1.5)

    def bullets(self, items: Iterable[str], size: float = 10) -> None:
        self.set_font("Sans", "", size)
        for item in items:
            self.set_x(self.l_margin + 2)
            self.cell(4, 5, "•")
            self.multi_cell(self.epw - 6, 5, item, new_x="LMARGIN", new_y="NEXT", align="L")
            self.ln(0.8)

    def table_of(self, header: Sequence[object], rows: Sequence[Sequence[object]],
                 widths: Sequence[float] | None = None, numeric: Iterable[int] = (),
                 size: float = 8, groups: Sequence[tuple[str, int]] = (),
                 fills: dict[tuple[int, int], tuple[int, int, int]] | None = None) -> None:
        nums = set(numeric)
        align = tuple("RIGHT" if j in nums else "LEFT" for j in range(len(header)))
        self.set_font("Sans", "", size)
        self.set_draw_color(*RULE)
        self.set_fill_color(250, 251, 252)
        with self.table(col_widths=widths, text_align=align, line_height=size * 0.5,
                        borders_layout="HORIZONTAL_LINES", cell_fill_color=(250, 251, 252),
                        cell_fill_mode=TableCellFillMode.ROWS, padding=(1.2, 1.5),
                        headings_style=FontFace(emphasis="BOLD", fill_color=SOFT),
                        num_heading_rows=2 if groups else 1, v_align="TOP") as table:
            if groups:
                top = table.row()
                for label, span in groups:
                    top.cell(label, colspan=span, align="CENTER")
            head = table.row()
            for cell in header:
                head.cell(str(cell))
            for i, row in enumerate(rows):
                line = table.row()
                for j, cell in enumerate(row):
                    fill = (fills or {}).get((i, j))
                    line.cell(str(cell), style=FontFace(fill_color=fill) if fill else None)
        self.ln(3)

    def chart(self, fig: Any) -> None:
        png = figure_bytes(fig, "png", width=PDF_CHART_WIDTH)
        height = self.epw * int(fig.layout.height or 500) / PDF_CHART_WIDTH
        self.room(height + 2)
        self.image(io.BytesIO(png), x=self.l_margin, w=self.epw)
        self.ln(4)


def _pdf_cover(pdf: _PDF, a: Appraisal) -> None:
    """A blue band (as high as its text needs) with title, the question's lead and the set-up."""
    lang = a.lang
    pdf.add_page()
    lead = question_lead(a.question) if a.question else ""
    meta = ((word(lang, "scenario"), a.scenario), (word(lang, "methods"), a.method_labels()),
            (word(lang, "data_version"), f"{a.data_version} · {a.date.isoformat()}"))

    def lines(text: str, style: str, size: float, width: float) -> int:
        pdf.set_font("Sans", style, size)
        return len(pdf.multi_cell(width, 5, text, dry_run=True, output="LINES"))

    height = 22 + 6 + 11 * lines(a.title, "B", 24, pdf.epw)
    height += (2 + 6 * lines(lead, "", 12, pdf.epw)) if lead else 0
    height += 6 + sum(5 * lines(v, "B", 9, pdf.epw - 28) for _, v in meta) + 12
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, height, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(pdf.l_margin, 22)
    pdf.set_font("Sans", "", 9)
    pdf.cell(0, 5, say(lang, "report").upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("Sans", "B", 24)
    pdf.multi_cell(0, 11, a.title, new_x="LMARGIN", new_y="NEXT", align="L")
    if lead:
        pdf.ln(2)
        pdf.set_font("Sans", "", 12)
        pdf.multi_cell(0, 6, lead, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(6)
    for key, value in meta:
        pdf.set_font("Sans", "", 9)
        pdf.cell(28, 5, key)
        pdf.set_font("Sans", "B", 9)
        pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*INK_RGB)
    pdf.set_y(height + 12)


def _pdf_criteria(pdf: _PDF, a: Appraisal, figures: dict[str, Any]) -> None:
    lang = a.lang
    pdf.chart(figures["weights"])
    rows = [[c.name.get(lang), word(lang, c.direction), scale_text(c), pct(w)]
            for c, w in zip(a.problem.criteria, a.problem.w, strict=True)]
    pdf.table_of([word(lang, "criterion"), word(lang, "direction"), say(lang, "scale"),
                  word(lang, "weight")], rows, widths=(60, 50, 44, 20), numeric=[3])
    for crit, weight in zip(a.problem.criteria, a.problem.w, strict=True):
        pdf.h3(f"{crit.name.get(lang)} — {pct(weight)}", level=1)
        pdf.note(f"{word(lang, crit.direction)} · {say(lang, 'scale')}: {scale_text(crit)}")
        if crit.description:
            pdf.para(crit.description.get(lang), size=9.5)
            pdf.ln(1)
        if crit.scoring_guide:
            pdf.room(8 + 7 * len(crit.scoring_guide))
            pdf.table_of(["", say(lang, "scoring_guide")],
                         [[f"{anchor:g}", text.get(lang)]
                          for anchor, text in sorted(crit.scoring_guide.items())],
                         widths=(18, 156), numeric=[0], size=7.5)


def _pdf_performance(pdf: _PDF, a: Appraisal, figures: dict[str, Any]) -> None:
    lang = a.lang
    problem = a.problem
    pdf.chart(figures["performance"])
    header = [word(lang, "option")] + [c.name.get(lang) + (f" ({c.unit})" if c.unit else "")
                                       for c in problem.criteria]
    rows = [[o.name.get(lang), *(score_text(o.scores[c.id]) + ("*" if o.scores[c.id].assumption
                                                              else "")
                                 for c in problem.criteria)] for o in problem.options]
    m = len(problem.criteria)
    pdf.table_of(header, rows, widths=(44, *([130 / m] * m)), numeric=range(1, m + 1), size=7.5)
    pdf.note(f"* {say(lang, 'assumption_note')}")
    for option in problem.options:
        pdf.h3(say(lang, "evidence_of", option=option.name.get(lang)), level=1)
        for crit in problem.criteria:
            score = option.scores[crit.id]
            pdf.room(18)
            head = f"{crit.name.get(lang)}: {score_text(score, crit.unit)}"
            if score.assumption:
                head += f"  [{word(lang, 'assumption')}]"
            pdf.para(head, size=9.5, style="B")
            if score.rationale:
                pdf.para(score.rationale.get(lang), size=9)
            for item in score.evidence:
                pdf.room(13)
                if item.quote:
                    pdf.para(f"“{item.quote}”", size=8.5, style="I", indent=5, height=4.3)
                pdf.para(_cite(a, item.source, item.section), size=7.5, colour=MUTED, indent=5,
                         height=4)
            if not score.evidence:
                pdf.para(say(lang, "no_evidence"), size=8, colour=MUTED)
            pdf.ln(2)


def _cite(a: Appraisal, source_id: str, section: str) -> str:
    if a.case is not None and source_id in {s.id for s in a.case.sources}:
        found = a.case.source(source_id)
        name = f"{found.author or found.title} ({found.year})" if found.year else found.title
        return f"{name}, § {section}"
    return f"{source_id}, § {section}"


def _pdf_results(pdf: _PDF, a: Appraisal, figures: dict[str, Any]) -> None:
    lang = a.lang
    pdf.chart(figures["ranks"])
    k = len(a.results)
    header, rows, groups = _ranking_table(a, "#")
    per = (174 - 52) / (2 * k)
    pdf.table_of(header, rows, widths=(8, 44, *([per] * (2 * k))),
                 numeric=[0, *range(2, 2 + 2 * k)], size=7.5, groups=groups)
    pdf.note(say(lang, "competition"))
    compromise = _compromise(a)
    if compromise:
        pdf.para(compromise, size=9.5)
        pdf.ln(2)
    for name, fig in figures.items():
        if name.startswith("contributions_"):
            pdf.chart(fig)


def _pdf_agreement(pdf: _PDF, a: Appraisal) -> None:
    lang = a.lang
    pdf.note(say(lang, "consensus_note"))
    if len(a.results) > 1:
        header, rows = _tau_table(a)
        k = len(header) - 1
        pdf.table_of(header, rows, widths=(50, *([124 / k] * k)), numeric=range(1, k + 1))
    pdf.h3(say(lang, "dominance"))
    lines = _dominance_lines(a)
    if lines:
        pdf.bullets(lines, size=9.5)
    else:
        pdf.para(say(lang, "none_dominated"), size=9.5)
    pdf.h3(say(lang, "audit"))
    pdf.note(say(lang, "audit_note"))
    pdf.bullets(_audit_lines(a), size=9.5)


def _heat_fill(value: float) -> tuple[int, int, int] | None:
    if value <= 0:
        return None
    t = 0.08 + 0.6 * float(value)
    return tuple(round(255 * (1 - t) + c * t) for c in ACCENT)  # type: ignore[return-value]


def _pdf_sensitivity(pdf: _PDF, a: Appraisal, figures: dict[str, Any]) -> None:
    lang = a.lang
    if not a.sensitivity and a.smaa is None:
        pdf.note(say(lang, "not_computed"))
        return
    for method, result in a.sensitivity.items():
        pdf.h3(say(lang, "stability", label=result.label))
        pdf.note(say(lang, "stability_note", first=_names(a, result.current_first)))
        if f"stability_{method}" in figures:
            pdf.chart(figures[f"stability_{method}"])
        pdf.table_of(_stability_header(lang), _stability_rows(a, method),
                     widths=(40, 20, 28, 86), numeric=[1, 2])
    for _, fig in _charts_named(figures, "oat_"):
        pdf.chart(fig)
    if any(a.flips.values()):
        pdf.h3(say(lang, "what_it_takes_all"))
        pdf.note(say(lang, "what_it_takes_note"))
        header, rows = _flip_rows(a)
        k = len(header) - 1
        pdf.table_of(header, rows, widths=(54, *([120 / k] * k)), numeric=range(1, k + 1))
        for _, fig in _charts_named(figures, "flip_"):
            pdf.chart(fig)
        primary = a.flips.get(a.primary.method, ())
        if primary:
            pdf.h3(say(lang, "what_it_takes", label=a.primary.label), level=2)
            pdf.bullets((f.sentence(lang) for f in primary), size=9)
    if a.smaa is not None:
        pdf.h3(say(lang, "smaa"))
        pdf.note(_smaa_note(a))
        if len(a.smaa) > 1:
            pdf.para(say(lang, "smaa_agreement", share=pct(a.smaa.agreement_all)), size=9.5)
            pdf.ln(2)
        for method, result in a.smaa.items():
            header, rows = _smaa_rows(a, method, float)
            n = len(result.option_ids)
            fills = {(i, j): fill for i, row in enumerate(rows)
                     for j, value in enumerate(row[1:n + 1], start=1)
                     if (fill := _heat_fill(float(value))) is not None}
            shown = [[row[0], *(pct(float(v)) for v in row[1:n + 1]), *row[n + 1:]]
                     for row in rows]
            extra = (24,) if _uncertain_scores(a) else ()
            pdf.h3(result.label, level=2)
            if f"acceptability_{method}" in figures:
                pdf.chart(figures[f"acceptability_{method}"])
            pdf.table_of(header, shown, widths=(42, *([(132 - sum(extra)) / n] * n), *extra),
                         numeric=range(1, len(header)), size=7, fills=fills)
        for _, fig in _charts_named(figures, "pairwise_"):
            pdf.chart(fig)


def _pdf_scenarios(pdf: _PDF, a: Appraisal, figures: dict[str, Any]) -> None:
    if not a.comparison:
        pdf.note(say(a.lang, "not_computed"))
        return
    pdf.note(say(a.lang, "scenario_note"))
    pdf.chart(figures["scenarios"])
    header, rows = _scenario_rows(a)
    k = len(header) - 1
    pdf.table_of(header, rows, widths=(42, *([132 / k] * k)), size=7.5)
    origins = origin_lines(a)
    if origins:
        pdf.h3(say(a.lang, "origins"))
        pdf.bullets(origins, size=9.5)


def _pdf_methods(pdf: _PDF, a: Appraisal) -> None:
    lang = a.lang
    for result in a.results.values():
        better = say(lang, "better_note", better=word(lang, result.better))
        settings = "; ".join(f"{k} = {v}" for k, v in result.settings.items())
        pdf.h3(result.label, level=1)
        pdf.note(" · ".join(p for p in (better, settings) if p))
        pdf.para(result.definition, size=9.5)
    pdf.ln(2)
    pdf.note(say(lang, "competition"))


def _pdf_sources(pdf: _PDF, a: Appraisal) -> None:
    if a.case is None or not a.case.sources:
        pdf.note("—")
        return
    for source in a.case.sources:
        pdf.room(20)
        year = f" ({source.year})" if source.year else ""
        pdf.para(f"{source.author or ''}{year}. {source.title}. [{source.id}]", size=9.5,
                 style="B")
        link = source_link(source.url)
        if link:
            pdf.para(f"{say(a.lang, 'url')}: {link}", size=8.5, colour=ACCENT)
        if source.description:
            pdf.para(source.description.get(a.lang), size=8.5, colour=MUTED, height=4.3)
        pdf.ln(2)


def pdf_report(appraisal: Appraisal) -> bytes:
    """The report as a PDF (A4, bookmarks per section, charts as PNG images).

    Needs Chromium for the charts and a Unicode TrueType font (``ExportError`` says how to
    install what is missing).
    """
    a = appraisal
    lang = a.lang
    figures = chart_set(a)
    pdf = _PDF(a)
    _pdf_cover(pdf, a)
    pdf.start_section(say(lang, "summary"), level=0)
    pdf.set_font("Sans", "B", 15)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, say(lang, "summary"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK_RGB)
    pdf.ln(2)
    pdf.bullets(summary(a), size=10.5)
    builders: dict[str, Callable[[], None]] = {
        "options": lambda: _pdf_options(pdf, a),
        "criteria": lambda: _pdf_criteria(pdf, a, figures),
        "performance": lambda: _pdf_performance(pdf, a, figures),
        "results": lambda: _pdf_results(pdf, a, figures),
        "agreement": lambda: _pdf_agreement(pdf, a),
        "sensitivity": lambda: _pdf_sensitivity(pdf, a, figures),
        "scenarios": lambda: _pdf_scenarios(pdf, a, figures),
        "methods": lambda: _pdf_methods(pdf, a),
        "sources": lambda: _pdf_sources(pdf, a),
    }
    for number, key in enumerate(SECTIONS[1:], start=2):
        pdf.add_page()
        pdf.h2(number, say(lang, key))
        builders[key]()
    pdf.ln(6)
    pdf.note(say(lang, "generated", date=a.date.isoformat(), version=a.data_version))
    pdf.note(say(lang, "regenerate"))
    return bytes(pdf.output())


def _pdf_options(pdf: _PDF, a: Appraisal) -> None:
    lang = a.lang
    if a.question:
        pdf.h3(say(lang, "question"))
        for paragraph in paragraphs(a.question):
            pdf.para(paragraph, size=10)
            pdf.ln(2)
        pdf.ln(2)
    for option in a.problem.options:
        pdf.room(22)
        pdf.para(option.name.get(lang), size=10.5, style="B")
        if option.proposed_by:
            pdf.para(f"{say(lang, 'proposed_by')}: {option.proposed_by}", size=8.5,
                     colour=MUTED)
        if option.summary:
            pdf.para(option.summary.get(lang), size=9.5)
        pdf.ln(2.5)
