"""The store against abuse, on SQLite and PostgreSQL: participant caps, join rate limits and
lock-outs shared by replicas, removal and replaced links, archiving, no individual weights in
small rooms, look-alike and invisible names, numbers too large for a float, and dashboards whose
cost does not grow with the number of participants. Time is a clock the test moves."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from sqlalchemy import event, select, text

from mcda.model import Problem
from mcda.workshop import export
from mcda.workshop.models import JoinAttempt
from mcda.workshop.names import name_key
from mcda.workshop.store import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AccessDenied,
    InvalidInput,
    Limits,
    LinkRevoked,
    NameTaken,
    Store,
    TooManyAttempts,
    WorkshopEnded,
    WorkshopFull,
    WorkshopNotFound,
)
from tests.workshop.conftest import BACKENDS

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

EQUAL = {"quality": 50, "speed": 50, "cost": 50}
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
#: Limits high enough not to get in the way of a test about something else.
ROOMY = Limits(joins_per_client=1000, joins_per_network=1000, joins_per_code=1000,
               failures_per_client=1000, failures_per_network=1000, failures_global=1000)


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def stores(database_url: str, clock: Clock) -> Iterator[Callable[..., Store]]:
    """Make stores (app replicas) on one database with the test's clock; closed afterwards."""
    made: list[Store] = []

    def make(**limits: int) -> Store:
        store = Store(database_url, limits=Limits(**limits), clock=clock)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def _unused_code(*used: str) -> str:
    return next(c * CODE_LENGTH for c in CODE_ALPHABET if c * CODE_LENGTH not in used)


def _dump(store: Store) -> str:
    with store.engine.connect() as conn:
        return repr([conn.execute(text(f"SELECT * FROM {t}")).all()
                     for t in ("workshops", "participants", "submissions", "join_attempts",
                               "retired_tokens")])


# -- 1. participant cap ------------------------------------------------------------------------


def test_a_workshop_admits_at_most_the_operators_cap(stores: Callable[..., Store],
                                                     problem: Problem) -> None:
    store = stores(max_participants=3)
    created = store.create_workshop("W", problem)
    w, f = created.workshop_id, created.facilitator_token
    assert store.workshop(w, f).max_participants == 3
    people = [store.join(created.join_code, name) for name in ("Anna", "Bo", "Cas")]
    with pytest.raises(WorkshopFull) as info:
        store.join(created.join_code, "Dirk")
    assert info.value.key == "workshop_full" and info.value.params == {"limit": 3}
    assert "at most 3 participants" in str(info.value)
    assert len(store.dashboard(w, f).participants) == 3
    store.remove_participant(w, f, people[0].participant_id)  # a removed one frees the seat
    assert store.join(created.join_code, "Dirk").display_name == "Dirk"
    with pytest.raises(WorkshopFull):
        store.join(created.join_code, "Eva")


def test_a_facilitator_may_lower_the_cap(stores: Callable[..., Store], problem: Problem) -> None:
    store = stores(max_participants=5)
    created = store.create_workshop("W", problem, max_participants=2)
    info = store.workshop(created.workshop_id, created.facilitator_token)
    assert info.max_participants == 2
    store.join(created.join_code, "Anna")
    store.join(created.join_code, "Bo")
    with pytest.raises(WorkshopFull):
        store.join(created.join_code, "Cas")
    for bad in (0, 6, -1, True, 2.5, "2", 10**400):
        with pytest.raises(InvalidInput) as refused:
            store.create_workshop("W", problem, max_participants=bad)
        assert refused.value.key == "cap_invalid"
        assert len(str(refused.value)) < 200


# -- 2. join rate limits -------------------------------------------------------------------------


