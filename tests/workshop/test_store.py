"""The workshop store on SQLite and PostgreSQL: roles, tokens, rounds, upserts, restarts, races."""

from __future__ import annotations

import hashlib
import math
import threading
from concurrent.futures import ThreadPoolExecutor, wait

import pytest
from sqlalchemy import select, text

from mcda.model import Problem
from mcda.workshop.models import Participant, Submission, Workshop
from mcda.workshop.store import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AccessDenied,
    InvalidInput,
    Joined,
    NameTaken,
    RoundClosed,
    RoundStateError,
    Store,
    WorkshopNotFound,
    normalise_join_code,
)
from tests.workshop.conftest import BACKENDS

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

EQUAL = {"quality": 50, "speed": 50, "cost": 50}


def test_create_join_submit_and_read_back(store: Store, problem: Problem) -> None:
    created = store.create_workshop("Test workshop", problem)
    assert len(created.join_code) == CODE_LENGTH
    assert set(created.join_code) <= set(CODE_ALPHABET)
    joined = store.join(created.join_code.lower(), "  Anna   de  Vries ")
    assert joined.display_name == "Anna de Vries"
    record = store.submit(created.workshop_id, joined.token, "sliders",
                          {"quality": 100, "speed": 50, "cost": 50},
                          {"cost": "  too cheap?  ", "speed": ""})
    assert record.round == 1
    assert record.weights == pytest.approx({"quality": 0.5, "speed": 0.25, "cost": 0.25})
    assert record.inputs == {"quality": 100.0, "speed": 50.0, "cost": 50.0}
    assert record.comments == {"cost": "too cheap?"}
    dash = store.dashboard(created.workshop_id, created.facilitator_token)
    assert dash.workshop.title == "Test workshop"
    assert dash.workshop.problem == problem
    assert dash.workshop.current_round == 1 and dash.workshop.round_open
    assert [p.display_name for p in dash.participants] == ["Anna de Vries"]
    assert dash.submissions == (record,)
    assert dash.workshop.created_at.tzinfo is not None


@pytest.mark.parametrize(("method", "values", "expected"), [
    ("sliders", {"quality": 30, "speed": 60, "cost": 10}, (0.3, 0.6, 0.1)),
    ("points", {"quality": 20, "speed": 30, "cost": 50}, (0.2, 0.3, 0.5)),
    ("swing", {"quality": 100, "speed": 50, "cost": 50}, (0.5, 0.25, 0.25)),
    # rank order centroid for 3 criteria: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3
    ("ranking", {"quality": 2, "speed": 1, "cost": 3}, (5 / 18, 11 / 18, 2 / 18)),
    # a tie shares the mean of the two positions: (11/18 + 5/18)/2 = 4/9 each
    ("ranking", {"quality": 1, "speed": 1, "cost": 3}, (4 / 9, 4 / 9, 1 / 9)),
])
def test_weighting_methods(store: Store, problem: Problem, method: str, values: dict,
                           expected: tuple[float, ...]) -> None:
    created = store.create_workshop("W", problem)
    joined = store.join(created.join_code, "Bo")
    record = store.submit(created.workshop_id, joined.token, method, values)
    assert record.method == method
    assert [record.weights[c] for c in ("quality", "speed", "cost")] == pytest.approx(expected)


def test_second_submission_replaces_the_first(store: Store, problem: Problem) -> None:
    created = store.create_workshop("W", problem)
    joined = store.join(created.join_code, "Bo")
    first = store.submit(created.workshop_id, joined.token, "sliders", EQUAL, {"cost": "first"})
    second = store.submit(created.workshop_id, joined.token, "points",
                          {"quality": 80, "speed": 10, "cost": 10})
    assert second.submitted_at == first.submitted_at
    assert second.updated_at >= first.updated_at
    assert second.comments == {}
    with store.engine.connect() as conn:
        rows = conn.execute(select(Submission.method, Submission.round)).all()
    assert rows == [("points", 1)]
    dash = store.dashboard(created.workshop_id, created.facilitator_token)
    assert dash.submissions == (second,)


