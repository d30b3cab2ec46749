"""Every string of the workbench's interface in English and Dutch: ``t(key, **values)``.

The language is ``st.session_state["lang"]`` (a non-widget key that the workshop pages read too).
Strings may contain markdown; values filled in from data must be escaped by the caller
(``ui.widgets.md``). A missing key is a ``KeyError``, so a test catches it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}

STRINGS: dict[str, tuple[str, str]] = {
    # navigation and pages
    "nav_appraisal": ("Appraisal", "Afweging"),
    "nav_workshop": ("Workshop", "Workshop"),
    "page_start": ("Start", "Start"),
    "page_criteria": ("Criteria and weights", "Criteria en gewichten"),
    "page_options": ("Options and scores", "Opties en scores"),
    "page_results": ("Results", "Resultaten"),
    "page_sensitivity": ("Sensitivity", "Gevoeligheid"),
    "page_scenarios": ("Scenarios", "Scenario's"),
    "page_export": ("Export", "Exporteren"),
    # general words
    "option": ("Option", "Optie"),
    "criterion": ("Criterion", "Criterium"),
    "method": ("Method", "Methode"),
    "scenario": ("Scenario", "Scenario"),
    "data_version": ("Data version", "Dataversie"),
    "custom_weights": ("custom weights", "eigen gewichten"),
    "default_weights": ("default weights of the case", "standaardgewichten van de casus"),
    "score": ("Score", "Score"),
    "scale": ("Scale", "Schaal"),
    "meaning": ("Meaning", "Betekenis"),
    "benefit": ("higher is better", "hoger is beter"),
    "cost": ("lower is better", "lager is beter"),
    "higher": ("higher", "hoger"),
    "lower": ("lower", "lager"),
    "is_better": ("is better", "is beter"),
    "observed_range": ("observed range", "waargenomen bereik"),
    "scoring_guide": ("Scoring guide", "Scoringswijzer"),
    "rationale": ("Rationale", "Onderbouwing"),
    "evidence": ("Source", "Bron"),
    "settings": ("Settings", "Instellingen"),
    "none": ("none", "geen"),
    "about": ("About this perspective", "Over dit perspectief"),
    "proposed_by": ("Proposed by", "Voorgesteld door"),
    "nothing": ("nothing", "niets"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "apply": ("Apply these weights", "Deze gewichten toepassen"),
    "save": ("Save", "Opslaan"),
    "load": ("Load", "Laden"),
    "delete": ("Delete", "Verwijderen"),
    "add": ("Add", "Toevoegen"),
    "active": ("active", "actief"),
    "inactive": ("not used", "niet gebruikt"),
    "problem_invalid": ("The appraisal cannot be ranked as it is now:",
                        "De afweging kan zo niet worden gerangschikt:"),
    "load_failed": ("Nothing was loaded; the previous data stay in use. Problems found:",
                    "Er is niets geladen; de vorige gegevens blijven in gebruik. Gevonden "
                    "problemen:"),
    "name_required": ("Please give a name.", "Geef een naam op."),
    "name_too_long": ("A name can have at most 100 characters.",
                      "Een naam mag hoogstens 100 tekens lang zijn."),
    "not_a_number": ("'{value}' is not a number: nothing was changed.",
                     "'{value}' is geen getal: er is niets veranderd."),
    "outside_scale": ("{value} lies outside the scale of {name} ({lo} to {hi}): nothing was "
                      "changed.",
                      "{value} ligt buiten de schaal van {name} ({lo} tot {hi}): er is niets "
                      "veranderd."),
    "origin_session": ("saved in this session", "opgeslagen in deze sessie"),
    "bundled_case": ("the bundled case", "de meegeleverde casus"),
    # start
    "how_to_use": ("How to use this workbench", "Zo gebruikt u deze werkbank"),
    "step_1": ("**Start**: read the question and the sources, or load your own data below.",
               "**Start**: lees de vraag en de bronnen, of laad hieronder uw eigen gegevens."),
    "step_2": ("**Criteria and weights**: choose the criteria and weigh them (sliders, points, "
               "swing, ranking or AHP).",
               "**Criteria en gewichten**: kies de criteria en weeg ze (schuifjes, punten, swing, "
               "rangorde of AHP)."),
    "step_3": ("**Options and scores**: check each score's evidence; edit scores or add options.",
               "**Opties en scores**: bekijk het bewijs per score; pas scores aan of voeg opties "
               "toe."),
    "step_4": ("**Results**: the ranking by five methods, their consensus, and why the winner "
               "wins.",
               "**Resultaten**: de rangorde volgens vijf methoden, hun consensus en waarom de "
               "winnaar wint."),
    "step_5": ("**Sensitivity**: how far the weights can move before the ranking changes.",
               "**Gevoeligheid**: hoe ver de gewichten kunnen verschuiven voordat de rangorde "
               "verandert."),
    "step_6": ("**Scenarios**: save weightings, load the perspectives of the sources, compare.",
               "**Scenario's**: bewaar wegingen, laad de perspectieven uit de bronnen, vergelijk."),
    "step_7": ("Your choices are kept while you move between pages. Switch the language in the "
               "sidebar.",
               "Uw keuzes blijven bewaard als u tussen pagina's wisselt. Wissel van taal in de "
               "zijbalk."),
    "sources": ("Sources", "Bronnen"),
    "weights_origin_title": ("Where the weights come from", "Waar de gewichten vandaan komen"),
    "default_weights_label": ("Default weights", "Standaardgewichten"),
    "origin_kinds_help": ("Published: weights a document states. Reconstructed: inferred by the "
                          "analyst from a document's arguments. Illustrative: a point of view "
                          "to compare with, not from a document.",
                          "Gepubliceerd: gewichten die een document noemt. Gereconstrueerd: door "
                          "de analist afgeleid uit de argumenten van een document. Illustratief: "
                          "een gezichtspunt om mee te vergelijken, niet uit een document."),
    "no_sources": ("This data set names no sources.", "Deze gegevens noemen geen bronnen."),
    "data": ("Data", "Gegevens"),
    "loaded_from": ("In use: {source} ({options} options, {criteria} criteria).",
                    "In gebruik: {source} ({options} opties, {criteria} criteria)."),
    "loaded_ok": ("Loaded: {title}", "Geladen: {title}"),
    "tab_bundled": ("Bundled case", "Meegeleverde casus"),
    "tab_folder": ("Data folder", "Gegevensmap"),
    "tab_spreadsheet": ("Spreadsheet", "Spreadsheet"),
    "bundled_help": ("The Dutch case on a Planbureau voor de Veiligheid, with evidence from the "
                     "sources. Loading it discards your changes.",
                     "De Nederlandse casus over een Planbureau voor de Veiligheid, met bewijs uit "
                     "de bronnen. Laden gooit uw wijzigingen weg."),
    "load_bundled": ("Load the bundled case", "Meegeleverde casus laden"),
    "folder_help": ("A case folder on the server, with criteria/, options/, scenarios/ and "
                    "sources/ (YAML files), inside the folders the operator allows.",
                    "Een casusmap op de server, met criteria/, options/, scenarios/ en sources/ "
                    "(YAML-bestanden), binnen de mappen die de beheerder toestaat."),
    "folder_path": ("Or type its path (absolute, or relative to an allowed folder)",
                    "Of typ het pad (absoluut, of ten opzichte van een toegestane map)"),
    "folder_required": ("Choose a case folder or type its path first.",
                        "Kies eerst een casusmap of typ het pad."),
    "load_folder": ("Load folder", "Map laden"),
    "load_path": ("Load this path", "Dit pad laden"),
    "folder_pick": ("Case folder", "Casusmap"),
    "folder_pick_placeholder": ("Choose a case folder", "Kies een casusmap"),
    "folder_none": ("No case folders (with criteria/ and options/) were found in the allowed "
                    "folders.",
                    "In de toegestane mappen zijn geen casusmappen (met criteria/ en options/) "
                    "gevonden."),
    "folder_refused": ("This path cannot be loaded: it is not a case folder (with criteria/ and "
                       "options/) inside the folders the operator allows.",
                       "Dit pad kan niet worden geladen: het is geen casusmap (met criteria/ en "
                       "options/) binnen de mappen die de beheerder toestaat."),
    "folder_disabled": ("Loading data folders from the server is switched off. The operator can "
                        "allow folders with the `MCDA_DATA_ROOTS` setting.",
                        "Gegevensmappen van de server laden staat uit. De beheerder kan mappen "
                        "toestaan met de instelling `MCDA_DATA_ROOTS`."),
    "sheet_of": ("{name} has several sheets: which one?",
                 "{name} heeft meerdere werkbladen: welk?"),
    "sheet_choose": ("Choose a sheet", "Kies een werkblad"),
    "file_unreadable": ("{name}: the file could not be read (an unexpected problem, recorded on "
                        "the server). Nothing was loaded.",
                        "{name}: het bestand kon niet worden gelezen (een onverwacht probleem, "
                        "vastgelegd op de server). Er is niets geladen."),
    "more_problems": ("... and {n} more", "... en nog {n}"),
    "page_failed": ("Something went wrong on this page. The error has been recorded on the "
                    "server; your data are kept. Try again, or go to another page.",
                    "Er ging iets mis op deze pagina. De fout is op de server vastgelegd; uw "
                    "gegevens blijven bewaard. Probeer het opnieuw, of ga naar een andere "
                    "pagina."),
    "spreadsheet_help": ("A matrix file (column `option`, one column per criterion id) and a "
                         "criteria file (columns `id`, `direction`, `weight`; optional `name`, "
                         "`unit`, `min`, `max`). CSV with , or ; (decimal comma allowed) or XLSX, "
                         "at most 5 MB each.",
                         "Een matrixbestand (kolom `option`, een kolom per criterium-id) en een "
                         "criteriabestand (kolommen `id`, `direction`, `weight`; optioneel "
                         "`name`, `unit`, `min`, `max`). CSV met , of ; (decimale komma mag) of "
                         "XLSX, elk hoogstens 5 MB."),
    "matrix_file": ("Matrix file", "Matrixbestand"),
    "criteria_file": ("Criteria file", "Criteriabestand"),
    "load_spreadsheet": ("Load spreadsheet", "Spreadsheet laden"),
    "two_files_needed": ("Choose both a matrix file and a criteria file first.",
                         "Kies eerst zowel een matrixbestand als een criteriabestand."),
    "templates": ("Templates to start from:", "Sjablonen om mee te beginnen:"),
    # criteria and weights
    "criteria_intro": ("Which criteria count, and how much? The weights say how much a swing "
                       "from the worst to the best score on one criterion is worth compared with "
                       "the others.",
                       "Welke criteria tellen mee, en hoe zwaar? De gewichten zeggen hoeveel een "
                       "sprong van de slechtste naar de beste score op een criterium waard is "
                       "vergeleken met de andere."),
    "active_criteria": ("Criteria in use", "Gebruikte criteria"),
    "optional_help": ("An optional criterion: switch it on to include it.",
                      "Een optioneel criterium: zet het aan om het mee te nemen."),
    "required_help": ("A core criterion of the case: always included.",
                      "Een kerncriterium van de casus: altijd meegenomen."),
    "required_note": ("Core criteria of the case are always in use (greyed out); switch the "
                      "optional ones on or off.",
                      "Kerncriteria van de casus zijn altijd in gebruik (grijs); zet de "
                      "optionele aan of uit."),
    "no_active": ("No criterion is in use.", "Er is geen criterium in gebruik."),
    "weighting": ("Weighting", "Weging"),
    "weighting_method": ("How do you want to weigh?", "Hoe wilt u wegen?"),
    "wm_direct": ("Sliders", "Schuifjes"),
    "wm_points": ("Points", "Punten"),
    "wm_swing": ("Swing", "Swing"),
    "wm_ranking": ("Ranking", "Rangorde"),
    "wm_ahp": ("AHP pairs", "AHP-paren"),
    "direct_help": ("Give each criterion 0 to 100 points; the weights are the shares of the total.",
                    "Geef elk criterium 0 tot 100 punten; de gewichten zijn de aandelen in het "
                    "totaal."),
    "points_help": ("Share exactly 100 points over the criteria.",
                    "Verdeel precies 100 punten over de criteria."),
    "points_total": ("Points given", "Gegeven punten"),
    "swing_help": ("Imagine every criterion at its worst score. Which single move to the best "
                   "score matters most? Give it 100, and each other move a number from 0 to 100 "
                   "relative to it.",
                   "Stel u elk criterium voor op zijn slechtste score. Welke ene sprong naar de "
                   "beste score telt het zwaarst? Geef die 100, en elke andere sprong een getal "
                   "van 0 tot 100 in verhouding daartoe."),
    "ranking_help": ("Rank the criteria, 1 = most important (equal numbers for ties); the weights "
                     "follow from the ranks.",
                     "Zet de criteria in volgorde, 1 = belangrijkst (gelijke nummers bij "
                     "gelijkspel); de gewichten volgen uit de rangen."),
    "rank_rule": ("Weights from ranks", "Gewichten uit rangen"),
    "roc": ("Rank-order centroid", "Rank-order centroid"),
    "rank_sum": ("Rank sum", "Rangsom"),
    "ahp_help": ("For each pair: how many times more important is the left criterion than the "
                 "right one (9 : 1) or the other way round (1 : 9)? Saaty's 1-9 scale.",
                 "Per paar: hoeveel keer belangrijker is het linker criterium dan het rechter "
                 "(9 : 1) of andersom (1 : 9)? Saaty's schaal van 1 tot 9."),
    "ahp_pair": ("{a} vs {b}", "{a} t.o.v. {b}"),
    "ahp_ci": ("Consistency index", "Consistentie-index"),
    "ahp_cr": ("Consistency ratio", "Consistentieratio"),
    "ahp_consistent": ("Consistent enough: CR = {cr} (at most 0.10 is acceptable).",
                       "Consistent genoeg: CR = {cr} (hoogstens 0,10 is aanvaardbaar)."),
    "ahp_inconsistent": ("Inconsistent: CR = {cr} is above 0.10. Revisit the judgements.",
                         "Inconsistent: CR = {cr} is hoger dan 0,10. Bekijk de oordelen opnieuw."),
    "ahp_most_inconsistent": ("Least consistent judgement: {a} vs {b} = {value}; the other "
                              "judgements suggest about {suggested} : 1.",
                              "Minst consistente oordeel: {a} t.o.v. {b} = {value}; de andere "
                              "oordelen wijzen op ongeveer {suggested} : 1."),
    "ahp_ri_note": ("Weights: principal eigenvector; CR with Saaty's random index.",
                    "Gewichten: hoofdeigenvector; CR met Saaty's random index."),
    "weights_applied": ("The new weights are in use.", "De nieuwe gewichten zijn in gebruik."),
    "current_weights": ("Current weights", "Huidige gewichten"),
    "weights_note": ("Weighting: {scenario}. Every page uses these weights.",
                     "Weging: {scenario}. Elke pagina gebruikt deze gewichten."),
    "criteria_details": ("What each criterion means", "Wat elk criterium betekent"),
    # options and scores
    "options_intro": ("The options and how they score. Select a cell to see its evidence; edits "
                      "are marked ✎ and can be undone.",
                      "De opties en hun scores. Kies een cel om het bewijs te zien; wijzigingen "
                      "zijn gemarkeerd met ✎ en kunnen worden teruggedraaid."),
    "options_included": ("Options included", "Meegenomen opties"),
    "two_options_needed": ("At least two options are needed for a ranking.",
                           "Voor een rangorde zijn minstens twee opties nodig."),
    "performance_table": ("Performance table", "Prestatietabel"),
    "table_legend": ("value (plausible range) · ᴬ assumption, no source gives the number · ✎ "
                     "changed from the loaded data · ↑ higher is better, ↓ lower is better",
                     "waarde (plausibel bereik) · ᴬ aanname, geen bron noemt het getal · ✎ "
                     "gewijzigd ten opzichte van de geladen gegevens · ↑ hoger is beter, ↓ lager "
                     "is beter"),
    "score_details": ("Score, evidence and edit", "Score, bewijs en wijzigen"),
    "range_of": ("(plausible range {low} to {high})", "(plausibel bereik {low} tot {high})"),
    "changed_from": ("Changed by you; the loaded data say {value}.",
                     "Door u gewijzigd; de geladen gegevens zeggen {value}."),
    "changed_added": ("Changed by you.", "Door u gewijzigd."),
    "assumption_note": ("An assumption: no source gives this number.",
                        "Een aanname: geen bron noemt dit getal."),
    "no_evidence": ("No source is cited for this score.", "Voor deze score wordt geen bron "
                    "genoemd."),
    "edit_score": ("Edit this score", "Deze score wijzigen"),
    "new_value": ("New value ({lo} to {hi})", "Nieuwe waarde ({lo} tot {hi})"),
    "apply_edit": ("Apply", "Toepassen"),
    "edit_applied": ("Score changed: {option}, {criterion}.",
                     "Score gewijzigd: {option}, {criterion}."),
    "reset_option": ("Undo for this option", "Terugdraaien voor deze optie"),
    "reset_all": ("Undo all edits", "Alles terugdraaien"),
    "add_option": ("Add an option", "Een optie toevoegen"),
    "add_option_help": ("A new option starts at the middle of every scale, marked as an "
                        "assumption; then edit its scores above.",
                        "Een nieuwe optie begint in het midden van elke schaal, gemarkeerd als "
                        "aanname; wijzig daarna hierboven de scores."),
    "option_name": ("Name of the new option", "Naam van de nieuwe optie"),
    "option_added": ("Option added.", "Optie toegevoegd."),
    "remove_option": ("Remove {name}", "{name} verwijderen"),
    # results
    "headline": ("**{option}** comes first in the consensus ranking and is ranked first by {n} of "
                 "{total} methods (weighting: {scenario}).",
                 "**{option}** staat eerst in de consensusrangorde en wordt door {n} van de "
                 "{total} methoden eerst geplaatst (weging: {scenario})."),
    "methods_agree": ("All methods rank the same option first.",
                      "Alle methoden zetten dezelfde optie op de eerste plaats."),
    "methods_disagree": ("The methods do not agree on the first place: {options}.",
                         "De methoden zijn het niet eens over de eerste plaats: {options}."),
    "ranking_by_method": ("Ranking by method", "Rangorde per methode"),
    "consensus": ("Consensus", "Consensus"),
    "mean_rank": ("Mean rank", "Gemiddelde rang"),
    "ranks_note": ("Ranks: 1 = best; tied options share the best rank. Consensus: ordered by the "
                   "mean rank over the methods (Borda).",
                   "Rangen: 1 = beste; gelijke opties delen de beste rang. Consensus: gesorteerd "
                   "op de gemiddelde rang over de methoden (Borda)."),
    "scores_by_method": ("Scores per method", "Scores per methode"),
    "agreement_details": ("Agreement between the methods (Kendall's tau)",
                          "Overeenstemming tussen de methoden (Kendalls tau)"),
    "agreement_help": ("1 = the same ranking, 0 = unrelated, -1 = reversed.",
                       "1 = dezelfde rangorde, 0 = geen verband, -1 = omgekeerd."),
    "why_title": ("Why an option wins", "Waarom een optie wint"),
    "why_sentence": ("Under {method}, **{leader}** leads **{other}** by {margin}; it gains most "
                     "on {gains}.",
                     "Volgens {method} ligt **{leader}** {margin} voor op **{other}**; het wint "
                     "het meest op {gains}."),
    "why_losses": ("It loses ground on {losses}.", "Het verliest terrein op {losses}."),
    "audit_title": ("What the structure decides", "Wat de opbouw al beslist"),
    "audit_help": ("Checked before anyone weighs: options that cannot win, one passage cited "
                   "for two criteria, criteria that order the options alike, numbers no source "
                   "states. These are findings about the case, not errors.",
                   "Gecontroleerd voordat iemand weegt: opties die niet kunnen winnen, één passage "
                   "voor twee criteria, criteria die de opties gelijk ordenen, getallen die geen "
                   "bron noemt. Dit zijn bevindingen over de casus, geen fouten."),
    "audit_clean": ("Nothing found: every option can come first under some weighting.",
                    "Niets gevonden: elke optie kan onder een of andere weging eerste worden."),
    "audit_shares": ("Share of each option's weighted value resting on assumptions",
                     "Deel van de gewogen waarde van elke optie dat op aannames rust"),
    "assumption_share": ("Resting on assumptions", "Rust op aannames"),
    "dominance": ("Dominated options", "Gedomineerde opties"),
    "no_dominated": ("No option is dominated.", "Geen enkele optie wordt gedomineerd."),
    "dominated_by": ("{option} is dominated by {by}.", "{option} wordt gedomineerd door {by}."),
    "dominance_help": ("Dominated: another option is at least as good on every criterion in use "
                       "and better on one, so no weighting can rank it above that option.",
                       "Gedomineerd: een andere optie is op elk gebruikt criterium minstens zo "
                       "goed en op één beter, dus geen weging kan haar daarboven plaatsen."),
    "vikor_compromise": ("VIKOR compromise", "VIKOR-compromis"),
    "compromise_set": ("Compromise set: {options}.", "Compromisverzameling: {options}."),
    "compromise_conditions": ("Acceptable advantage: {advantage}; acceptable stability: "
                              "{stability}.",
                              "Aanvaardbaar voordeel: {advantage}; aanvaardbare stabiliteit: "
                              "{stability}."),
    "method_definitions": ("How each method works", "Hoe elke methode werkt"),
    # sensitivity
    "sensitivity_intro": ("How robust is the ranking? Move one weight at a time, ask what it "
                          "takes for an option to come first, or sample many weightings (SMAA).",
                          "Hoe robuust is de rangorde? Verschuif één gewicht tegelijk, vraag wat "
                          "er nodig is om een optie eerste te maken, of trek vele wegingen "
                          "(SMAA)."),
    "oat_title": ("One weight at a time", "Eén gewicht tegelijk"),
    "oat_unavailable": ("One-at-a-time sensitivity is not available here:",
                        "Eén-voor-één gevoeligheid is hier niet beschikbaar:"),
    "stability_sentence": ("{first} stays first while the weight of {criterion} stays between "
                           "{lo} and {hi} (now {now}); the other weights keep their ratios.",
                           "{first} blijft eerste zolang het gewicht van {criterion} tussen {lo} "
                           "en {hi} blijft (nu {now}); de andere gewichten houden hun "
                           "verhoudingen."),
    "switch_sentence": ("At {weight}: {first} becomes first.",
                        "Bij {weight}: {first} wordt eerste."),
    "flip_title": ("What it takes to come first", "Wat nodig is om eerste te worden"),
    "flip_distance": ("Total change of the weights: {distance} ({exact}).",
                      "Totale verschuiving van de gewichten: {distance} ({exact})."),
    "exact": ("exact, by linear programming", "exact, met lineaire programmering"),
    "searched": ("found by a verified numeric search", "gevonden met een gecontroleerde "
                 "numerieke zoektocht"),
    "smaa_title": ("Many weightings at once (SMAA)", "Vele wegingen tegelijk (SMAA)"),
    "smaa_help": ("SMAA-2 draws many weight vectors (and, if chosen, scores within their ranges) "
                  "and counts how often each option takes each rank.",
                  "SMAA-2 trekt vele gewichtsvectoren (en desgewenst scores binnen hun bereik) "
                  "en telt hoe vaak elke optie elke rang krijgt."),
    "samples": ("Samples", "Trekkingen"),
    "weight_uncertainty": ("Weights", "Gewichten"),
    "score_uncertainty": ("Scores", "Scores"),
    "wu_uniform": ("anything possible (uniform)", "alles mogelijk (uniform)"),
    "wu_around": ("around the current weights", "rond de huidige gewichten"),
    "wu_ranking": ("keep the order of the current weights", "volgorde van de huidige gewichten"),
    "su_fixed": ("fixed", "vast"),
    "su_ranges": ("within their ranges", "binnen hun bereik"),
    "seed": ("Seed", "Seed"),
    "run_smaa": ("Run SMAA", "SMAA uitvoeren"),
    "smaa_running": ("Sampling ...", "Bezig met trekken ..."),
    "smaa_progress": ("{done} of {total} samples", "{done} van {total} trekkingen"),
    "smaa_stale": ("These SMAA results were computed before the latest change of weights, scores "
                   "or settings. Run again to update them.",
                   "Deze SMAA-resultaten zijn berekend vóór de laatste wijziging van gewichten, "
                   "scores of instellingen. Voer opnieuw uit om ze bij te werken."),
    "smaa_rerun": ("Run SMAA again for the current options.",
                   "Voer SMAA opnieuw uit voor de huidige opties."),
    "smaa_cap": ("At most {limit} samples for {options} options × {criteria} criteria with "
                 "{methods} methods, scores {scores}: one run may take about {seconds} seconds "
                 "of computing.",
                 "Hoogstens {limit} trekkingen voor {options} opties × {criteria} criteria met "
                 "{methods} methoden, scores {scores}: één berekening mag ongeveer {seconds} "
                 "seconden rekentijd kosten."),
    "smaa_over_budget": ("{asked} samples for {options} options × {criteria} criteria with "
                         "{methods} methods would take about {seconds} seconds, more than the "
                         "{limit} seconds one run may take. At most {allowed} samples fit; "
                         "choose fewer, or fixed scores.",
                         "{asked} trekkingen voor {options} opties × {criteria} criteria met "
                         "{methods} methoden zouden ongeveer {seconds} seconden duren, langer "
                         "dan de {limit} seconden die één berekening mag kosten. Hoogstens "
                         "{allowed} trekkingen passen; kies er minder, of vaste scores."),
    "oat_over_budget": ("One-at-a-time sensitivity with {method} for {options} options × "
                        "{criteria} criteria would take about {seconds} seconds, more than the "
                        "{limit} seconds one calculation may take. Choose WSM, SPOTIS or "
                        "PROMETHEE II (computed exactly and fast), or fewer options or criteria.",
                        "Gevoeligheid per criterium met {method} voor {options} opties × "
                        "{criteria} criteria zou ongeveer {seconds} seconden duren, langer dan "
                        "de {limit} seconden die één berekening mag kosten. Kies WSM, SPOTIS of "
                        "PROMETHEE II (exact en snel berekend), of minder opties of criteria."),
    "flip_over_budget": ("Searching what it takes with {method} for {options} options × "
                         "{criteria} criteria would take about {seconds} seconds, more than the "
                         "{limit} seconds one calculation may take. Choose WSM, SPOTIS or "
                         "PROMETHEE II (solved exactly), or fewer options or criteria.",
                         "Zoeken wat nodig is met {method} voor {options} opties × {criteria} "
                         "criteria zou ongeveer {seconds} seconden duren, langer dan de {limit} "
                         "seconden die één berekening mag kosten. Kies WSM, SPOTIS of "
                         "PROMETHEE II (exact opgelost), of minder opties of criteria."),
    "smaa_done": ("{samples} samples, seed {seed}; weights: {weights}; scores: {scores}. All "
                  "methods agree on the first place in {agreement} of the samples.",
                  "{samples} trekkingen, seed {seed}; gewichten: {weights}; scores: {scores}. "
                  "Alle methoden zijn het in {agreement} van de trekkingen eens over de eerste "
                  "plaats."),
    "first_rank_share": ("First in", "Eerste in"),
    "confidence": ("Confidence", "Betrouwbaarheid"),
    "central_weights": ("Central weights: the typical weighting that puts each option first",
                        "Centrale gewichten: de typische weging die elke optie eerste maakt"),
    "compare_ranks": ("Rank of each option per scenario (1 = best)",
                      "Rang van elke optie per scenario (1 = beste)"),
    "central_weights_note": ("First in: share of the samples in which the option ranks first. "
                             "Central weights: the typical weights that put it first. — : never "
                             "first, so it has none.",
                             "Eerste in: aandeel van de trekkingen waarin de optie eerste staat. "
                             "Centrale gewichten: de typische gewichten die haar eerste zetten. "
                             "— : nooit eerste, dus geen."),
    "confidence_note": ("Confidence: how often it ranks first with its central weights over the "
                        "score samples (shown only when the scores are drawn from their ranges; "
                        "with fixed scores it is 100% for every winner).",
                        "Betrouwbaarheid: hoe vaak ze eerste staat met haar centrale gewichten "
                        "over de scoretrekkingen (alleen getoond als de scores uit hun "
                        "bandbreedtes worden getrokken; bij vaste scores is die 100% voor elke "
                        "winnaar)."),
    # scenarios
    "scenarios_intro": ("A scenario is a named weighting: a perspective from a source or your own.",
                        "Een scenario is een benoemde weging: een perspectief uit een bron of uw "
                        "eigen."),
    "current_weighting": ("Current weighting: {name}", "Huidige weging: {name}"),
    "scenario_name": ("Save the current weights as", "Huidige gewichten opslaan als"),
    "download_yaml": ("Download YAML", "YAML downloaden"),
    "scenario_saved": ("Scenario saved: {name}", "Scenario opgeslagen: {name}"),
    "scenario_loaded": ("Scenario loaded: {name}", "Scenario geladen: {name}"),
    "scenario_uploaded": ("Scenario added from {name}", "Scenario toegevoegd uit {name}"),
    "bundled_scenarios": ("Perspectives of the case", "Perspectieven van de casus"),
    "saved_scenarios": ("Your scenarios", "Uw scenario's"),
    "no_saved": ("None saved yet.", "Nog geen opgeslagen."),
    "upload_scenario": ("Add a scenario file", "Een scenariobestand toevoegen"),
    "scenario_file": ("Scenario file (YAML)", "Scenariobestand (YAML)"),
    "add_uploaded": ("Add scenario", "Scenario toevoegen"),
    "choose_file": ("Choose a file first.", "Kies eerst een bestand."),
    "file_too_large": ("file is larger than 5 MB", "bestand is groter dan 5 MB"),
    "compare_title": ("Compare scenarios", "Scenario's vergelijken"),
    "compare_pick": ("Scenarios to compare (two to five)", "Te vergelijken scenario's (twee tot "
                     "vijf)"),
    "compare_need_two": ("Choose at least two scenarios.", "Kies minstens twee scenario's."),
    "scenario_unusable": ("{name} cannot be ranked with the current options:",
                          "{name} kan met de huidige opties niet worden gerangschikt:"),
}


def t(key: str, **values: Any) -> str:
    """The string ``key`` in the session's language, with ``values`` filled in."""
    en, nl = STRINGS[key]
    text = nl if st.session_state.get("lang", "en") == "nl" else en
    return text.format(**values) if values else text
