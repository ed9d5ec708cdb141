"""course_utils.results: select rows, keep the best per group (in the right direction), print tables."""

import pytest

from course_utils import results


def fake_rows():
    def row(act, n, acc, seed=2, osc=False, div=False):
        return {
            "activation": act,
            "n_hidden": n,
            "seed": seed,
            "train_accuracy": acc,
            "oscillating": osc,
            "diverged": div,
        }

    return [row("tanh", 1, 67.25), row("tanh", 4, 90.5, osc=True), row("relu", 1, 63.0), row("relu", 4, 70.0, div=True)]


def test_table_text():
    text = results.table(fake_rows())
    assert text.splitlines() == [
        "activation \\ n_hidden    1     4",
        "tanh                  67.2 90.5~",
        "relu                  63.0   div",
    ]
    plain = results.table(fake_rows(), marks=False, fmt="{:.0f}").splitlines()
    assert plain[2].split() == ["relu", "63", "70"]


def test_table_aggregates_seeds_and_refuses_ambiguity():
    rows = fake_rows() + [dict(fake_rows()[0], seed=3, train_accuracy=70.25)]
    with pytest.raises(ValueError, match="agg='mean'"):
        results.table(rows)
    text = results.table(rows, agg="mean")
    assert text.splitlines()[1].split()[1] == "68.8"  # (67.25 + 70.25) / 2
    with pytest.raises(ValueError, match="unknown agg 'mode'"):
        results.table(rows, agg="mode")
    with pytest.raises(ValueError, match="no field 'test_accuracy'"):
        results.table(rows, value="test_accuracy")
    with pytest.raises(ValueError, match="at least one row"):
        results.table([])


def test_select_and_best_per():
    rows = fake_rows()
    assert [r["n_hidden"] for r in results.select(rows, activation="tanh")] == [1, 4]
    best = results.best_per(rows, score="train_accuracy")
    assert best["tanh"]["n_hidden"] == 4 and best["relu"]["n_hidden"] == 1  # diverged one skipped
    with pytest.raises(ValueError, match="no 'test_accuracy'"):
        results.best_per(rows)


def test_best_per_minimises_errors_and_costs_and_maximises_accuracies():
    rows = [
        dict(row, test_error=1 - row["train_accuracy"] / 100, final_cost=row["n_hidden"] / 10) for row in fake_rows()
    ]
    assert results.best_per(rows, score="test_error")["tanh"]["n_hidden"] == 4  # error 0.095 < 0.3275
    assert results.best_per(rows, score="final_cost")["tanh"]["n_hidden"] == 1  # cost 0.1 < 0.4
    assert results.best_per(rows, score="train_accuracy")["tanh"]["n_hidden"] == 4
    assert results.best_per(rows, score="n_hidden", higher_is_better=True)["tanh"]["n_hidden"] == 4
    assert results.best_per(rows, score="n_hidden", higher_is_better=False)["tanh"]["n_hidden"] == 1
    with pytest.raises(ValueError, match="higher_is_better=True or False"):
        results.best_per(rows, score="seed")
    assert [results.larger_is_better(s) for s in ("test_accuracy", "train_error", "best_cost")] == [True, False, False]