def test_tokens_are_stored_hashed_and_never_in_clear(store: Store, problem: Problem) -> None:
    created = store.create_workshop("W", problem)
    joined = store.join(created.join_code, "Bo")
    assert len(created.facilitator_token) >= 43 and len(joined.token) >= 43
    with store.engine.connect() as conn:
        workshop = conn.execute(select(Workshop.__table__)).one()._asdict()
        person = conn.execute(select(Participant.__table__)).one()._asdict()
    everything = repr(workshop) + repr(person)
    assert created.facilitator_token not in everything
    assert joined.token not in everything
    assert workshop["facilitator_token_hash"] == hashlib.sha256(
        created.facilitator_token.encode()).hexdigest()
    assert person["token_hash"] == hashlib.sha256(joined.token.encode()).hexdigest()


def test_roles_are_separate(store: Store, problem: Problem) -> None:
    created = store.create_workshop("W", problem)
    other = store.create_workshop("Other", problem)
    anna = store.join(created.join_code, "Anna")
    outsider = store.join(other.join_code, "Eve")
    # a participant token does not open the dashboard, nor a facilitator action
    with pytest.raises(AccessDenied):
        store.dashboard(created.workshop_id, anna.token)
    with pytest.raises(AccessDenied):
        store.close_round(created.workshop_id, anna.token)
    # the facilitator token is not a participant token
    with pytest.raises(AccessDenied):
        store.submit(created.workshop_id, created.facilitator_token, "sliders", EQUAL)
    # tokens of another workshop open nothing here
    with pytest.raises(AccessDenied):
        store.submit(created.workshop_id, outsider.token, "sliders", EQUAL)
    with pytest.raises(AccessDenied):
        store.dashboard(created.workshop_id, other.facilitator_token)
    # a participant only ever writes their own row
    store.submit(created.workshop_id, anna.token, "sliders", EQUAL)
    store.submit(other.workshop_id, outsider.token, "sliders", {**EQUAL, "cost": 0})
    dash = store.dashboard(created.workshop_id, created.facilitator_token)
    assert [(s.participant_id, s.weights["cost"]) for s in dash.submissions] == [
        (anna.participant_id, pytest.approx(1 / 3))]


def _state(store: Store) -> list[tuple]:
    """Every row of every table, to prove that a refused request changed nothing."""
    with store.engine.connect() as conn:
        return [tuple(conn.execute(text(f"SELECT * FROM {t} ORDER BY 1")).all())
                for t in ("workshops", "participants", "submissions")]


@pytest.fixture
def running(store: Store, problem: Problem) -> dict:
    created = store.create_workshop("W", problem)
    joined = store.join(created.join_code, "Anna")
    store.submit(created.workshop_id, joined.token, "sliders", EQUAL, {"speed": "fine"})
    return {"w": created.workshop_id, "f": created.facilitator_token, "code": created.join_code,
            "t": joined.token}


def _altered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.mark.parametrize("bad", [
    "", "x" * 10_000, "' OR '1'='1", "%", None, 12345, "altered", "short-but-plausible-token!",
])
def test_guessed_or_altered_tokens_are_refused(store: Store, running: dict, bad: object) -> None:
    before = _state(store)
    for token_kind in ("t", "f"):
        token = _altered(running[token_kind]) if bad == "altered" else bad
        with pytest.raises(AccessDenied) as info:
            store.submit(running["w"], token, "sliders", EQUAL)
        assert "not valid" in str(info.value)
        with pytest.raises(AccessDenied):
            store.participant_view(running["w"], token)
        with pytest.raises(AccessDenied):
            store.dashboard(running["w"], token)
        with pytest.raises(AccessDenied):
            store.close_round(running["w"], token)
    assert _state(store) == before


@pytest.mark.parametrize("bad_id", [
    "0" * 32, "f" * 32, "", "../../etc/passwd", "x" * 5000, None, "A" * 32,
])
def test_workshop_links_that_do_not_exist(store: Store, running: dict, bad_id: object) -> None:
    before = _state(store)
    with pytest.raises(WorkshopNotFound) as info:
        store.dashboard(bad_id, running["f"])
    assert info.value.key == "link_unknown"
    with pytest.raises(WorkshopNotFound):
        store.participant_view(bad_id, running["t"])
    with pytest.raises(WorkshopNotFound):
        store.submit(bad_id, running["t"], "sliders", EQUAL)
    assert _state(store) == before


@pytest.mark.parametrize("code", ["", "ABC", "ZZZZZZZ", "IIIIII", "O0O0O0", "' OR 1=1", None, 7])
def test_unknown_or_garbled_join_codes(store: Store, running: dict, code: object) -> None:
    before = _state(store)
    with pytest.raises(WorkshopNotFound) as info:
        store.join(code, "Bo")
    assert info.value.key == "code_unknown"
    assert _state(store) == before