def test_joins_per_client_are_limited_across_replicas(stores: Callable[..., Store],
                                                      clock: Clock, problem: Problem) -> None:
    one, two = stores(joins_per_client=3), stores(joins_per_client=3)
    created = one.create_workshop("W", problem)
    code = created.join_code
    one.join(code, "Anna", client="tab-1")
    two.join(code, "Bo", client="tab-1")
    with pytest.raises(NameTaken):  # a refused join counts too
        one.join(code, "anna", client="tab-1")
    with pytest.raises(TooManyAttempts) as info:
        two.join(code, "Cas", client="tab-1")
    assert info.value.key == "join_rate_client"
    assert info.value.params == {"minutes": 1, "time": "09:01"}
    assert "Try again in 1 min (at 09:01 UTC)" in str(info.value)
    assert two.join(code, "Dirk", client="tab-2").display_name == "Dirk"  # others go on
    clock.advance(59)
    with pytest.raises(TooManyAttempts):
        one.join(code, "Cas", client="tab-1")
    clock.advance(1)
    assert one.join(code, "Cas", client="tab-1").display_name == "Cas"


def test_joins_per_network_are_limited(stores: Callable[..., Store], problem: Problem) -> None:
    store = stores(joins_per_network=2)
    created = store.create_workshop("W", problem)
    store.join(created.join_code, "Anna", client="a", network="198.51.100.7")
    store.join(created.join_code, "Bo", client="b", network="198.51.100.7")
    with pytest.raises(TooManyAttempts) as info:
        store.join(created.join_code, "Cas", client="c", network="198.51.100.7")
    assert info.value.key == "join_rate_network"
    store.join(created.join_code, "Cas", client="c", network="198.51.100.8")


def test_joins_per_code_are_limited(stores: Callable[..., Store], clock: Clock,
                                    problem: Problem) -> None:
    store = stores(joins_per_code=4)
    created = store.create_workshop("W", problem)
    other = store.create_workshop("Other", problem)
    for i in range(4):
        store.join(created.join_code, f"P{i}", client=f"c{i}", network=f"n{i}")
    with pytest.raises(TooManyAttempts) as info:
        store.join(created.join_code, "P4", client="c4", network="n4")
    assert info.value.key == "join_rate_code"
    assert store.join(other.join_code, "P4", client="c4").display_name == "P4"
    clock.advance(60)
    assert store.join(created.join_code, "P4", client="c4").display_name == "P4"


def test_attempts_keep_no_client_in_clear_and_expire(stores: Callable[..., Store], clock: Clock,
                                                     problem: Problem) -> None:
    store = stores(lockout_seconds=900, join_window_seconds=60)
    created = store.create_workshop("W", problem)
    store.join(created.join_code, "Anna", client="session-7f3a", network="203.0.113.7")
    dump = _dump(store)
    assert "203.0.113.7" not in dump and "session-7f3a" not in dump
    with store.engine.connect() as conn:
        row = conn.execute(select(JoinAttempt.__table__)).one()
    assert len(row.network_hash) == 64 and len(row.client_hash) == 64
    assert row.network_hash != hashlib.sha256(b"203.0.113.7").hexdigest()  # keyed, not plain
    assert row.code == created.join_code and not row.bad_code
    clock.advance(901)
    store.join(created.join_code, "Bo", client="other")
    with store.engine.connect() as conn:
        rows = conn.execute(select(JoinAttempt.__table__)).all()
    assert [r.client_hash for r in rows] != [row.client_hash]
    assert len(rows) == 1  # the old attempt is gone


# -- 3. wrong codes lock out ---------------------------------------------------------------------


def test_wrong_codes_lock_a_client_out(stores: Callable[..., Store], clock: Clock,
                                       problem: Problem) -> None:
    store = stores(failures_per_client=10, lockout_seconds=900)
    created = store.create_workshop("W", problem)
    wrong = _unused_code(created.join_code)
    for _ in range(10):
        with pytest.raises(WorkshopNotFound):
            store.join(wrong, "Eve", client="eve")
        clock.advance(1)
    with pytest.raises(TooManyAttempts) as info:  # even the right code now
        store.join(created.join_code, "Eve", client="eve")
    assert info.value.key == "code_attempts_client"
    assert info.value.params == {"minutes": 15, "time": "09:15"}  # the first wrong code + 15'
    message = str(info.value)
    assert wrong not in message and created.join_code not in message and "Eve" not in message
    assert store.join(created.join_code, "Ann", client="ann").display_name == "Ann"
    clock.advance(889)  # 09:14:59
    with pytest.raises(TooManyAttempts):
        store.join(created.join_code, "Eve", client="eve")
    clock.advance(1)
    assert store.join(created.join_code, "Eve", client="eve").display_name == "Eve"


