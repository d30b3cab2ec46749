"""A small appraisal for the export tests: three options, three criteria, two scenarios, and data
that tries to break out (a script tag as an option name, a formula as a quote, a javascript URL)."""

from __future__ import annotations

import datetime as dt

from mcda.export import Appraisal, build_appraisal
from mcda.model import Case, Criterion, Evidence, Option, Scale, Scenario, Score, Source, Text

EVIL_NAME = "<script>alert(1)</script>"
EVIL_QUOTE = '=HYPERLINK("http://evil.example","click")'
DAY = dt.date(2026, 11, 25)


def sample_case() -> Case:
    """The test case (data version 'abc123')."""
    criteria = (
        Criterion(id="quality", name=Text(en="Quality", nl="Kwaliteit"), direction="benefit",
                  scale=Scale(kind="rating", min=0, max=100), default_weight=50,
                  description=Text.same("How good it is."),
                  scoring_guide={0: Text.same("poor"), 100: Text.same("excellent")}),
        Criterion(id="cost", name=Text(en="Cost", nl="Kosten"), direction="cost",
                  scale=Scale(unit="M EUR", min=0, max=50), default_weight=30),
        Criterion(id="speed", name=Text(en="Time to effect", nl="Tijd tot effect"),
                  direction="cost", scale=Scale(unit="years", min=0, max=10), default_weight=20),
    )
    cited = (Evidence(source="src-1", section="2.1", quote=EVIL_QUOTE),)
    options = (
        Option(id="a", name=Text.same(EVIL_NAME), summary=Text.same("<img src=x onerror=1>"),
               scores={"quality": Score(value=80, range=(60, 90), evidence=cited),
                       "cost": Score(value=30, range=(20, 45), assumption=True),
                       "speed": Score(value=5)}),
        Option(id="b", name=Text(en="Option B", nl="Optie B"),
               scores={"quality": Score(value=55), "cost": Score(value=10),
                       "speed": Score(value=2)}),
        Option(id="c", name=Text(en="Option C", nl="Optie C"),
               scores={"quality": Score(value=40), "cost": Score(value=5),
                       "speed": Score(value=6)}),
    )
    sources = (Source(id="src-1", title="A report", author="Author", year=2021,
                      url="javascript:alert(1)"),)
    scenarios = (
        Scenario(id="equal", name=Text(en="Equal weights", nl="Gelijke gewichten"),
                 origin="test", weights={"quality": 1, "cost": 1, "speed": 1}),
        Scenario(id="costly", name=Text.same("Cost first"), origin="test",
                 weights={"quality": 1, "cost": 4}),
    )
    return Case(title=Text.same("Test appraisal <b>"), question=Text.same("Which one? A & B"),
                criteria=criteria, options=options, sources=sources, scenarios=scenarios,
                version="abc123")


def sample_appraisal(case: Case) -> Appraisal:
    """The appraisal the export, report and deck tests share: default weights, WSM and TOPSIS,
    500 SMAA samples, dated ``DAY``."""
    return build_appraisal(case.problem(), case=case, scenario="Default weights",
                           methods=["wsm", "topsis"], smaa_samples=500, date=DAY)