def test_a_valid_but_unused_join_code(store: Store, running: dict) -> None:
    unused = next(c * CODE_LENGTH for c in CODE_ALPHABET if c * CODE_LENGTH != running["code"])
    with pytest.raises(WorkshopNotFound):
        store.join(unused, "Bo")
    assert normalise_join_code(f" {running['code'][:3].lower()}-{running['code'][3:]} ") \
        == running["code"]


@pytest.mark.parametrize(("name", "key"), [
    ("", "name_empty"), ("   ", "name_empty"), ("\x00\x07", "name_empty"),
    ("\x00\x07\u200b", "name_invisible"), ("\u202eevil", "name_invisible"),
    ("x" * 41, "name_too_long"), ("x" * 1_000_000, "name_too_long"), (None, "name_empty"),
    (42, "name_empty"),
])
def test_bad_display_names(store: Store, running: dict, name: object, key: str) -> None:
    before = _state(store)
    with pytest.raises(InvalidInput) as info:
        store.join(running["code"], name)
    assert info.value.key == key
    assert _state(store) == before


def test_hostile_display_names_are_stored_as_plain_text(store: Store, running: dict) -> None:
    script = store.join(running["code"], "<script>alert('x')</script>")
    assert script.display_name == "<script>alert('x')</script>"
    spaced = store.join(running["code"], "\x07evil\tname\r\n")
    assert spaced.display_name == "evil name"
    exact = store.join(running["code"], "é" * 40)
    assert exact.display_name == "é" * 40
    names = [p.display_name for p in store.dashboard(running["w"], running["f"]).participants]
    assert names == ["Anna", "<script>alert('x')</script>", "evil name", "é" * 40]


def test_display_names_are_unique_per_workshop(store: Store, running: dict,
                                               problem: Problem) -> None:
    before = _state(store)
    with pytest.raises(NameTaken):
        store.join(running["code"], "  ANNA ")
    assert _state(store) == before
    other = store.create_workshop("Other", problem)
    assert store.join(other.join_code, "Anna").display_name == "Anna"


@pytest.mark.parametrize(("method", "values", "key"), [
    ("sliders", {**EQUAL, "quality": math.nan}, "value_not_number"),
    ("sliders", {**EQUAL, "quality": math.inf}, "value_not_number"),
    ("sliders", {**EQUAL, "quality": -1}, "value_out_of_range"),
    ("sliders", {**EQUAL, "quality": 100.5}, "value_out_of_range"),
    ("sliders", {**EQUAL, "quality": 1e308}, "value_out_of_range"),
    ("sliders", {"quality": 0, "speed": 0, "cost": 0}, "all_zero"),
    ("swing", {"quality": 0, "speed": 0, "cost": 0}, "all_zero"),
    ("sliders", {**EQUAL, "quality": True}, "value_not_number"),
    ("sliders", {**EQUAL, "quality": "50"}, "value_not_number"),
    ("sliders", {**EQUAL, "quality": None}, "value_not_number"),
    ("sliders", {**EQUAL, "unknown": 5}, "criteria_unknown"),
    ("sliders", {"quality": 50, "speed": 50}, "criteria_missing"),
    ("sliders", [50, 50, 50], "not_a_mapping"),
    ("magic", EQUAL, "method_unknown"),
    ("points", {"quality": 50, "speed": 50, "cost": 50}, "points_sum"),
    ("points", {"quality": 120, "speed": -10, "cost": -10}, "value_out_of_range"),
    ("ranking", {"quality": 1.5, "speed": 2, "cost": 3}, "rank_not_whole"),
    ("ranking", {"quality": 0, "speed": 1, "cost": 2}, "value_out_of_range"),
    ("ranking", {"quality": 1, "speed": 2, "cost": 4}, "value_out_of_range"),
])
def test_bad_weights_change_nothing(store: Store, running: dict, method: str, values: object,
                                   key: str) -> None:
    before = _state(store)
    with pytest.raises(InvalidInput) as info:
        store.submit(running["w"], running["t"], method, values)
    assert info.value.key == key
    assert str(info.value)
    assert _state(store) == before