def test_wrong_codes_lock_a_network_out(stores: Callable[..., Store], problem: Problem) -> None:
    store = stores(failures_per_network=3)
    created = store.create_workshop("W", problem)
    wrong = _unused_code(created.join_code)
    for i in range(3):
        with pytest.raises(WorkshopNotFound):
            store.join(wrong, "Eve", client=f"fresh-session-{i}", network="192.0.2.1")
    with pytest.raises(TooManyAttempts) as info:
        store.join(created.join_code, "Eve", client="yet-another", network="192.0.2.1")
    assert info.value.key == "code_attempts_network"
    assert store.join(created.join_code, "Eve", network="192.0.2.2").display_name == "Eve"


def test_wrong_codes_from_everyone_are_limited(stores: Callable[..., Store], clock: Clock,
                                               problem: Problem) -> None:
    """Many clients guessing together: after the global number of wrong codes in the window no
    code is looked up (not even a right one, which would tell a guesser it hit)."""
    one, two = stores(failures_global=5), stores(failures_global=5)
    created = one.create_workshop("W", problem)
    wrong = _unused_code(created.join_code)
    for i in range(5):
        with pytest.raises(WorkshopNotFound):
            (one, two)[i % 2].join(wrong, "Eve", client=f"bot-{i}", network=f"bot-net-{i}")
        clock.advance(2)
    with pytest.raises(TooManyAttempts) as info:
        two.join(created.join_code, "Anna", client="anna", network="anna-net")
    assert info.value.key == "code_attempts_global"
    assert info.value.params["time"] == "09:01"
    clock.advance(50)  # the first wrong code (at 09:00:00) has left the minute
    assert one.join(created.join_code, "Anna", client="anna").display_name == "Anna"


def test_impossible_codes_are_refused_without_counting(stores: Callable[..., Store],
                                                       problem: Problem) -> None:
    store = stores(failures_per_client=2)
    created = store.create_workshop("W", problem)
    for garbled in ("", "ABC", "O0O0O0", "' OR 1=1", None):
        with pytest.raises(WorkshopNotFound):
            store.join(garbled, "Eve", client="eve")
    assert store.join(created.join_code, "Eve", client="eve").display_name == "Eve"


# -- 4. removal and replaced links ---------------------------------------------------------------


@pytest.fixture
def room(stores: Callable[..., Store], problem: Problem) -> dict:
    store = stores(**asdict(ROOMY))
    created = store.create_workshop("W", problem)
    anna = store.join(created.join_code, "Anna")
    bo = store.join(created.join_code, "Bo")
    store.submit(created.workshop_id, anna.token, "sliders", EQUAL, {"cost": "mine"})
    store.submit(created.workshop_id, bo.token, "sliders", {**EQUAL, "cost": 0})
    return {"store": store, "w": created.workshop_id, "f": created.facilitator_token,
            "code": created.join_code, "anna": anna, "bo": bo, "problem": problem}


def test_removing_a_participant_drops_their_submissions(room: dict) -> None:
    store, w, f, anna, bo = room["store"], room["w"], room["f"], room["anna"], room["bo"]
    info = store.remove_participant(w, f, anna.participant_id)
    assert info.removed and info.display_name == "Anna"
    for call in (lambda: store.participant_view(w, anna.token),
                 lambda: store.participant_status(w, anna.token),
                 lambda: store.submit(w, anna.token, "sliders", EQUAL)):
        with pytest.raises(LinkRevoked) as denied:
            call()
        assert denied.value.key == "link_removed" and "no longer valid" in str(denied.value)
    dash = store.dashboard(w, f)
    assert [s.participant_id for s in dash.submissions] == [bo.participant_id]
    assert [p.id for p in dash.members(1)] == [bo.participant_id]
    assert [p.removed for p in dash.participants] == [True, False]
    assert store.participant_view(w, bo.token).participants == 1
    assert store.join(room["code"], "Anna").display_name == "Anna"  # the name is free again
    with pytest.raises(InvalidInput) as again:
        store.remove_participant(w, f, anna.participant_id)
    assert again.value.key == "participant_removed"
    with pytest.raises(AccessDenied):
        store.remove_participant(w, bo.token, anna.participant_id)


