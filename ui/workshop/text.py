"""The workshop pages' strings in English and Dutch (``t(key, lang, **values)``).

Store errors are shown through the ``err_<key>`` entries (the store's ``WorkshopError.key``), so a
Dutch participant reads a Dutch message.
"""

from __future__ import annotations

from typing import Any

STRINGS: dict[str, dict[str, str]] = {
    # shared
    "go_join": {"en": "Join a workshop", "nl": "Deelnemen aan een workshop"},
    "go_create": {"en": "Start a workshop", "nl": "Een workshop starten"},
    "agg_mean": {"en": "Mean", "nl": "Gemiddelde"},
    "agg_median": {"en": "Median", "nl": "Mediaan"},
    "agg_geometric_mean": {"en": "Geometric mean", "nl": "Meetkundig gemiddelde"},
    # create
    "c_title": {"en": "Start a workshop", "nl": "Een workshop starten"},
    "c_intro": {
        "en": "Participants weigh the criteria on their own phone or laptop; you see the group "
              "result live. Choose what they weigh and which options are ranked.",
        "nl": "Deelnemers wegen de criteria op hun eigen telefoon of laptop; u ziet het "
              "groepsresultaat live. Kies wat zij wegen en welke opties gerangschikt worden.",
    },
    "c_name": {"en": "Workshop title", "nl": "Titel van de workshop"},
    "c_criteria": {"en": "Criteria to weigh", "nl": "Te wegen criteria"},
    "c_options": {"en": "Options to rank", "nl": "Te rangschikken opties"},
    "c_show_group": {"en": "Show the group result to participants after they submit",
                     "nl": "Toon deelnemers het groepsresultaat nadat zij hebben ingediend"},
    "c_anonymous": {"en": "Anonymous: show pseudonyms instead of names on the dashboard",
                    "nl": "Anoniem: toon pseudoniemen in plaats van namen op het dashboard"},
    "c_cap": {"en": "Most participants", "nl": "Maximaal aantal deelnemers"},
    "c_cap_help": {"en": "Nobody can join beyond this number (this server allows at most {n}).",
                   "nl": "Boven dit aantal kan niemand meer meedoen (deze server staat er "
                         "hoogstens {n} toe)."},
    "c_create": {"en": "Create workshop", "nl": "Workshop aanmaken"},
    "c_problem": {"en": "The workshop cannot use this selection: {detail}",
                  "nl": "De workshop kan deze selectie niet gebruiken: {detail}"},
    "c_done": {"en": "The workshop is ready.", "nl": "De workshop staat klaar."},
    "c_join_link": {"en": "Participants join with the code, or with this link:",
                    "nl": "Deelnemers doen mee met de code, of met deze link:"},
    "c_secret": {
        "en": "Your facilitator link is below. Keep it secret and keep it safe: whoever has it "
              "runs the workshop, and it cannot be shown again.",
        "nl": "Hieronder staat uw facilitatorlink. Houd hem geheim en bewaar hem goed: wie hem "
              "heeft, leidt de workshop, en hij kan niet opnieuw getoond worden.",
    },
    "c_open": {"en": "Open the dashboard", "nl": "Open het dashboard"},
    "c_another": {"en": "Start another workshop", "nl": "Nog een workshop starten"},
    # join
    "j_title": {"en": "Join a workshop", "nl": "Deelnemen aan een workshop"},
    "j_intro": {"en": "Enter the code the facilitator shows and the name others may see.",
                "nl": "Vul de code in die de facilitator toont en de naam die anderen mogen zien."},
    "j_code": {"en": "Join code", "nl": "Deelnamecode"},
    "j_name": {"en": "Your name", "nl": "Uw naam"},
    "j_name_help": {"en": "1 to 40 characters; shown to the facilitator.",
                    "nl": "1 tot 40 tekens; zichtbaar voor de facilitator."},
    "j_join": {"en": "Join", "nl": "Doe mee"},
    # participant
    "p_title": {"en": "Workshop", "nl": "Workshop"},
    "p_no_link": {
        "en": "Open this page with your personal link, or join with the code first.",
        "nl": "Open deze pagina met uw persoonlijke link, of doe eerst mee met de code.",
    },
    "p_hello": {"en": "Welcome, {name}.", "nl": "Welkom, {name}."},
    "p_your_link": {"en": "Your personal link", "nl": "Uw persoonlijke link"},
    "p_your_link_help": {
        "en": "Bookmark it: it brings you back to your own answers. Do not share it.",
        "nl": "Bewaar hem: hij brengt u terug bij uw eigen antwoorden. Deel hem niet.",
    },
    "p_round_open": {"en": "Round {r}: weigh the criteria", "nl": "Ronde {r}: weeg de criteria"},
    "p_round_closed": {"en": "Round {r} is closed", "nl": "Ronde {r} is gesloten"},
    "p_wait": {"en": "The facilitator will open the next round or show the result.",
               "nl": "De facilitator opent de volgende ronde of toont het resultaat."},
    "p_submitted_at": {
        "en": "You submitted at {time} (UTC). You can revise until the round closes.",
        "nl": "U diende in om {time} (UTC). U kunt wijzigen tot de ronde sluit.",
    },
    "p_method": {"en": "How do you want to weigh?", "nl": "Hoe wilt u wegen?"},
    "p_method_sliders": {"en": "Sliders", "nl": "Schuifjes"},
    "p_method_points": {"en": "100 points", "nl": "100 punten"},
    "p_method_swing": {"en": "Swing", "nl": "Swing"},
    "p_method_ranking": {"en": "Ranking", "nl": "Rangorde"},
    "p_help_sliders": {
        "en": "Set how much each criterion matters to you (0 to 100). Only the proportions "
              "count.",
        "nl": "Geef aan hoeveel elk criterium voor u telt (0 tot 100). Alleen de verhoudingen "
              "tellen.",
    },
    "p_help_points": {
        "en": "Share exactly 100 points over the {n} criteria: more points, more weight.",
        "nl": "Verdeel precies 100 punten over de {n} criteria: meer punten, meer gewicht.",
    },
    "p_help_swing": {
        "en": "Imagine every criterion at the worst level among the options. Which move from "
              "worst to best would you value most? Give it 100; rate every other move as a "
              "percentage of it.",
        "nl": "Stel u elk criterium voor op het slechtste niveau onder de opties. Welke stap van "
              "slechtst naar best waardeert u het meest? Geef die 100; geef elke andere stap als "
              "percentage daarvan.",
    },
    "p_help_ranking": {
        "en": "Rank the {n} criteria: 1 = most important. Equal ranks are allowed. The weights "
              "follow from the ranking (rank order centroid).",
        "nl": "Rangschik de {n} criteria: 1 = belangrijkst. Gelijke rangen mogen. De gewichten "
              "volgen uit de rangorde (rank order centroid).",
    },
    "p_input_sliders": {"en": "Importance of {name}", "nl": "Belang van {name}"},
    "p_input_points": {"en": "Points for {name}", "nl": "Punten voor {name}"},
    "p_input_swing": {"en": "Swing rating of {name}", "nl": "Swingwaardering van {name}"},
    "p_input_ranking": {"en": "Rank of {name}", "nl": "Rang van {name}"},
    "p_benefit": {"en": "Higher is better.", "nl": "Hoger is beter."},
    "p_cost": {"en": "Lower is better.", "nl": "Lager is beter."},
    "p_comment": {"en": "Add a comment", "nl": "Opmerking toevoegen"},
    "p_comment_label": {"en": "Your comment on {name} (optional)",
                        "nl": "Uw opmerking over {name} (optioneel)"},
    "p_points_left": {"en": "Points left", "nl": "Punten over"},
    "p_weights_now": {"en": "Your weights:", "nl": "Uw gewichten:"},
    "p_submit": {"en": "Submit", "nl": "Indienen"},
    "p_resubmit": {"en": "Submit revision", "nl": "Wijziging indienen"},
    "p_thanks": {"en": "Thank you: your weights for round {r} are saved.",
                 "nl": "Dank u: uw gewichten voor ronde {r} zijn opgeslagen."},
    "p_results": {"en": "Your ranking and the group's", "nl": "Uw rangorde en die van de groep"},
    "p_rank_method": {"en": "Method", "nl": "Methode"},
    "p_your_ranking": {"en": "Your ranking", "nl": "Uw rangorde"},
    "p_group_ranking": {"en": "The group's ranking (mean weights of {k})",
                        "nl": "Rangorde van de groep (gemiddelde gewichten van {k})"},
    "p_differs": {"en": "Your first choice differs from the group's.",
                  "nl": "Uw eerste keuze verschilt van die van de groep."},
    "p_group_hidden": {"en": "The facilitator shows the group result later.",
                       "nl": "De facilitator toont het groepsresultaat later."},
    "p_previous": {"en": "How the group weighed in round {r}",
                   "nl": "Hoe de groep woog in ronde {r}"},
    "p_previous_help": {
        "en": "Every dot is one of {k} participants; the diamond is the median, the star is "
              "your own answer. Your earlier weights are filled in below: revise them if the "
              "group's view changes yours.",
        "nl": "Elke stip is een van de {k} deelnemers; de ruit is de mediaan, de ster uw eigen "
              "antwoord. Uw eerdere gewichten staan hieronder ingevuld: pas ze aan als het beeld "
              "van de groep het uwe verandert.",
    },
    "p_previous_few": {
        "en": "Only {k} took part, fewer than {n}: to keep everyone's answers private, only the "
              "group's middle value (the diamond) is shown, beside your own answer (the star). "
              "Your earlier weights are filled in below.",
        "nl": "Slechts {k} deden mee, minder dan {n}: om ieders antwoorden privé te houden, staat "
              "alleen de middelste waarde van de groep (de ruit) naast uw eigen antwoord (de "
              "ster). Uw eerdere gewichten staan hieronder ingevuld.",
    },
    "p_progress": {"en": "{n} of {k} participants have submitted in this round.",
                   "nl": "{n} van de {k} deelnemers hebben in deze ronde ingediend."},
    # facilitator
    "f_title": {"en": "Facilitator dashboard", "nl": "Facilitatordashboard"},
    "f_no_link": {"en": "Open this page with your facilitator link, or start a workshop.",
                  "nl": "Open deze pagina met uw facilitatorlink, of start een workshop."},
    "f_projector": {"en": "Projector mode", "nl": "Projectormodus"},
    "f_code": {"en": "Join code", "nl": "Deelnamecode"},
    "f_code_help": {"en": "participants join on the page 'Join a workshop'.",
                    "nl": "deelnemers doen mee via de pagina 'Deelnemen aan een workshop'."},
    "f_close": {"en": "Close round {r}", "nl": "Sluit ronde {r}"},
    "f_next": {"en": "Open round {r}", "nl": "Open ronde {r}"},
    "f_reopen": {"en": "Reopen round {r}", "nl": "Heropen ronde {r}"},
    "f_show_group": {"en": "Participants see the group result",
                     "nl": "Deelnemers zien het groepsresultaat"},
    "f_anonymous": {"en": "Anonymous (pseudonyms)", "nl": "Anoniem (pseudoniemen)"},
    "f_aggregation": {"en": "Group weights by", "nl": "Groepsgewichten volgens"},
    "f_method": {"en": "Method for the split and robustness",
                 "nl": "Methode voor de splitsing en robuustheid"},
    "f_links": {"en": "Links", "nl": "Links"},
    "f_join_link": {"en": "Join link for participants:", "nl": "Deelnamelink voor deelnemers:"},
    "f_own_link": {"en": "Your secret facilitator link (do not share):",
                   "nl": "Uw geheime facilitatorlink (niet delen):"},
    "f_manage": {"en": "Participants and their links", "nl": "Deelnemers en hun links"},
    "f_manage_none": {"en": "Nobody has joined yet.", "nl": "Nog niemand doet mee."},
    "f_manage_who": {"en": "Participant", "nl": "Deelnemer"},
    "f_keep": {"en": "Keep their submissions in the results",
               "nl": "Hun inzendingen in de resultaten houden"},
    "f_keep_help": {
        "en": "When removing: keep the weights they submitted (someone who had to leave early) "
              "or drop them (someone who should not have been here).",
        "nl": "Bij verwijderen: de ingediende gewichten houden (iemand die eerder weg moest) of "
              "weglaten (iemand die er niet had moeten zijn).",
    },
    "f_revoke": {"en": "Replace their link", "nl": "Hun link vervangen"},
    "f_remove": {"en": "Remove participant", "nl": "Deelnemer verwijderen"},
    "f_new_link": {
        "en": "New personal link for {name} (the old one no longer works). Hand it over "
              "privately:",
        "nl": "Nieuwe persoonlijke link voor {name} (de oude werkt niet meer). Geef hem "
              "onderhands door:",
    },
    "f_removed": {"en": " (removed)", "nl": " (verwijderd)"},
    "f_archive": {"en": "End the workshop", "nl": "De workshop beëindigen"},
    "f_archive_help": {
        "en": "Archiving closes the round for good: participants' links and the join code stop "
              "working. You keep this page, read-only, with the results and the exports.",
        "nl": "Archiveren sluit de ronde definitief: de links van de deelnemers en de "
              "deelnamecode werken niet meer. U houdt deze pagina, alleen-lezen, met de "
              "resultaten en de exports.",
    },
    "f_archive_button": {"en": "Archive the workshop", "nl": "De workshop archiveren"},
    "f_archived": {
        "en": "This workshop is archived: participants' links no longer open it. You can still "
              "read and export the results.",
        "nl": "Deze workshop is gearchiveerd: de links van de deelnemers openen hem niet meer. "
              "U kunt de resultaten nog lezen en exporteren.",
    },
    "f_few": {
        "en": "Individual answers are shown from {n} submissions on.",
        "nl": "Afzonderlijke antwoorden worden getoond vanaf {n} inzendingen.",
    },
    "f_round": {"en": "Round shown", "nl": "Getoonde ronde"},
    "f_round_n": {"en": "Round {r}", "nl": "Ronde {r}"},
    "f_round_state": {"en": "Current round {r}: {state}.", "nl": "Huidige ronde {r}: {state}."},
    "f_open": {"en": "open for submissions", "nl": "open voor inzendingen"},
    "f_closed": {"en": "closed", "nl": "gesloten"},
    "f_submitted": {"en": "Submitted in round {r}", "nl": "Ingediend in ronde {r}"},
    "f_participant": {"en": "Participant", "nl": "Deelnemer"},
    "f_status": {"en": "Submitted (UTC)", "nl": "Ingediend (UTC)"},
    "f_waiting": {"en": "Nobody has submitted in this round yet.",
                  "nl": "Nog niemand heeft in deze ronde ingediend."},
    "f_aggregation_error": {"en": "These group weights cannot be computed: {detail}",
                            "nl": "Deze groepsgewichten zijn niet te berekenen: {detail}"},
    "f_tab_group": {"en": "Group result", "nl": "Groepsresultaat"},
    "f_tab_people": {"en": "Participants", "nl": "Deelnemers"},
    "f_tab_robust": {"en": "Disagreement", "nl": "Meningsverschil"},
    "f_tab_rounds": {"en": "Rounds", "nl": "Rondes"},
    "f_tab_comments": {"en": "Comments", "nl": "Opmerkingen"},
    "f_tab_export": {"en": "Export", "nl": "Exporteren"},
    "f_group_ranking": {"en": "Group ranking ({method})", "nl": "Groepsrangorde ({method})"},
    "f_split": {"en": "Who ranks what first", "nl": "Wie wat eerste zet"},
    "f_geomean_undefined": {
        "en": "The geometric mean is undefined: for every criterion someone gave weight 0.",
        "nl": "Het meetkundig gemiddelde is niet gedefinieerd: voor elk criterium gaf iemand "
              "gewicht 0.",
    },
    "f_agreement": {"en": "Agreement (Kendall's W)", "nl": "Overeenstemming (Kendalls W)"},
    "f_on_criteria": {"en": "On the order of the criteria:",
                      "nl": "Over de volgorde van de criteria:"},
    "f_on_options": {"en": "On the order of the options ({method}):",
                     "nl": "Over de volgorde van de opties ({method}):"},
    "f_agreement_help": {
        "en": "Kendall's W with the tie correction: 0 = no agreement, 1 = everyone ranks alike. "
              "For the criteria each participant's weights are ranked; for the options each "
              "participant's ranking under their own weights is used.",
        "nl": "Kendalls W met correctie voor gelijke rangen: 0 = geen overeenstemming, 1 = "
              "iedereen rangschikt gelijk. Voor de criteria worden de gewichten van elke "
              "deelnemer gerangschikt; voor de opties de rangorde van elke deelnemer onder "
              "zijn eigen gewichten.",
    },
    "f_first_choices": {"en": "Each participant's first choice",
                        "nl": "Eerste keuze per deelnemer"},
    "f_impact": {"en": "Which disagreements change the winner",
                 "nl": "Welke meningsverschillen de winnaar veranderen"},
    "f_acceptability_help": {
        "en": "SMAA over the room: the share of participants whose weights give each option "
              "each rank.",
        "nl": "SMAA over de zaal: het aandeel deelnemers wier gewichten elke optie elke rang "
              "geven.",
    },
    "f_rounds_none": {"en": "A comparison appears once a second round has started.",
                      "nl": "Een vergelijking verschijnt zodra een tweede ronde is gestart."},
    "f_rounds_empty": {"en": "Both rounds need submissions for a comparison.",
                       "nl": "Voor een vergelijking zijn in beide rondes inzendingen nodig."},
    "f_criterion": {"en": "Criterion", "nl": "Criterium"},
    "f_median_r": {"en": "Median round {r}", "nl": "Mediaan ronde {r}"},
    "f_iqr_r": {"en": "IQR round {r}", "nl": "IKA ronde {r}"},
    "f_moved": {"en": "Mean change per participant", "nl": "Gemiddelde verandering per deelnemer"},
    "f_rounds_help": {
        "en": "IQR = interquartile range (the middle half of the weights): smaller means closer "
              "views. Mean change over the {k} participants who submitted in both rounds.",
        "nl": "IKA = interkwartielafstand (de middelste helft van de gewichten): kleiner "
              "betekent dichter bij elkaar. Gemiddelde verandering over de {k} deelnemers die "
              "in beide rondes indienden.",
    },
    "f_no_comments": {"en": "No comments in this round.", "nl": "Geen opmerkingen in deze ronde."},
    "f_export_help": {
        "en": "Anonymised: participants appear as pseudonyms, without names or times.",
        "nl": "Geanonimiseerd: deelnemers staan er als pseudoniem in, zonder namen of tijden.",
    },
    "f_csv": {"en": "Results (CSV)", "nl": "Resultaten (CSV)"},
    "f_xlsx": {"en": "All tables (XLSX)", "nl": "Alle tabellen (XLSX)"},
    "f_html": {"en": "Report (HTML)", "nl": "Rapport (HTML)"},
    "f_pdf": {"en": "Report (PDF)", "nl": "Rapport (PDF)"},
    "f_pdf_help": {"en": "Drawing the charts takes a few seconds.",
                   "nl": "Het tekenen van de grafieken duurt enkele seconden."},
    # store errors (keys of mcda.workshop.store.MESSAGES)
    "err_link_unknown": {"en": "This workshop link is not valid: no workshop has this id.",
                         "nl": "Deze workshoplink is niet geldig: geen workshop heeft dit id."},
    "err_code_unknown": {
        "en": "No workshop has this join code. Check the code and try again.",
        "nl": "Geen workshop heeft deze deelnamecode. Controleer de code en probeer het opnieuw.",
    },
    "err_token_wrong": {
        "en": "This link's key is not valid for this workshop. Ask for a new link.",
        "nl": "De sleutel in deze link is niet geldig voor deze workshop. Vraag om een nieuwe "
              "link.",
    },
    "err_link_revoked": {
        "en": "This link is no longer valid: the facilitator has replaced it with a new one. "
              "Ask the facilitator for your new link.",
        "nl": "Deze link is niet meer geldig: de facilitator heeft hem door een nieuwe "
              "vervangen. Vraag de facilitator om uw nieuwe link.",
    },
    "err_link_removed": {
        "en": "This link is no longer valid: the facilitator has removed you from this "
              "workshop.",
        "nl": "Deze link is niet meer geldig: de facilitator heeft u uit deze workshop "
              "verwijderd.",
    },
    "err_workshop_ended": {
        "en": "This workshop has ended: its participant links no longer open it. Thank you for "
              "taking part.",
        "nl": "Deze workshop is afgelopen: de links van de deelnemers openen hem niet meer. "
              "Dank u voor uw deelname.",
    },
    "err_workshop_archived": {
        "en": "This workshop is archived: its results can be read and exported, but nothing "
              "can be changed.",
        "nl": "Deze workshop is gearchiveerd: de resultaten zijn te lezen en te exporteren, "
              "maar er kan niets meer veranderen.",
    },
    "err_workshop_full": {
        "en": "This workshop is full: it admits at most {limit} participants. Ask the "
              "facilitator.",
        "nl": "Deze workshop is vol: er kunnen hoogstens {limit} deelnemers meedoen. Vraag het "
              "de facilitator.",
    },
    "err_join_rate_client": {
        "en": "Too many join attempts from this device. Try again in {minutes} min (at {time} "
              "UTC).",
        "nl": "Te veel pogingen om mee te doen vanaf dit apparaat. Probeer het over {minutes} "
              "min opnieuw (om {time} UTC).",
    },
    "err_join_rate_network": {
        "en": "Too many join attempts from this network. Try again in {minutes} min (at {time} "
              "UTC).",
        "nl": "Te veel pogingen om mee te doen vanaf dit netwerk. Probeer het over {minutes} "
              "min opnieuw (om {time} UTC).",
    },
    "err_join_rate_code": {
        "en": "Many people are joining this workshop at once. Try again in {minutes} min (at "
              "{time} UTC).",
        "nl": "Veel mensen doen tegelijk mee aan deze workshop. Probeer het over {minutes} min "
              "opnieuw (om {time} UTC).",
    },
    "err_code_attempts_client": {
        "en": "Too many wrong join codes from this device. Try again in {minutes} min (at "
              "{time} UTC).",
        "nl": "Te veel verkeerde deelnamecodes vanaf dit apparaat. Probeer het over {minutes} "
              "min opnieuw (om {time} UTC).",
    },
    "err_code_attempts_network": {
        "en": "Too many wrong join codes from this network. Try again in {minutes} min (at "
              "{time} UTC).",
        "nl": "Te veel verkeerde deelnamecodes vanaf dit netwerk. Probeer het over {minutes} "
              "min opnieuw (om {time} UTC).",
    },
    "err_code_attempts_global": {
        "en": "Too many wrong join codes have been tried on this server just now. Try again in "
              "{minutes} min (at {time} UTC).",
        "nl": "Er zijn zojuist te veel verkeerde deelnamecodes geprobeerd op deze server. "
              "Probeer het over {minutes} min opnieuw (om {time} UTC).",
    },
    "err_round_closed": {"en": "Round {round} is closed: submissions are no longer accepted.",
                         "nl": "Ronde {round} is gesloten: inzendingen worden niet meer "
                               "aangenomen."},
    "err_round_already_closed": {"en": "Round {round} is already closed.",
                                 "nl": "Ronde {round} is al gesloten."},
    "err_round_still_open": {
        "en": "Round {round} is still open: close it before opening the next round.",
        "nl": "Ronde {round} is nog open: sluit hem voordat u de volgende ronde opent.",
    },
    "err_round_already_open": {"en": "Round {round} is already open.",
                               "nl": "Ronde {round} is al open."},
    "err_name_empty": {
        "en": "Enter a display name (letters or digits; it is shown to the facilitator).",
        "nl": "Vul een naam in (letters of cijfers; de facilitator ziet hem).",
    },
    "err_name_too_long": {
        "en": "The display name has {length} characters; at most {limit} are allowed.",
        "nl": "De naam heeft {length} tekens; er mogen er hoogstens {limit} zijn.",
    },
    "err_name_invisible": {
        "en": "The display name contains an invisible or text-direction character ({char}). "
              "Type the name again without it.",
        "nl": "De naam bevat een onzichtbaar teken of een teken voor de schrijfrichting "
              "({char}). Typ de naam opnieuw zonder dat teken.",
    },
    "err_name_taken": {
        "en": "The name '{name}' is already taken in this workshop (or one that looks the "
              "same). Choose another.",
        "nl": "De naam '{name}' is in deze workshop al bezet (of een die er hetzelfde uitziet). "
              "Kies een andere.",
    },
    "err_title_empty": {"en": "Enter a title for the workshop.",
                        "nl": "Vul een titel voor de workshop in."},
    "err_title_too_long": {
        "en": "The title has {length} characters; at most {limit} are allowed.",
        "nl": "De titel heeft {length} tekens; er mogen er hoogstens {limit} zijn.",
    },
    "err_title_invisible": {
        "en": "The title contains an invisible or text-direction character ({char}). Type the "
              "title again without it.",
        "nl": "De titel bevat een onzichtbaar teken of een teken voor de schrijfrichting "
              "({char}). Typ de titel opnieuw zonder dat teken.",
    },
    "err_cap_invalid": {
        "en": "The participant limit must be a whole number from 1 to {high}, got {value}.",
        "nl": "Het maximale aantal deelnemers moet een geheel getal van 1 tot {high} zijn, niet "
              "{value}.",
    },
    "err_flag_invalid": {"en": "The setting '{what}' must be true or false, got {value}.",
                         "nl": "De instelling '{what}' moet waar of onwaar zijn, niet {value}."},
    "err_participant_unknown": {"en": "This workshop has no participant with this id.",
                                "nl": "Deze workshop heeft geen deelnemer met dit id."},
    "err_participant_removed": {"en": "This participant has already been removed.",
                                "nl": "Deze deelnemer is al verwijderd."},
    "err_method_unknown": {"en": "Unknown weighting method '{method}' (known: {known}).",
                           "nl": "Onbekende wegingsmethode '{method}' (bekend: {known})."},
    "err_not_a_mapping": {"en": "The {what} must be given per criterion.",
                          "nl": "De {what} moeten per criterium gegeven worden."},
    "err_criteria_unknown": {"en": "Unknown criteria: {criteria}.",
                             "nl": "Onbekende criteria: {criteria}."},
    "err_criteria_missing": {"en": "No value for: {criteria}.",
                             "nl": "Geen waarde voor: {criteria}."},
    "err_value_not_number": {
        "en": "The value for '{criterion}' must be a finite number, got {value}.",
        "nl": "De waarde voor '{criterion}' moet een eindig getal zijn, niet {value}.",
    },
    "err_value_out_of_range": {
        "en": "The value for '{criterion}' is {value}; it must lie between {low} and {high}.",
        "nl": "De waarde voor '{criterion}' is {value}; die moet tussen {low} en {high} liggen.",
    },
    "err_rank_not_whole": {
        "en": "The rank of '{criterion}' must be a whole number from 1 to {high}, got {value}.",
        "nl": "De rang van '{criterion}' moet een geheel getal van 1 tot {high} zijn, niet "
              "{value}.",
    },
    "err_points_sum": {"en": "The points add up to {total}; share exactly {budget} points.",
                       "nl": "De punten tellen op tot {total}; verdeel precies {budget} punten."},
    "err_all_zero": {"en": "All weights are zero: give at least one criterion a weight.",
                     "nl": "Alle gewichten zijn nul: geef minstens één criterium gewicht."},
    "err_comment_not_text": {"en": "The comment on '{criterion}' must be text.",
                             "nl": "De opmerking over '{criterion}' moet tekst zijn."},
    "err_comment_too_long": {
        "en": "The comment on '{criterion}' has {length} characters; at most {limit} are "
              "allowed.",
        "nl": "De opmerking over '{criterion}' heeft {length} tekens; er mogen er hoogstens "
              "{limit} zijn.",
    },
    "err_problem_invalid": {
        "en": "A workshop needs a validated problem (criteria, options, scores).",
        "nl": "Een workshop heeft een gevalideerd probleem nodig (criteria, opties, scores).",
    },
    "err_snapshot_invalid": {"en": "The workshop's stored problem cannot be read: {detail}",
                             "nl": "Het opgeslagen probleem van de workshop is onleesbaar: "
                                   "{detail}"},
    "err_database_unsupported": {
        "en": "Unsupported database URL '{url}': use sqlite:///path or postgresql+psycopg://...",
        "nl": "Niet-ondersteunde database-URL '{url}': gebruik sqlite:///pad of "
              "postgresql+psycopg://...",
    },
    "err_database_unavailable": {
        "en": "The workshop database is not reachable right now; try again in a moment.",
        "nl": "De workshopdatabase is nu niet bereikbaar; probeer het zo opnieuw.",
    },
    "err_limit_invalid": {
        "en": "The setting {name} must be a whole number from 1 to {high}, got {value}.",
        "nl": "De instelling {name} moet een geheel getal van 1 tot {high} zijn, niet {value}.",
    },
}


def t(key: str, lang: str = "en", **values: Any) -> str:
    """The string ``key`` in ``lang`` (English fallback) with ``values`` filled in."""
    entry = STRINGS[key]
    text = entry.get(lang, entry["en"])
    return text.format(**values) if values else text