@pytest.mark.parametrize(("comments", "key"), [
    ({"speed": "x" * 1001}, "comment_too_long"),
    ({"speed": "x" * 50_000}, "comment_too_long"),
    ({"speed": 12}, "comment_not_text"),
    ({"nonsense": "hi"}, "criteria_unknown"),
    ("just text", "not_a_mapping"),
])
def test_bad_comments_change_nothing(store: Store, running: dict, comments: object,
                                     key: str) -> None:
    before = _state(store)
    with pytest.raises(InvalidInput) as info:
        store.submit(running["w"], running["t"], "sliders", EQUAL, comments)
    assert info.value.key == key
    assert _state(store) == before


def test_bad_titles(store: Store, problem: Problem) -> None:
    for title, key in (("", "title_empty"), ("t" * 201, "title_too_long"), (None, "title_empty")):
        with pytest.raises(InvalidInput) as info:
            store.create_workshop(title, problem)
        assert info.value.key == key
    with pytest.raises(InvalidInput):
        store.create_workshop("W", {"criteria": []})


def test_rounds_close_and_open(store: Store, running: dict) -> None:
    w, f, t = running["w"], running["f"], running["t"]
    with pytest.raises(RoundStateError):
        store.open_next_round(w, f)
    with pytest.raises(RoundStateError):
        store.reopen_round(w, f)
    info = store.close_round(w, f)
    assert (info.current_round, info.round_open) == (1, False)
    before = _state(store)
    with pytest.raises(RoundClosed) as closed:
        store.submit(w, t, "sliders", {**EQUAL, "cost": 0})
    assert "Round 1 is closed" in str(closed.value)
    assert _state(store) == before
    with pytest.raises(RoundStateError):
        store.close_round(w, f)
    store.reopen_round(w, f)
    store.submit(w, t, "sliders", {**EQUAL, "cost": 10})
    store.close_round(w, f)
    info = store.open_next_round(w, f)
    assert (info.current_round, info.round_open) == (2, True)
    store.submit(w, t, "points", {"quality": 50, "speed": 50, "cost": 0})
    dash = store.dashboard(w, f)
    assert [(s.round, s.method, s.inputs["cost"]) for s in dash.submissions] == [
        (1, "sliders", 10.0), (2, "points", 0.0)]
    assert [s.round for s in dash.round(2)] == [2]


def test_participant_view_shows_the_spread_when_allowed(store: Store, problem: Problem) -> None:
    created = store.create_workshop("W", problem, show_group=False)
    w, f = created.workshop_id, created.facilitator_token
    anna = store.join(created.join_code, "Anna")
    bo = store.join(created.join_code, "Bo")
    store.submit(w, bo.token, "sliders", {"quality": 100, "speed": 0, "cost": 0})
    view = store.participant_view(w, anna.token)
    assert view.group == {} and view.own == {}
    assert (view.participants, view.submitted) == (2, 1)
    store.submit(w, anna.token, "sliders", EQUAL)
    assert store.participant_view(w, anna.token).group == {}  # the facilitator hides it
    store.set_settings(w, f, show_group=True)
    view = store.participant_view(w, anna.token)
    assert view.group[1].count == 2
    assert view.group[1].mean["quality"] == pytest.approx((1 / 3 + 1.0) / 2)
    assert view.group[1].points == ()  # two people: no individual weights (see test_abuse)
    assert view.me.display_name == "Anna" and set(view.own) == {1}
    # Delphi: in round 2 the round-1 spread is shown before one submits again
    store.set_settings(w, f, show_group=False)
    store.close_round(w, f)
    store.open_next_round(w, f)
    view = store.participant_view(w, anna.token)
    assert set(view.group) == {1} and view.group[1].count == 2
    assert view.submitted == 0


def test_settings_and_pseudonyms(store: Store, problem: Problem) -> None:
    created = store.create_workshop("W", problem, anonymous=True)
    people = [store.join(created.join_code, name) for name in ("Anna", "Bo", "Cas")]
    dash = store.dashboard(created.workshop_id, created.facilitator_token)
    labels = [p.label for p in dash.participants]
    assert len(set(labels)) == 3 and all(label.startswith("P-") for label in labels)
    assert [dash.name(p.participant_id) for p in people] == labels
    assert [j.label for j in people] == labels
    info = store.set_settings(created.workshop_id, created.facilitator_token, anonymous=False)
    assert not info.anonymous
    dash = store.dashboard(created.workshop_id, created.facilitator_token)
    assert [dash.name(p.participant_id) for p in people] == ["Anna", "Bo", "Cas"]
    assert [p.label for p in dash.participants] == labels  # stable