def test_removing_a_participant_can_keep_their_submissions(room: dict) -> None:
    store, w, f, anna, bo = room["store"], room["w"], room["f"], room["anna"], room["bo"]
    with pytest.raises(InvalidInput) as flag:
        store.remove_participant(w, f, anna.participant_id, keep_submissions="yes")
    assert flag.value.key == "flag_invalid"
    store.remove_participant(w, f, anna.participant_id, keep_submissions=True)
    dash = store.dashboard(w, f)
    assert {s.participant_id for s in dash.submissions} == {anna.participant_id, bo.participant_id}
    assert [p.id for p in dash.members(1)] == [anna.participant_id, bo.participant_id]
    assert [p.id for p in dash.active] == [bo.participant_id]
    view = store.participant_view(w, bo.token)
    assert (view.participants, view.submitted) == (2, 2)
    with pytest.raises(LinkRevoked):
        store.participant_view(w, anna.token)


@pytest.mark.parametrize("bad", [999_999, 0, -1, True, "1", 1.0, None, 10**400])
def test_removing_or_relinking_nobody(room: dict, bad: object) -> None:
    store, w, f = room["store"], room["w"], room["f"]
    before = _dump(store)
    for call in (store.remove_participant, store.revoke_link):
        with pytest.raises(InvalidInput) as info:
            call(w, f, bad)
        assert info.value.key == "participant_unknown"
    assert _dump(store) == before


def test_a_participant_of_another_workshop_cannot_be_removed(room: dict) -> None:
    store = room["store"]
    other = store.create_workshop("Other", room["problem"])
    with pytest.raises(InvalidInput):
        store.remove_participant(other.workshop_id, other.facilitator_token,
                                 room["anna"].participant_id)
    assert not store.dashboard(room["w"], room["f"]).participants[0].removed


def test_replacing_a_link(room: dict) -> None:
    store, w, f, anna = room["store"], room["w"], room["f"], room["anna"]
    new = store.revoke_link(w, f, anna.participant_id)
    assert new.token != anna.token and new.participant_id == anna.participant_id
    assert new.label == anna.label and new.display_name == "Anna"
    with pytest.raises(LinkRevoked) as denied:
        store.participant_view(w, anna.token)
    assert denied.value.key == "link_revoked"
    assert "no longer valid" in str(denied.value) and "new link" in str(denied.value)
    view = store.participant_view(w, new.token)
    assert view.own[1].comments == {"cost": "mine"} and view.me.label == anna.label
    newer = store.revoke_link(w, f, anna.participant_id)
    for old in (anna.token, new.token):
        with pytest.raises(LinkRevoked):
            store.submit(w, old, "sliders", EQUAL)
    store.submit(w, newer.token, "sliders", {**EQUAL, "speed": 0})
    assert anna.token not in _dump(store) and newer.token not in _dump(store)
    other = store.create_workshop("Other", room["problem"])
    with pytest.raises(AccessDenied) as elsewhere:  # replaced here, unknown there
        store.participant_view(other.workshop_id, anna.token)
    assert elsewhere.value.key == "token_wrong"


# -- 5. archiving ----------------------------------------------------------------------------------


def test_archiving_ends_the_participant_links_and_keeps_the_results(room: dict) -> None:
    store, w, f, anna, bo = room["store"], room["w"], room["f"], room["anna"], room["bo"]
    info = store.archive_workshop(w, f)
    assert info.archived and not info.round_open
    for call in (lambda: store.participant_view(w, anna.token),
                 lambda: store.participant_status(w, bo.token),
                 lambda: store.submit(w, anna.token, "sliders", EQUAL),
                 lambda: store.join(room["code"], "Cas")):
        with pytest.raises(WorkshopEnded) as ended:
            call()
        assert ended.value.key == "workshop_ended" and "has ended" in str(ended.value)
    with pytest.raises(AccessDenied):  # a wrong link is still just wrong
        store.participant_view(w, "x" * 43)
    dash = store.dashboard(w, f)
    assert dash.workshop.archived and len(dash.submissions) == 2
    assert "Round 1: 2 submissions" in export.report_html(dash)
    assert export.results_xlsx(dash)
    before = _dump(store)
    for action in (store.close_round, store.reopen_round, store.open_next_round,
                   store.archive_workshop,
                   lambda w_, f_: store.set_settings(w_, f_, show_group=False),
                   lambda w_, f_: store.remove_participant(w_, f_, anna.participant_id),
                   lambda w_, f_: store.revoke_link(w_, f_, anna.participant_id)):
        with pytest.raises(WorkshopEnded) as archived:
            action(w, f)
        assert archived.value.key == "workshop_archived"
    assert _dump(store) == before


