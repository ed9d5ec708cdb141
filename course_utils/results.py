"""Reading the rows that :func:`course_utils.experiments.compare` returns: select, best per group, text tables.

A row is a dict (see ``compare``); these helpers work on any list of such dicts.
"""

import numbers

import numpy as np

from ._conventions import check_field, check_rows
from ._validation import _show, check_bool

__all__ = ["LAYERS_KEY", "select", "best_per", "larger_is_better", "table"]

#: The field of a row that holds its hidden layers' sizes, e.g. ``(8, 8, 8)`` (``compare`` with tuples in
#: ``hidden_sizes``); different architectures may share ``n_hidden``, the total number of hidden units.
LAYERS_KEY = "hidden_layers"


def select(rows, **criteria):
    """The rows whose fields equal the given values, e.g. ``select(rows, activation="relu", n_hidden=4)``.

    ``hidden_layers`` (:data:`LAYERS_KEY`) is matched as ``compare`` reads it: ``4`` or ``[4]`` is ``(4,)``.
    """
    rows = check_rows("rows", rows, allow_empty=True)
    for key in criteria:
        if rows:
            check_field("criterion", key, rows)
    if LAYERS_KEY in criteria:  # hidden layers as compare takes them: 4 is (4,), a list [4, 4] is (4, 4)
        layers = criteria[LAYERS_KEY]
        criteria[LAYERS_KEY] = (
            tuple(layers) if isinstance(layers, list) else (layers,) if isinstance(layers, numbers.Integral) else layers
        )
    return [row for row in rows if all(row.get(key) == value for key, value in criteria.items())]


def larger_is_better(score):
    """True if a larger ``score`` is better (``*accuracy``), False if smaller is (``*_error``, ``*_cost``).

    The one rule every selection helper follows; any other field name raises, asking for
    ``higher_is_better=`` explicitly.
    """
    if not isinstance(score, str):
        raise TypeError(f"score must be the name of a row field such as 'test_accuracy', got {_show(score)}")
    if score.endswith("accuracy"):
        return True
    if score.endswith(("_error", "_cost")) or score in ("error", "cost"):
        return False
    raise ValueError(
        f"score={score!r}: cannot tell whether larger or smaller is better; pass higher_is_better=True or False"
    )


def best_per(rows, group="activation", score="test_accuracy", higher_is_better=None):
    """For each value of ``group`` (first-seen order), the best non-diverged row by ``score``.

    Accuracies are maximised, ``*_error`` and ``*_cost`` scores (``test_error``, ``final_cost``)
    minimised (:func:`larger_is_better`); ``higher_is_better=True`` or ``False`` overrides this for any
    field. Ties go to the earliest row. A group whose rows all diverged gets its first row. Returns
    a dict ``{group value: row}``.
    """
    rows = check_rows("rows", rows)
    check_field("group", group, rows)
    if not isinstance(score, str) or score not in rows[0]:
        raise ValueError(f"score={_show(score)}, but the rows have no {score!r} (keys: {', '.join(rows[0])})")
    if higher_is_better is None:
        sign = 1.0 if larger_is_better(score) else -1.0
    else:
        sign = 1.0 if check_bool("higher_is_better", higher_is_better) else -1.0
    best = {}
    for row in rows:
        if score not in row:
            raise ValueError(f"score={_show(score)}, but a row has no {score!r} (keys: {', '.join(row)})")
        key = row[group]
        if row["diverged"] and key in best:
            continue
        current = best.get(key)
        if (
            current is None
            or (current["diverged"] and not row["diverged"])
            or (not row["diverged"] and sign * row[score] > sign * current[score])
        ):
            best[key] = row
    return best


_AGGREGATES = {"mean": np.mean, "median": np.median, "min": np.min, "max": np.max}


def table(rows, value="train_accuracy", index="activation", columns="n_hidden", fmt="{:.1f}", agg=None, marks=True):
    """Rows as a printable text table: one line per ``index`` value, one column per ``columns`` value.

    Each cell shows ``fmt.format(row[value])``. Several rows in one cell (e.g. several seeds) need
    ``agg`` ("mean", "median", "min" or "max"). With ``marks``, a diverged model shows "div" and
    an oscillating one gets a "~" after its number; with ``agg``, a cell where some (not all) rows
    diverged gets a "*" and aggregates the others. Rows of different architectures (``compare`` with
    tuples in ``hidden_sizes``: (8,) and (4, 4) both have ``n_hidden`` 8) never share a cell: tabulate
    them by ``columns="hidden_layers"`` (:data:`LAYERS_KEY`).
    """
    rows = check_rows("rows", rows)
    for name, key in (("value", value), ("index", index), ("columns", columns)):
        check_field(name, key, rows)
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format string such as '{{:.1f}}', got {_show(fmt)}")
    marks = check_bool("marks", marks)
    if agg is not None and agg not in _AGGREGATES:
        raise ValueError(f"unknown agg {agg!r}; available: {', '.join(map(repr, _AGGREGATES))}")
    row_keys = list(dict.fromkeys(r[index] for r in rows))
    col_keys = list(dict.fromkeys(r[columns] for r in rows))
    cells = {}
    for r in rows:
        cells.setdefault((r[index], r[columns]), []).append(r)
    text = {}
    for key, group in cells.items():
        architectures = list(dict.fromkeys(r.get(LAYERS_KEY) for r in group))
        if len(architectures) > 1 and LAYERS_KEY not in (index, columns):
            raise ValueError(
                f"the rows with {index}={key[0]!r}, {columns}={key[1]!r} are different networks (hidden layers "
                f"{', '.join(map(str, architectures))}): pass columns={LAYERS_KEY!r} (or select rows first)"
            )
        if len(group) > 1 and agg is None:
            raise ValueError(
                f"{len(group)} rows share {index}={key[0]!r}, {columns}={key[1]!r}; "
                f"pass agg='mean' (or median, min, max) or select rows first"
            )
        ok = [r for r in group if not r.get("diverged")]
        if not ok and marks:
            text[key] = "div"
            continue
        values = [r[value] for r in (ok if marks else group)]
        number = values[0] if agg is None else float(_AGGREGATES[agg](values))
        mark = "~" if marks and any(r.get("oscillating") for r in group) else ""
        mark = "*" if marks and len(ok) < len(group) else mark
        text[key] = fmt.format(number) + mark
    head = [f"{index} \\ {columns}"] + [str(c) for c in col_keys]
    body = [[str(rk)] + [text.get((rk, ck), "") for ck in col_keys] for rk in row_keys]
    widths = [max(len(line[j]) for line in [head] + body) for j in range(len(head))]
    lines = [
        " ".join(cell.ljust(w) if j == 0 else cell.rjust(w) for j, (cell, w) in enumerate(zip(line, widths)))
        for line in [head] + body
    ]
    return "\n".join(lines)
