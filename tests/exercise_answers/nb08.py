"""Wrong answers and direct solutions for notebook 08's exercises (08_activation_comparison); see __init__.py."""

import numpy as np

from course_utils import activations

sigmoid = activations.sigmoid


def _medians(rows, n_hidden, every_width=False):
    groups = {}
    for row in rows:
        if every_width or row["n_hidden"] == n_hidden:
            groups.setdefault(row["activation"], []).append(row["train_accuracy"])
    return {a: float(np.median(v)) for a, v in groups.items()}


def best_by_median(rows, n_hidden):
    medians = _medians(rows, n_hidden)
    return max(medians, key=medians.get)


def best_by_median_sorted(rows, n_hidden):  # another way to write it: sort the groups by their median
    chosen = [row for row in rows if row["n_hidden"] == n_hidden]
    names = sorted({row["activation"] for row in chosen})
    return sorted(names, key=lambda a: np.median([r["train_accuracy"] for r in chosen if r["activation"] == a]))[-1]


def best_by_max(rows, n_hidden):  # one lucky seed decides
    chosen = [row for row in rows if row["n_hidden"] == n_hidden]
    return max(chosen, key=lambda row: row["train_accuracy"])["activation"]


def best_by_mean(rows, n_hidden):  # one stuck seed pulls the mean down
    groups = {}
    for row in rows:
        if row["n_hidden"] == n_hidden:
            groups.setdefault(row["activation"], []).append(row["train_accuracy"])
    return max(groups, key=lambda a: np.mean(groups[a]))


def best_of_every_width(rows, n_hidden):  # forgets to select n_hidden
    medians = _medians(rows, n_hidden, every_width=True)
    return max(medians, key=medians.get)


def best_median_value(rows, n_hidden):  # the number instead of the name
    return max(_medians(rows, n_hidden).values())


def worst_by_median(rows, n_hidden):  # min instead of max
    medians = _medians(rows, n_hidden)
    return min(medians, key=medians.get)


def to_sigmoid(params):
    W2 = params["W2"]
    return {"W1": 2 * params["W1"], "b1": 2 * params["b1"], "W2": 2 * W2, "b2": params["b2"] - W2.sum()}


def to_sigmoid_scalar_b2(params):  # b2 as a plain float: fine
    W2 = params["W2"]
    return {"W1": 2 * params["W1"], "b1": 2 * params["b1"], "W2": 2 * W2, "b2": float(params["b2"][0, 0] - np.sum(W2))}


def no_centring(params):  # forgets the -1 of every unit
    return {"W1": 2 * params["W1"], "b1": 2 * params["b1"], "W2": 2 * params["W2"], "b2": params["b2"]}


def centring_wrong_sign(params):
    W2 = params["W2"]
    return {"W1": 2 * params["W1"], "b1": 2 * params["b1"], "W2": 2 * W2, "b2": params["b2"] + W2.sum()}


def w2_not_doubled(params):
    W2 = params["W2"]
    return {"W1": 2 * params["W1"], "b1": 2 * params["b1"], "W2": W2, "b2": params["b2"] - W2.sum()}


def halved(params):  # the conversion the other way round (sigmoid -> tanh)
    W2 = params["W2"]
    return {"W1": params["W1"] / 2, "b1": params["b1"] / 2, "W2": W2 / 2, "b2": params["b2"] + W2.sum() / 2}


def b1_not_doubled(params):
    W2 = params["W2"]
    return {"W1": 2 * params["W1"], "b1": params["b1"], "W2": 2 * W2, "b2": params["b2"] - W2.sum()}


def in_place(params):  # right values, but the tanh network's arrays are changed: the prose forbids it
    params["b2"] = params["b2"] - params["W2"].sum()
    for key in ("W1", "b1", "W2"):
        params[key] *= 2
    return params


def as_list(params):
    W2 = params["W2"]
    return [2 * params["W1"], 2 * params["b1"], 2 * W2, params["b2"] - W2.sum()]


WRONG = {
    "08.1": ["none", "all", "ALL", "sum", 4, True],
    "08.2": [
        lambda z: activations.sigmoid_derivative(sigmoid(z)),  # the forum's bug: sigma'(A1)
        lambda z: sigmoid(sigmoid(z)) * (1 - sigmoid(sigmoid(z))),  # the same bug, written out
        lambda z: z * (1 - z),  # sigma(1 - sigma) applied to z itself
        sigmoid,  # the activation, not its slope
        lambda z: 1 - np.tanh(z) ** 2,  # tanh's slope
        lambda z: 0.25,  # the slope at 0, one number
        "a * (1 - a)",  # a string
    ],
    "08.3": [no_centring, centring_wrong_sign, w2_not_doubled, halved, b1_not_doubled, as_list, in_place],
    "08.4": [best_by_max, best_by_mean, best_of_every_width, best_median_value, worst_by_median, "tanh"],
}
SOLUTIONS = {
    "08.1": ["some", "Some", " SOME "],  # words in any case
    "08.2": [
        lambda z: sigmoid(z) * (1 - sigmoid(z)),
        activations.sigmoid_derivative,
        lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
    ],
    "08.3": [to_sigmoid, to_sigmoid_scalar_b2],
    "08.4": [best_by_median, best_by_median_sorted],
}