# -- 6. no individual weights in a small room ----------------------------------------------------


def test_participants_see_individual_weights_only_from_five(stores: Callable[..., Store],
                                                            problem: Problem) -> None:
    store = stores(**asdict(ROOMY))
    created = store.create_workshop("W", problem)
    w, f = created.workshop_id, created.facilitator_token
    people = [store.join(created.join_code, f"P{i}") for i in range(5)]
    for i, person in enumerate(people[:4]):
        store.submit(w, person.token, "sliders", {"quality": 10 * (i + 1), "speed": 50,
                                                  "cost": 50})
    group = store.participant_view(w, people[0].token).group[1]
    assert group.count == 4 and group.points == ()
    expected = np.mean([[10 * (i + 1), 50, 50] / np.sum([10 * (i + 1), 50, 50])
                        for i in range(4)], axis=0)
    assert [group.mean[c] for c in ("quality", "speed", "cost")] == pytest.approx(expected)
    assert group.median is not None
    store.close_round(w, f)
    store.open_next_round(w, f)
    delphi = store.participant_view(w, people[0].token).group[1]
    assert delphi.count == 4 and delphi.points == ()
    store.submit(w, people[0].token, "sliders", EQUAL)
    store.submit(w, people[4].token, "sliders", EQUAL)
    assert store.participant_view(w, people[0].token).group[2].points == ()


def test_five_submissions_show_the_points(stores: Callable[..., Store],
                                          problem: Problem) -> None:
    store = stores(**asdict(ROOMY))
    created = store.create_workshop("W", problem)
    people = [store.join(created.join_code, f"P{i}") for i in range(5)]
    for i, person in enumerate(people):
        store.submit(created.workshop_id, person.token, "sliders",
                     {"quality": 10 * (i + 1), "speed": 50, "cost": 50})
    group = store.participant_view(created.workshop_id, people[0].token).group[1]
    assert group.count == 5 and len(group.points) == 5


def test_an_undefined_median_is_none_not_a_crash(stores: Callable[..., Store],
                                                 problem: Problem) -> None:
    """Three people who each weigh one criterion only: every criterion's median is zero."""
    store = stores(**asdict(ROOMY))
    created = store.create_workshop("W", problem)
    people = [store.join(created.join_code, f"P{i}") for i in range(3)]
    for person, crit in zip(people, ("quality", "speed", "cost"), strict=True):
        store.submit(created.workshop_id, person.token, "sliders",
                     {c: 100 if c == crit else 0 for c in ("quality", "speed", "cost")})
    group = store.participant_view(created.workshop_id, people[0].token).group[1]
    assert group.median is None and sum(group.mean.values()) == pytest.approx(1.0)


# -- 7. look-alike and invisible names -------------------------------------------------------------


@pytest.mark.parametrize("lookalike", [
    "\u0410nna",                 # Cyrillic capital A
    "Ann\u0430",                 # Cyrillic small a
    "\u0391NNA",                 # Greek capital Alpha
    "\uff21\uff4e\uff4e\uff41",  # full width
    "ANNA", " anna ",
    "\U0001d400nna",             # mathematical bold capital A
])
def test_look_alike_names_are_taken(room: dict, lookalike: str) -> None:
    with pytest.raises(NameTaken):
        room["store"].join(room["code"], lookalike)


def test_different_names_stay_different(room: dict) -> None:
    for name in ("Ann", "Lia", "Ila", "René", "Rene", "Bob", "B0b", "Anna B."):
        assert room["store"].join(room["code"], name).display_name == name
    assert name_key("\u0405\u0435\u0440\u0456") == name_key("sepi")  # Ѕері
    assert name_key("Ёлка") != name_key("елка")  # the diaeresis stays


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
                                  "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
                                  "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_invisible_characters_are_refused(room: dict, char: str) -> None:
    store = room["store"]
    before = _dump(store)
    with pytest.raises(InvalidInput) as name:
        store.join(room["code"], f"Ev{char}e")
    assert name.value.key == "name_invisible"
    assert name.value.params == {"char": f"U+{ord(char):04X}"}
    with pytest.raises(InvalidInput) as title:
        store.create_workshop(f"Room{char} 12", room["problem"])
    assert title.value.key == "title_invisible"
    assert _dump(store) == before