def test_a_restart_loses_nothing(database_url: str, problem: Problem) -> None:
    first = Store(database_url)
    created = first.create_workshop("W", problem)
    people = [first.join(created.join_code, f"P{i}") for i in range(3)]
    for i, person in enumerate(people):
        first.submit(created.workshop_id, person.token, "sliders",
                     {"quality": 10 * (i + 1), "speed": 50, "cost": 50}, {"cost": f"note {i}"})
    first.close_round(created.workshop_id, created.facilitator_token)
    before = first.dashboard(created.workshop_id, created.facilitator_token)
    first.close()
    second = Store(database_url)
    try:
        after = second.dashboard(created.workshop_id, created.facilitator_token)
        assert after == before
        assert second.participant_view(created.workshop_id, people[1].token).own[1].inputs[
            "quality"] == 20.0
        with pytest.raises(RoundClosed):
            second.submit(created.workshop_id, people[0].token, "sliders", EQUAL)
    finally:
        second.close()


TIMEOUT = 180


def test_fifty_concurrent_participants_lose_and_duplicate_nothing(
        database_url: str, problem: Problem) -> None:
    """Two store objects (two app replicas) on one database; 50 participants join and submit
    twice at once; each ends with exactly one row holding their second submission."""
    replicas = [Store(database_url), Store(database_url)]
    try:
        created = replicas[0].create_workshop("Busy", problem)
        w = created.workshop_id

        def join(i: int) -> Joined:
            return replicas[i % 2].join(created.join_code, f"Participant {i:02d}")

        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = [pool.submit(join, i) for i in range(50)]
            _done, pending = wait(futures, timeout=TIMEOUT)
            assert not pending
            people = [f.result() for f in futures]

        def submit_twice(i: int) -> None:
            store = replicas[i % 2]
            token = people[i].token
            store.submit(w, token, "sliders", {"quality": 1, "speed": 1, "cost": 1})
            store.submit(w, token, "points", {"quality": i, "speed": 100 - i, "cost": 0})

        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = [pool.submit(submit_twice, i) for i in range(50)]
            _done, pending = wait(futures, timeout=TIMEOUT)
            assert not pending
            for future in futures:
                future.result()
        dash = replicas[1].dashboard(w, created.facilitator_token)
        assert len(dash.participants) == 50
        assert len(dash.submissions) == 50
        by_name = {dash.participant(s.participant_id).display_name: s for s in dash.submissions}
        for i in range(50):
            record = by_name[f"Participant {i:02d}"]
            assert record.method == "points"
            assert record.inputs == {"quality": float(i), "speed": float(100 - i), "cost": 0.0}
    finally:
        for replica in replicas:
            replica.close()


def test_closing_a_round_during_a_rush_is_clean(database_url: str, problem: Problem) -> None:
    """Submissions racing with 'close round': each either lands before the close or is refused
    with RoundClosed; nothing is written after the close."""
    store = Store(database_url)
    try:
        created = store.create_workshop("Race", problem)
        w, f = created.workshop_id, created.facilitator_token
        people = [store.join(created.join_code, f"R{i}") for i in range(30)]
        start = threading.Barrier(31, timeout=TIMEOUT)

        def submit(i: int) -> str:
            start.wait()
            try:
                store.submit(w, people[i].token, "sliders", {"quality": i + 1, "speed": 1,
                                                             "cost": 1})
            except RoundClosed:
                return "refused"
            return "saved"

        def close() -> str:
            start.wait()
            store.close_round(w, f)
            return "closed"

        with ThreadPoolExecutor(max_workers=31) as pool:
            futures = [pool.submit(submit, i) for i in range(30)] + [pool.submit(close)]
            _done, pending = wait(futures, timeout=TIMEOUT)
            assert not pending
            outcomes = [fut.result() for fut in futures[:30]]
        dash = store.dashboard(w, f)
        saved = {f"R{i}" for i, o in enumerate(outcomes) if o == "saved"}
        assert {dash.participant(s.participant_id).display_name for s in dash.submissions} == saved
        assert not dash.workshop.round_open
        with pytest.raises(RoundClosed):
            store.submit(w, people[0].token, "sliders", EQUAL)
    finally:
        store.close()
