"""Two writers on the same measurement at the same moment (issue 11): a file import and a pilot's entry.

Before the key on (indicator, site, period, version) both took "current version + 1" and both committed: two
rows with the same version, and a sum indicator read 10 + 20 = 30. Now the second commit fails, the whole
validation and load is tried again, and the value is stored once (or refused in words)."""

from __future__ import annotations

import threading

import polars as pl
import pytest

import smqse.ingest.load as loader
from smqse import db
from smqse.ingest import import_bytes, import_frame
from tests.ingest.test_measurements import fr_csv

KEY = "indicator_id = 'Q-NC-INT' AND site_id = 'LYON'"  # a sum indicator of the pilot u-prod


def _entry(period: str, value: str) -> pl.DataFrame:
    return pl.DataFrame(
        {"indicator_id": ["Q-NC-INT"], "site_id": ["LYON"], "period": [period], "value": [value],
         "numerator": [None], "denominator": [None], "comment": [None]},
        schema={c: pl.String for c in ("indicator_id", "site_id", "period", "value", "numerator",
                                       "denominator", "comment")},
    )  # fmt: skip


def _duplicate_versions(con) -> list[tuple]:
    return con.execute(
        "SELECT indicator_id, site_id, period, version, count(*) FROM measurement "
        "GROUP BY ALL HAVING count(*) > 1"
    ).fetchall()


def _versions(con, period: str) -> list[tuple]:
    return con.execute(
        f"SELECT version, value FROM measurement WHERE {KEY} AND period = DATE '{period}-01' ORDER BY version"
    ).fetchall()


@pytest.fixture(autouse=True)
def no_pause(monkeypatch):
    monkeypatch.setattr(db, "_RETRY_PAUSE_S", 0.0)


def test_a_write_committed_between_insert_and_commit_is_not_duplicated(con, users, monkeypatch):
    # A (the import) has inserted version 2 but not committed; B (the pilot's entry) inserts and commits
    # version 2 meanwhile; then A commits.
    import_bytes(con, fr_csv("Q-NC-INT;LYON;2001-01;7;;;"), "v1.csv", user=users["u-qse"])
    raced = []

    def other_writer_commits(step: str) -> None:
        if step == "rows" and not raced:
            raced.append(step)
            entry = import_frame(con, _entry("2001-01", "20"), kind="measurements", user=users["u-prod"],
                                 file_name="entry 2001-01", lang="en", reason="count redone")  # fmt: skip
            assert entry.written

    monkeypatch.setattr(loader, "_checkpoint", other_writer_commits)
    result = import_bytes(
        con, fr_csv("Q-NC-INT;LYON;2001-01;10;;;"), "v2.csv", user=users["u-qse"], lang="en"
    )
    assert result.written and not result.problems
    assert _duplicate_versions(con) == []
    assert _versions(con, "2001-01") == [(1, 7.0), (2, 20.0), (3, 10.0)]  # A re-read B's version 2
    current = con.execute(
        f"SELECT sum(value) FROM measurement_current WHERE {KEY} AND period = DATE '2001-01-01'"
    )
    assert current.fetchall() == [(10.0,)]


def test_a_writer_that_loses_every_time_is_told_in_words(con, users, monkeypatch):
    values = iter(range(20, 40))

    def someone_else_always_first(step: str) -> None:
        if step == "rows":
            monkeypatch.setattr(loader, "_checkpoint", lambda step: None)
            other = import_bytes(con, fr_csv(f"Q-NC-INT;LYON;2001-01;{next(values)};;;"), "o.csv",
                                 user=users["u-qse"])  # fmt: skip
            assert other.written
            monkeypatch.setattr(loader, "_checkpoint", someone_else_always_first)

    monkeypatch.setattr(loader, "_checkpoint", someone_else_always_first)
    batches = con.execute("SELECT count(*) FROM import_batch").fetchall()[0][0]
    result = import_bytes(
        con, fr_csv("Q-NC-INT;LYON;2001-01;7;;;"), "mine.csv", user=users["u-qse"], lang="en"
    )
    assert not result.written
    assert [p.code for p in result.problems] == ["write_conflict"]
    assert "someone else saved values on the same rows at the same moment" in result.problems[0].message
    assert "mine.csv" in result.problems[0].message
    # Three attempts, three other writers' imports kept, nothing of ours.
    assert con.execute("SELECT count(*) FROM import_batch").fetchall()[0][0] == batches + db.WRITE_ATTEMPTS
    assert [v for _, v in _versions(con, "2001-01")] == [20.0, 21.0, 22.0]
    assert _duplicate_versions(con) == []
    # The same refusal in French.
    fr = import_bytes(con, fr_csv("Q-NC-INT;LYON;2001-01;7;;;"), "mine.csv", user=users["u-qse"], lang="fr")
    assert "quelqu'un d'autre a enregistré" in fr.problems[0].message


def test_an_import_and_an_entry_racing_store_one_value(con, users):
    # 20 rounds, each on a month with no value yet: the QSE lead's file says 10, the pilot types 20.
    months = [f"{2002 + i // 12}-{i % 12 + 1:02d}" for i in range(20)]
    outcomes: list[tuple[str, object]] = []

    def run(barrier: threading.Barrier, name: str, write) -> None:
        barrier.wait()
        try:
            outcomes.append((name, write()))
        except Exception as error:  # noqa: BLE001  the test reports any exception below
            outcomes.append((name, error))

    for month in months:
        barrier = threading.Barrier(2)
        file_import = lambda m=month: import_bytes(  # noqa: E731
            con, fr_csv(f"Q-NC-INT;LYON;{m};10;;;"), f"{m}.csv", user=users["u-qse"], lang="en"
        )
        entry = lambda m=month: import_frame(  # noqa: E731
            con, _entry(m, "20"), kind="measurements", user=users["u-prod"], file_name=f"entry {m}", lang="en"
        )
        threads = [threading.Thread(target=run, args=(barrier, n, w)) for n, w in (("file", file_import),
                                                                                    ("entry", entry))]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        total = con.execute(
            f"SELECT sum(value) FROM measurement_current WHERE {KEY} AND period = DATE '{month}-01'"
        ).fetchall()[0][0]
        assert total in (10.0, 20.0), (month, _versions(con, month))
    errors = [(n, o) for n, o in outcomes if isinstance(o, Exception)]
    assert errors == []
    assert len(outcomes) == 2 * len(months)
    # Whoever came second either found the other's value and needed a reason to correct it (the pilot), or
    # wrote a new version (the lead's file), or was told in words to try again.
    codes = {p.code for _, o in outcomes for p in o.problems}
    assert codes <= {"reason_required", "write_conflict"}
    assert _duplicate_versions(con) == []