def test_a_name_that_expands_a_lot_still_fits(room: dict) -> None:
    """NFKC turns U+FDFA into 18 characters: 40 of them exceed the key column, so the key is
    hashed (PostgreSQL would refuse the row)."""
    joined = room["store"].join(room["code"], "\ufdfa" * 40)
    assert joined.display_name == "\ufdfa" * 40
    with pytest.raises(NameTaken):
        room["store"].join(room["code"], "\ufdfa" * 40)


# -- 8. numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "key"), [
    (10**400, "value_out_of_range"), (-(10**400), "value_out_of_range"),
    pytest.param(10**5000, "value_out_of_range", id="10**5000"),
    (Fraction(10**400, 3), "value_out_of_range"),
    (Decimal("1e400"), "value_not_number"), (Decimal("NaN"), "value_not_number"),
    (math.nan, "value_not_number"), (-math.inf, "value_not_number"),
    (np.float64("inf"), "value_not_number"), (np.bool_(True), "value_not_number"),
    (False, "value_not_number"), ("1e400", "value_not_number"), (1 + 2j, "value_not_number"),
])
@pytest.mark.parametrize("method", ["sliders", "points", "swing", "ranking"])
def test_numbers_that_are_no_weights(room: dict, value: object, key: str, method: str) -> None:
    store = room["store"]
    before = _dump(store)
    with pytest.raises(InvalidInput) as info:
        store.submit(room["w"], room["anna"].token, method, {**EQUAL, "quality": value})
    assert info.value.key == key
    assert len(str(info.value)) < 200
    if isinstance(value, int) and not isinstance(value, bool):
        assert "digits" in str(info.value)
    assert _dump(store) == before


@pytest.mark.parametrize("bad", [1, "true", "false", np.bool_(True)])
def test_settings_are_booleans(room: dict, bad: object) -> None:
    with pytest.raises(InvalidInput) as info:
        room["store"].set_settings(room["w"], room["f"], show_group=bad)
    assert info.value.key == "flag_invalid"
    with pytest.raises(InvalidInput):
        room["store"].create_workshop("W", room["problem"], anonymous=bad)


# -- 10. the cost of a dashboard -------------------------------------------------------------------


def _queries(store: Store, call: Callable[[], object]) -> int:
    count = 0

    def seen(*_args: object) -> None:
        nonlocal count
        count += 1

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    return count


def test_reads_cost_the_same_queries_for_few_or_many(stores: Callable[..., Store],
                                                     problem: Problem) -> None:
    store = stores(**asdict(ROOMY))
    created = store.create_workshop("W", problem)
    w, f = created.workshop_id, created.facilitator_token
    people = [store.join(created.join_code, f"P{i}") for i in range(3)]
    for person in people:
        store.submit(w, person.token, "sliders", EQUAL, {"cost": "c"})
    me = people[0].token
    store.participant_view(w, me)  # the problem snapshot is read once per process
    few = [_queries(store, lambda: store.dashboard(w, f)),
           _queries(store, lambda: store.participant_view(w, me)),
           _queries(store, lambda: store.participant_status(w, me))]
    people += [store.join(created.join_code, f"Q{i}") for i in range(40)]
    for person in people[3:]:
        store.submit(w, person.token, "sliders", EQUAL, {"cost": "c"})
    store.remove_participant(w, f, people[5].participant_id, keep_submissions=True)
    many = [_queries(store, lambda: store.dashboard(w, f)),
            _queries(store, lambda: store.participant_view(w, me)),
            _queries(store, lambda: store.participant_status(w, me))]
    assert many == few
    assert few[0] <= 4 and few[2] <= 5  # SQLite counts its BEGIN too
    dash = store.dashboard(w, f)
    assert len(dash.participants) == 43 and len(dash.round(1)) == 43
