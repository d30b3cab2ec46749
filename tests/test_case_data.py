"""Integrity of the bundled case data (criteria/, options/, scenarios/, sources/, case.yaml).

Deliberately independent of the engine (mcda.model / mcda.data): only yaml and pathlib, so the
case data is checked on its own terms, including the evidence rules that pydantic cannot see:
every quote must appear verbatim (whitespace-collapsed) in the cited section of its source text;
every number in a unit (years, euros) is flagged as an assumption or quoted with a number; no
passage is quoted for two criteria of one option; every scenario says how it came about.
docs/case-notes.md records why each score is what it is.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASE_FILE = ROOT / "case.yaml"
NOTES_FILE = ROOT / "docs" / "case-notes.md"
CRITERIA_DIR = ROOT / "criteria"
OPTIONS_DIR = ROOT / "options"
SCENARIOS_DIR = ROOT / "scenarios"
SOURCES_DIR = ROOT / "sources"

SLUG = re.compile(r"^[a-z0-9_]+$")
SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

CRITERION_KEYS = {
    "id",
    "name",
    "description",
    "direction",
    "scale",
    "default_weight",
    "optional",
    "scoring_guide",
    "promethee",
}
OPTION_KEYS = {"id", "name", "summary", "proposed_by", "scores"}
SCORE_KEYS = {"value", "range", "rationale", "evidence", "assumption"}
EVIDENCE_KEYS = {"source", "section", "quote"}
SCENARIO_KEYS = {"id", "name", "description", "origin", "weights"}
SOURCE_KEYS = {"id", "title", "author", "year", "file", "url", "description"}
PROMETHEE_NEEDS = {
    "usual": set(),
    "ushape": {"q"},
    "vshape": {"p"},
    "level": {"q", "p"},
    "linear": {"q", "p"},
    "gaussian": {"p"},
}

REQUIRED_CRITERIA = {
    "authority",
    "independence",
    "network_damage",
    "cost",
    "time_to_effect",
    "political_steering",
}
REQUIRED_OPTIONAL_CRITERIA = {"analysis_capacity", "integrality"}
REQUIRED_OPTIONS = {
    "planbureau",
    "nvr",
    "nctv",
    "planbureaus",
    "current_network",
    "security_law",
    "line_2023",
    "abd_package",
    # issue 9: the WRR's own proposal and the assignment's "vergelijkbare instelling"
    "nvr_planbureau",
    "planbureau_function",
}
REQUIRED_SCENARIOS = {"equal", "wrr_2017", "abdtopconsult_2021", "jenv_2023", "cost_conscious"}
ORIGIN_KINDS = {"published", "reconstructed", "illustrative"}
MAX_ITEMS = 50  # the engine's limit on options and criteria (mcda.model.MAX_OPTIONS/MAX_CRITERIA)
SHARED_WORDS = 8  # two quotes sharing a run of this many words cite the same passage
DIGIT = re.compile(r"\d")

# Section headings of the bundled source texts, in the order they occur, as they read after
# whitespace collapsing: (section id as cited in evidence, heading text). Used to check that a
# cited section exists and that the quote actually lies inside it.
SECTION_HEADINGS: dict[str, list[tuple[str, str]]] = {
    "abdtopconsult-2021": [
        ("Voorwoord", "Voorwoord"),
        ("0", "0 Samenvatting"),
        ("1", "1 Inleiding"),
        ("2", "2 Aanleiding"),
        ("3", "3 De opdracht"),
        ("3.1", "3.1 Aanpak"),
        ("4", "4 Ontwikkelingen in het Veiligheidsstelsel sinds 2017"),
        ("4.1", "4.1 Het WRR-rapport"),
        ("4.2", "4.2 De opbouw van het veiligheidsstelsel"),
        ("4.2.1", "4.2.1 De Raad voor Veiligheid en Inlichtingen (RVI)"),
        ("4.2.2", "4.2.2 De Ministeriele Commissie Economie en Veiligheid (MCEV)"),
        ("4.2.3", "4.2.3 De Raad Defensie en Internationale Aangelegenheden (RDIA)"),
        ("4.2.4", "4.2.4 De analisten"),
        ("4.2.5", "4.2.5 De analyseproducten"),
        ("4.2.6", "4.2.6 Huidige ontwikkelingen"),
        ("5", "5 Bevindingen"),
        ("5.1", "5.1 Inleiding"),
        ("5.2", "5.2 Signalering en Analyse"),
        ("5.3", "5.3 Politieke sturing en regie"),
        ("5.4", "5.4 Concluderende bevindingen"),
        ("6", "6 Aanbevelingen"),
        ("Bijlage 1", "Bijlage 1 Beschikbare documenten"),
        ("Bijlage 2", "Bijlage 2 Samenvatting WRR-rapport"),
        ("Bijlage 3", "Bijlage 3 Afkortingen"),
    ],
    "jenv-2023": [
        ("1", "1. Aanleiding"),
        ("2", "2. Geadviseerd besluit"),
        ("3", "3. Kernpunten"),
        ("4.4", "4.4 Krachtenveld"),
        ("4", "4. Toelichting"),
        ("4.1", "4.1 Politieke context"),
        ("4.9", "4.9 Ontwikkelingen hiervoor"),
        ("5", "5. Informatie die niet openbaar gemaakt kan worden"),
    ],
}


# --------------------------------------------------------------------------- helpers


def collapse(text: str) -> str:
    """Collapse every run of whitespace (incl. line breaks) to one space and strip the ends."""
    return re.sub(r"\s+", " ", text).strip()


def load_dir(folder: Path) -> dict[str, dict]:
    docs = {}
    for path in sorted(folder.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            docs[path.stem] = yaml.safe_load(fh)
    return docs


@cache
def criteria() -> dict[str, dict]:
    return load_dir(CRITERIA_DIR)


@cache
def options() -> dict[str, dict]:
    return load_dir(OPTIONS_DIR)


@cache
def scenarios() -> dict[str, dict]:
    return load_dir(SCENARIOS_DIR)


@cache
def sources() -> dict[str, dict]:
    return load_dir(SOURCES_DIR)


@cache
def case() -> dict:
    return yaml.safe_load(CASE_FILE.read_text(encoding="utf-8"))


@cache
def source_text(source_id: str) -> str:
    """The whitespace-collapsed text of a source that has a bundled file."""
    path = SOURCES_DIR / sources()[source_id]["file"]
    return collapse(path.read_text(encoding="utf-8"))


@cache
def section_spans(source_id: str) -> dict[str, tuple[int, int]]:
    """Map section id -> (start, end) offsets in the collapsed text; end = next heading."""
    text = source_text(source_id)
    starts: list[tuple[str, int]] = []
    pos = 0
    for section, heading in SECTION_HEADINGS[source_id]:
        found = text.find(heading, pos)
        if found < 0:
            raise AssertionError(f"{source_id}: heading {heading!r} not found after offset {pos}")
        starts.append((section, found))
        pos = found + len(heading)
    spans = {}
    for i, (section, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        spans[section] = (start, end)
    return spans


def quote_sections(source_id: str, quote: str) -> set[str]:
    """Every section (incl. parent sections) in which the collapsed quote occurs."""
    text = source_text(source_id)
    needle = collapse(quote)
    hits: set[str] = set()
    for match in re.finditer(re.escape(needle), text):
        for section, (start, end) in section_spans(source_id).items():
            if start <= match.start() and match.end() <= end:
                hits.add(section)
                # a quote in 5.4 also counts as being in 5; in 4.2.4 also in 4.2 and 4
                parts = section.split(".")
                hits.update(".".join(parts[:k]) for k in range(1, len(parts)))
    return hits


def all_scores():
    for option_id, option in options().items():
        for criterion_id, score in option["scores"].items():
            yield option_id, criterion_id, score


def all_evidence():
    for option_id, criterion_id, score in all_scores():
        for item in score.get("evidence") or []:
            yield option_id, criterion_id, item


def assert_bilingual(value, where: str) -> None:
    assert isinstance(value, dict), f"{where}: expected a mapping with en and nl"
    assert set(value) == {"en", "nl"}, f"{where}: keys must be exactly en and nl, got {set(value)}"
    for lang in ("en", "nl"):
        assert isinstance(value[lang], str), f"{where}.{lang}: not a string"
        assert value[lang].strip(), f"{where}.{lang}: empty"


def words(quote: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", quote.casefold()))


def same_passage(a: str, b: str) -> bool:
    """Whether two quotes cite the same passage: one holds the other, or they share a run of
    SHARED_WORDS words (the same sentence cut differently is still the same evidence)."""
    short, long_ = sorted((words(a), words(b)), key=len)
    if len(short) < SHARED_WORDS:
        return " ".join(short) in " ".join(long_)
    runs = {long_[i : i + SHARED_WORDS] for i in range(len(long_) - SHARED_WORDS + 1)}
    return any(short[i : i + SHARED_WORDS] in runs for i in range(len(short) - SHARED_WORDS + 1))


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def score_ids() -> list[str]:
    return [f"{o}/{c}" for o, c, _ in all_scores()]


# --------------------------------------------------------------------------- the helpers work


def test_collapse_joins_line_breaks_and_space_runs():
    assert collapse("  een \n\n planbureau\t voor   de\r\nveiligheid ") == (
        "een planbureau voor de veiligheid"
    )


def test_quote_check_finds_quote_across_line_break():
    # In the source this sentence is broken over two lines ("... het ongetwijfeld nog jaren duren
    # voordat een nieuw planbureau voor de\nveiligheid ...").
    quote = "zou het ongetwijfeld nog jaren duren voordat een nieuw planbureau voor de veiligheid"
    assert "5.4" in quote_sections("abdtopconsult-2021", quote)


@pytest.mark.parametrize(
    "altered",
    [
        # one word changed ("jaren" -> "maanden")
        "zou het ongetwijfeld nog maanden duren voordat een nieuw planbureau voor de veiligheid",
        # typographic apostrophe replaced by an ASCII one
        "Zo'n planbureau zou wellicht nog kunnen bijdragen aan een versterking",
        # diacritic dropped
        "nationale geintegreerde periodieke analyses",
        # two separate passages glued together with an ellipsis
        "onvermijdelijk schade zal doen ... aan het netwerk",
    ],
)
def test_quote_check_rejects_non_verbatim_quote(altered):
    assert quote_sections("abdtopconsult-2021", altered) == set()


def test_quote_check_accepts_the_unaltered_originals():
    assert quote_sections(
        "abdtopconsult-2021",
        "Zo’n planbureau zou wellicht nog kunnen bijdragen aan een versterking",
    ) == {"0"}
    assert "0" in quote_sections(
        "abdtopconsult-2021", "nationale geïntegreerde periodieke analyses"
    )


def test_quote_check_rejects_wrong_section():
    # Real quote from §6 (recommendation 4) is not in §5.4.
    hits = quote_sections("abdtopconsult-2021", "Versterk de integrale politieke sturing en regie.")
    assert hits == {"6"}
    assert "5.4" not in hits


def test_same_passage_catches_recut_quotes_and_spares_other_parts_of_a_sentence():
    full = (
        "Daarbij zou het ongetwijfeld nog jaren duren voordat een nieuw planbureau voor de "
        "veiligheid het gezag zou hebben opgebouwd"
    )
    assert same_passage(full, full)
    assert same_passage(full, "nog jaren duren voordat een nieuw planbureau voor de veiligheid")
    assert same_passage("zou het Ongetwijfeld nog jaren   duren", full)  # case and spaces
    # two different parts of one recommendation, sharing fewer than eight words in a row
    assert not same_passage(
        "Ontwerp strategieën die concrete handelingsperspectieven bevatten op basis van "
        "evidence-based scenario’s en kwantitatieve onderbouwing",
        "borg voor deze strategieën een gezaghebbende stem richting politiek en het bredere "
        "publiek.",
    )


@pytest.mark.parametrize("source_id", sorted(SECTION_HEADINGS))
def test_section_headings_found_in_order(source_id):
    spans = section_spans(source_id)
    assert list(spans) == [s for s, _ in SECTION_HEADINGS[source_id]]
    starts = [start for start, _ in spans.values()]
    assert starts == sorted(starts)


# --------------------------------------------------------------------------- files and ids


@pytest.mark.parametrize("folder", [CRITERIA_DIR, OPTIONS_DIR, SCENARIOS_DIR, SOURCES_DIR])
def test_every_yaml_parses_to_a_mapping_whose_id_is_the_file_stem(folder):
    paths = sorted(folder.glob("*.yaml"))
    assert paths, f"no YAML files in {folder}"
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), f"{path.name}: top level is not a mapping"
        assert data.get("id") == path.stem, f"{path.name}: id {data.get('id')!r} != file stem"
    assert not list(folder.glob("*.yml")), f"{folder}: use the .yaml extension"


def test_required_ids_present():
    assert set(criteria()) >= REQUIRED_CRITERIA
    assert set(options()) >= REQUIRED_OPTIONS
    assert set(scenarios()) >= REQUIRED_SCENARIOS
    assert set(sources()) >= {"abdtopconsult-2021", "jenv-2023"}
    optional = {c for c, d in criteria().items() if d["optional"]}
    assert optional >= REQUIRED_OPTIONAL_CRITERIA
    assert not optional & REQUIRED_CRITERIA
    assert len(options()) >= 10
    assert len(options()) <= MAX_ITEMS and len(criteria()) <= MAX_ITEMS


def test_the_wrr_proposal_and_the_comparable_arrangement_are_options():
    # issue 9: the WRR's actual 2017 proposal (a planbureau supporting a security council) and
    # the assignment's "planbureau voor de veiligheid of vergelijkbare instelling" (a
    # planning-bureau function inside an existing body) are options of their own
    wrr = options()["nvr_planbureau"]
    assert "WRR" in wrr["proposed_by"]
    assert "Veiligheidsraad" in wrr["summary"]["nl"] and "Planbureau" in wrr["summary"]["nl"]
    function = options()["planbureau_function"]
    assert "vergelijkbare instelling" in function["summary"]["nl"]
    assert "vergelijkbare instelling" in source_text("abdtopconsult-2021")
    for oid in ("nvr_planbureau", "planbureau_function"):
        assert set(options()[oid]["scores"]) == set(criteria())


def test_ids_are_slugs():
    for group in (criteria(), options(), scenarios()):
        for cid in group:
            assert SLUG.match(cid), f"{cid!r} is not a lowercase slug"
    for sid in sources():
        assert SOURCE_ID.match(sid), f"source id {sid!r} is not a lowercase slug"


# --------------------------------------------------------------------------- criteria


@pytest.mark.parametrize("cid", sorted(load_dir(CRITERIA_DIR)))
def test_criterion_schema(cid):
    c = criteria()[cid]
    assert set(c) <= CRITERION_KEYS, f"{cid}: unknown keys {set(c) - CRITERION_KEYS}"
    assert set(c) >= CRITERION_KEYS - {"promethee"}, f"{cid}: missing {CRITERION_KEYS - set(c)}"
    assert_bilingual(c["name"], f"{cid}.name")
    assert_bilingual(c["description"], f"{cid}.description")
    assert c["direction"] in {"benefit", "cost"}
    assert isinstance(c["optional"], bool)
    assert is_number(c["default_weight"]) and c["default_weight"] >= 0

    scale = c["scale"]
    assert scale["kind"] in {"rating", "quantity"}
    if scale["kind"] == "quantity":
        assert set(scale) == {"kind", "unit", "min", "max"}
        assert isinstance(scale["unit"], str) and scale["unit"].strip()
    else:
        assert set(scale) == {"kind", "min", "max"}
    assert is_number(scale["min"]) and is_number(scale["max"]) and scale["min"] < scale["max"]

    guide = c["scoring_guide"]
    assert isinstance(guide, dict) and len(guide) >= 3, f"{cid}: needs >= 3 scoring anchors"
    for key, text in guide.items():
        assert is_number(key), f"{cid}: scoring_guide key {key!r} is not a number"
        assert scale["min"] <= key <= scale["max"], f"{cid}: anchor {key} outside scale"
        assert_bilingual(text, f"{cid}.scoring_guide[{key}]")
    assert min(guide) == scale["min"] and max(guide) == scale["max"], (
        f"{cid}: the scoring guide should anchor both ends of the scale"
    )

    if "promethee" in c:
        pf = c["promethee"]
        needs = PROMETHEE_NEEDS[pf["function"]]
        assert set(pf) == {"function"} | needs, f"{cid}: promethee {pf} needs exactly {needs}"
        span = scale["max"] - scale["min"]
        for t in needs:
            assert is_number(pf[t]) and 0 <= pf[t] <= span, f"{cid}: threshold {t} out of range"
        if {"q", "p"} <= needs:
            assert pf["q"] < pf["p"], f"{cid}: need q < p"


def test_core_criteria_directions_and_units():
    c = criteria()
    assert c["authority"]["direction"] == "benefit"
    assert c["independence"]["direction"] == "benefit"
    assert c["network_damage"]["direction"] == "cost"
    assert c["cost"]["direction"] == "cost"
    assert c["time_to_effect"]["direction"] == "cost"
    assert c["cost"]["scale"]["unit"] == "M EUR/yr"
    assert c["time_to_effect"]["scale"]["unit"] == "years"
    for cid in ("political_steering", "analysis_capacity", "integrality"):
        assert c[cid]["direction"] == "benefit"
    assert c["political_steering"]["optional"] is False, "issue 9: a core criterion"
    # "sturing en regie" is rendered as steering and direction, not as "follow-up"
    assert c["political_steering"]["name"]["nl"] == "Politieke sturing en regie"
    assert "regie" in c["political_steering"]["name"]["en"]
    assert "follow-up" not in c["political_steering"]["name"]["en"].lower()
    assert sum(d["default_weight"] for d in c.values() if not d["optional"]) > 0


def test_quantity_criteria_have_thresholds_in_their_unit():
    for cid, c in criteria().items():
        if c["scale"]["kind"] == "quantity":
            assert c.get("promethee", {}).get("function") in {"linear", "level", "vshape"}, cid


# --------------------------------------------------------------------------- options and scores


@pytest.mark.parametrize("oid", sorted(load_dir(OPTIONS_DIR)))
def test_option_schema_and_full_coverage(oid):
    o = options()[oid]
    assert set(o) == OPTION_KEYS, f"{oid}: keys {set(o) ^ OPTION_KEYS} wrong"
    assert_bilingual(o["name"], f"{oid}.name")
    assert_bilingual(o["summary"], f"{oid}.summary")
    assert isinstance(o["proposed_by"], str) and o["proposed_by"].strip()
    scored = set(o["scores"])
    assert scored == set(criteria()), (
        f"{oid}: missing {set(criteria()) - scored}, unknown {scored - set(criteria())}"
    )


@pytest.mark.parametrize("key", score_ids())
def test_score(key):
    oid, cid = key.split("/")
    assert cid in criteria(), f"{key}: scores an unknown criterion {cid!r}"
    s = options()[oid]["scores"][cid]
    scale = criteria()[cid]["scale"]
    assert set(s) <= SCORE_KEYS and {"value", "range", "rationale", "assumption"} <= set(s), (
        f"{key}: keys {set(s)}"
    )
    value, rng = s["value"], s["range"]
    assert is_number(value)
    assert isinstance(rng, list) and len(rng) == 2 and all(is_number(x) for x in rng)
    low, high = rng
    assert scale["min"] <= low <= value <= high <= scale["max"], (
        f"{key}: need {scale['min']} <= {low} <= {value} <= {high} <= {scale['max']}"
    )
    assert low < high, f"{key}: a range should express some uncertainty"
    assert_bilingual(s["rationale"], f"{key}.rationale")
    assert isinstance(s["assumption"], bool)
    evidence = s.get("evidence") or []
    assert isinstance(evidence, list)
    if not s["assumption"]:
        assert evidence, f"{key}: no evidence, so it must be marked assumption: true"
    else:
        width = high - low
        if scale["kind"] == "rating":
            span = scale["max"] - scale["min"]
            assert width >= 0.2 * span, f"{key}: assumption range should span >= 20% of scale"
        else:
            assert width >= max(value, 0.05 * (scale["max"] - scale["min"])), (
                f"{key}: assumption range should be at least as wide as the value"
            )


def test_every_cost_score_is_an_assumption_and_says_so():
    for oid, option in options().items():
        s = option["scores"]["cost"]
        assert s["assumption"] is True, f"{oid}: cost is never estimated in the sources"
        assert "assum" in s["rationale"]["en"].lower(), f"{oid}: en rationale must say assumption"
        assert "aanname" in s["rationale"]["nl"].lower(), f"{oid}: nl rationale must say aanname"


def test_every_time_score_is_an_assumption():
    # no source gives a number of years ("jaren" is not a number)
    for oid, option in options().items():
        s = option["scores"]["time_to_effect"]
        assert s["assumption"] is True, f"{oid}: no source states a number of years"


def test_every_number_in_a_unit_is_flagged_or_quoted_with_a_number():
    # issue 9: a score in years or euros that no quote states (with a digit) is an assumption
    quantity = [cid for cid, c in criteria().items() if c["scale"]["kind"] == "quantity"]
    assert {"cost", "time_to_effect"} <= set(quantity)
    for oid, cid, score in all_scores():
        if cid not in quantity:
            continue
        quoted = any(DIGIT.search(item.get("quote") or "") for item in score.get("evidence") or [])
        assert score["assumption"] is True or quoted, (
            f"{oid}/{cid}: the number {score['value']} is neither flagged nor quoted"
        )


def test_no_passage_is_quoted_for_two_criteria_of_one_option():
    # issue 9: the same quote must not justify two criteria of one option (double counting)
    for oid, option in options().items():
        cited = [
            (cid, item["quote"])
            for cid, score in option["scores"].items()
            for item in score.get("evidence") or []
            if item.get("quote")
        ]
        for i, (cid_a, quote_a) in enumerate(cited):
            for cid_b, quote_b in cited[i + 1 :]:
                if cid_a != cid_b:
                    assert not same_passage(quote_a, quote_b), (
                        f"{oid}: {cid_a} and {cid_b} cite the same passage: {quote_a!r}"
                    )


def test_cost_and_time_share_one_baseline_and_decision_point():
    # issue 9: one baseline for every option, stated in the cost criterion; the NVR is not free
    # for line_2023 when it costs money for nvr
    cost = criteria()["cost"]["description"]
    assert "baseline" in cost["en"] and "current_network" in cost["en"]
    assert "2021" in cost["en"] and "2021" in cost["nl"]
    assert "line_2023" in cost["en"]
    assert "decision point" in criteria()["time_to_effect"]["description"]["en"]
    base = options()["current_network"]["scores"]
    assert base["time_to_effect"]["value"] == 0
    nvr_cost = options()["nvr"]["scores"]["cost"]
    line_cost = options()["line_2023"]["scores"]["cost"]
    assert line_cost["value"] > 0 and line_cost["range"][0] >= nvr_cost["range"][0]
    assert "already exists" not in line_cost["rationale"]["en"].replace('"the NVR already '
                                                                         'exists"', "")


def test_network_damage_is_non_financial():
    # issue 9: money drawn from the network belongs to cost, not to network damage
    nd = criteria()["network_damage"]
    assert "non-financial" in nd["name"]["en"].lower()
    assert "Does not count money" in nd["description"]["en"]
    for guide in nd["scoring_guide"].values():
        assert "money" not in guide["en"].lower(), guide["en"]
    for oid, option in options().items():
        for item in option["scores"]["network_damage"].get("evidence") or []:
            quote = item.get("quote") or ""
            assert "kosten" not in quote and "geld" not in quote, (oid, quote)


def test_criterion_definitions_say_what_they_do_not_count():
    for cid, c in criteria().items():
        if cid == "cost":
            continue
        assert "not count" in c["description"]["en"], f"{cid}: say what it does not count"
        assert re.search(r"Telt (niet|geen)", c["description"]["nl"]), cid


def test_assumption_ranges_wider_than_evidence_ranges_per_criterion():
    for cid, c in criteria().items():
        span = c["scale"]["max"] - c["scale"]["min"]
        widths = {True: [], False: []}
        for _oid, ccid, s in all_scores():
            if ccid == cid:
                widths[s["assumption"]].append((s["range"][1] - s["range"][0]) / span)
        if widths[True] and widths[False]:
            mean_a = sum(widths[True]) / len(widths[True])
            mean_e = sum(widths[False]) / len(widths[False])
            assert mean_a >= mean_e, f"{cid}: assumption ranges narrower than evidence ranges"


def test_baseline_causes_no_damage_and_no_cost():
    base = options()["current_network"]["scores"]
    assert base["network_damage"]["value"] == 0
    assert base["cost"]["value"] == 0


# --------------------------------------------------------------------------- evidence


def test_every_evidence_source_is_registered():
    for oid, cid, item in all_evidence():
        assert item["source"] in sources(), f"{oid}/{cid}: unknown source {item['source']!r}"


@pytest.mark.parametrize("sid", sorted(load_dir(SOURCES_DIR)))
def test_source_schema(sid):
    s = sources()[sid]
    assert set(s) <= SOURCE_KEYS, f"{sid}: unknown keys {set(s) - SOURCE_KEYS}"
    assert {"id", "title", "author", "year", "description"} <= set(s)
    assert isinstance(s["year"], int)
    assert_bilingual(s["description"], f"{sid}.description")
    assert "file" in s or "url" in s, f"{sid}: needs a file or a url"
    if "file" in s:
        path = SOURCES_DIR / s["file"]
        assert path.is_file(), f"{sid}: file {s['file']} does not exist"
        assert sid in SECTION_HEADINGS, f"{sid}: add its section headings to this test"


def test_evidence_items():
    checked = 0
    for oid, cid, item in all_evidence():
        where = f"{oid}/{cid} [{item.get('source')} §{item.get('section')}]"
        assert set(item) <= EVIDENCE_KEYS and {"source", "section"} <= set(item), where
        assert isinstance(item["section"], str) and item["section"].strip(), where
        source = sources()[item["source"]]
        if "file" not in source:
            assert "quote" not in item, f"{where}: quotes only for sources with a bundled text"
            continue
        assert "quote" in item, f"{where}: evidence from a bundled text needs a quote"
        quote = item["quote"]
        assert "..." not in quote and "…" not in quote, f"{where}: no ellipsis inside a quote"
        words = len(collapse(quote).split(" "))
        assert 5 <= words <= 40, f"{where}: quote has {words} words, keep it to 5-40"
        known = [s for s, _ in SECTION_HEADINGS[item["source"]]]
        assert item["section"] in known, f"{where}: no section {item['section']!r} in source"
        hits = quote_sections(item["source"], quote)
        assert hits, f"{where}: quote not found verbatim in the source: {quote!r}"
        assert item["section"] in hits, f"{where}: quote is in §{sorted(hits)}, not the cited one"
        checked += 1
    assert checked >= 30, "the bundled case should carry substantial quoted evidence"


def test_both_source_texts_are_cited():
    cited = {item["source"] for _, _, item in all_evidence()}
    assert {"abdtopconsult-2021", "jenv-2023"} <= cited


# --------------------------------------------------------------------------- scenarios


@pytest.mark.parametrize("sid", sorted(load_dir(SCENARIOS_DIR)))
def test_scenario(sid):
    s = scenarios()[sid]
    assert set(s) == SCENARIO_KEYS, f"{sid}: keys {set(s) ^ SCENARIO_KEYS} wrong"
    assert_bilingual(s["name"], f"{sid}.name")
    assert_bilingual(s["description"], f"{sid}.description")
    origin = s["origin"]
    assert isinstance(origin, dict) and set(origin) == {"kind", "text"}, (
        f"{sid}: origin must be {{kind, text}}, not a plain string"
    )
    assert origin["kind"] in ORIGIN_KINDS, f"{sid}: origin kind {origin['kind']!r}"
    assert_bilingual(origin["text"], f"{sid}.origin.text")
    for lang in ("en", "nl"):
        assert len(origin["text"][lang]) <= 200 and "\n" not in origin["text"][lang]
    weights = s["weights"]
    assert isinstance(weights, dict) and weights, f"{sid}: no weights"
    unknown = set(weights) - set(criteria())
    assert not unknown, f"{sid}: unknown criteria {unknown}"
    for cid, w in weights.items():
        assert is_number(w) and w >= 0, f"{sid}: weight of {cid} must be a non-negative number"
    assert sum(weights.values()) > 0


def test_equal_scenario_weighs_every_criterion_equally():
    weights = scenarios()["equal"]["weights"]
    assert set(weights) == set(criteria())
    assert len(set(weights.values())) == 1


def test_scenario_provenance_kinds():
    # issue 9: only a document that states weights is "published"; none of the bundled sources
    # does, so the document perspectives are reconstructed and the others illustrative
    kinds = {sid: s["origin"]["kind"] for sid, s in scenarios().items()}
    assert "published" not in kinds.values()
    for sid in ("wrr_2017", "abdtopconsult_2021", "jenv_2023"):
        assert kinds[sid] == "reconstructed", sid
    for sid in ("equal", "cost_conscious"):
        assert kinds[sid] == "illustrative", sid


def test_political_steering_is_weighed_in_every_document_perspective():
    for sid in ("wrr_2017", "abdtopconsult_2021", "jenv_2023", "cost_conscious", "equal"):
        assert scenarios()[sid]["weights"].get("political_steering", 0) > 0, sid


def test_perspectives_differ_where_the_documents_differ():
    wrr = scenarios()["wrr_2017"]["weights"]
    abd = scenarios()["abdtopconsult_2021"]["weights"]

    def share(weights, cid):
        return weights.get(cid, 0) / sum(weights.values())

    # the WRR's headline is an integral approach; ABDTOPConsult's objection is network damage
    assert share(wrr, "integrality") > share(abd, "integrality")
    assert share(abd, "network_damage") > share(wrr, "network_damage")
    # ABDTOPConsult: the need for a link with politics is "even groot, zo niet groter" than in 2017
    assert share(abd, "political_steering") > share(wrr, "political_steering")
    # the WRR's diagnosis was a weak link to politics: political steering is not near its bottom
    ordered = sorted(wrr.values(), reverse=True)
    assert wrr["political_steering"] >= ordered[len(ordered) // 2 - 1]
    # "independent" is not in the summaries of the WRR report: not its heaviest criterion
    assert share(wrr, "independence") < max(share(wrr, c) for c in wrr)
    cost = scenarios()["cost_conscious"]["weights"]
    assert share(cost, "cost") == max(share(cost, c) for c in cost)


# --------------------------------------------------------------------------- case.yaml


def test_case_file_has_bilingual_title_question_and_default_origin():
    data = case()
    assert_bilingual(data["title"], "case.title")
    assert_bilingual(data["question"], "case.question")
    origin = data["default_origin"]
    assert set(origin) == {"kind", "text"} and origin["kind"] in ORIGIN_KINDS
    assert_bilingual(origin["text"], "case.default_origin.text")


def test_default_weights_match_their_stated_origin():
    # case.yaml says: equal weights on the core criteria (rationale in docs/case-notes.md)
    core = {cid: c["default_weight"] for cid, c in criteria().items() if not c["optional"]}
    assert set(core) == REQUIRED_CRITERIA
    assert len(set(core.values())) == 1 and next(iter(core.values())) > 0
    assert "equal" in case()["default_origin"]["text"]["en"].lower()
    assert "default weights" in NOTES_FILE.read_text(encoding="utf-8").lower()


def test_case_order_lists_every_criterion_and_option():
    order = case()["order"]
    assert sorted(order["criteria"]) == sorted(criteria())
    assert sorted(order["options"]) == sorted(options())


def test_attributions_in_the_case_question():
    # issue 9: "in de ogen van velen vrijwel onvermijdelijk" is not shortened to "inevitably",
    # and the 2023 document is a civil-service note with a draft letter, not the cabinet's line
    question = case()["question"]
    phrase = "in de ogen van velen vrijwel onvermijdelijk"
    assert phrase in source_text("abdtopconsult-2021")
    assert phrase in question["nl"]
    assert "in the eyes of many, almost inevitably" in question["en"]
    assert '"inevitably"' not in question["en"] and '"onvermijdelijk"' not in question["nl"]
    assert "draft letter" in question["en"] and "concept-Kamerbrief" in question["nl"]
    assert "civil-service note" in question["en"] and "ambtelijke nota" in question["nl"]
    jenv = sources()["jenv-2023"]["description"]
    assert "draft" in jenv["en"] and "civil-service" in jenv["en"]
    assert "concept-Kamerbrief" in jenv["nl"] and "ambtelijk" in jenv["nl"]
    assert "draft letter" in options()["line_2023"]["proposed_by"]
    for where in (question["en"], sources()["abdtopconsult-2021"]["description"]["en"]):
        assert "NCTV" in where


def test_case_notes_record_every_option_and_criterion():
    notes = NOTES_FILE.read_text(encoding="utf-8")
    for oid in options():
        assert f"`{oid}`" in notes, f"docs/case-notes.md does not discuss option {oid}"
    for cid in criteria():
        assert f"`{cid}`" in notes, f"docs/case-notes.md does not define criterion {cid}"
    for sid in scenarios():
        assert f"`{sid}`" in notes, f"docs/case-notes.md does not give the provenance of {sid}"
