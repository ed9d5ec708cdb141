"""Checks of notebook 11's exercises (11_going_deeper)."""

import functools

import numpy as np

from .. import datasets, deep
from ..network import compute_cost
from ._registry import register
from .feedback import choice, correct, describe, fmt, function, not_yet, require, safe_call

# --- 11.1: the forward loop, written by the learner -----------------------------------------------------------

#: (layer_dims, activation, seed) of the networks the learner's loop runs on: 2, 3 and 4 layers.
FORWARD_CASES = (([2, 3, 1], "relu", 1), ([2, 3, 3, 1], "tanh", 2), ([2, 4, 3, 2, 1], "sigmoid", 3))
GRADIENT_CHECK_TOLERANCE = 1e-6
_EPSILON = 1e-6


@functools.lru_cache(maxsize=1)
def _flower_sample():
    """Every 20th point of the flower data: X (2, 20), Y (1, 20)."""
    X, Y = datasets.load_planar_dataset()
    return X[:, ::20], Y[:, ::20]


def _case_params(dims, act, seed):
    """A plain dict of weights (biases drawn too, so that no unit sits exactly on ReLU's kink)."""
    params = dict(deep.initialize_parameters_deep(dims, "xavier", seed, act))
    rs = np.random.RandomState(seed + 100)
    for key in params:
        if key.startswith("b"):
            params[key] = 0.1 * rs.randn(*params[key].shape)
    return params


def _run_forward(forward, X, params, act, at):
    """The learner's ``(AL, caches)``, checked for its form."""
    result = safe_call("forward", forward, X, dict(params), act, at=at)
    require(result is not None, "`forward` returned None: did you forget `return AL, caches`?")
    require(
        isinstance(result, tuple) and len(result) == 2,
        f"`forward` should return two things, `AL, caches`; it returned {describe(result)}",
    )
    AL, caches = result
    require(
        isinstance(AL, np.ndarray),
        f"the first thing `forward` returns should be AL, an array; it is {describe(AL)}",
    )
    require(
        isinstance(caches, (list, tuple)),
        "the second thing `forward` returns should be `caches`, a list of the layers' caches; "
        f"it is {describe(caches)}",
    )
    return AL, caches


@register("11.1", forward="your function forward(X, params, activation): the L-layer forward loop returning AL, caches")
def check_11_1(forward):
    """Run the learner's loop on 2- to 4-layer networks: AL against deep.model_forward, then a gradient check of
    deep.model_backward on the learner's caches against finite differences of the learner's own cost."""
    function("forward", forward, of="X, params, activation")
    X, Y = _flower_sample()
    for dims, act, seed in FORWARD_CASES:
        n_layers = len(dims) - 1
        at = f"a network with layer_dims {dims} and activation {act!r}"
        params = _case_params(dims, act, seed)
        AL, caches = _run_forward(forward, X, params, act, at)
        expected, reference = deep.model_forward(X, params, activation=act)
        require(
            len(caches) == n_layers,
            f"for {at} `caches` has {len(caches)} entries; it should have one per layer, {n_layers}: "
            + (
                "did the loop stop one layer early? Layers 1..L-1 use the activation, then layer L the sigmoid"
                if len(caches) == n_layers - 1
                else "append each layer's cache once, the output layer's too"
            ),
        )
        require(
            AL.shape == expected.shape,
            f"for {at} AL has shape {AL.shape}; it should be {expected.shape}, one probability per example",
        )
        if not np.allclose(AL, expected, rtol=1e-9, atol=1e-12):
            Z_L = reference[-1][1]
            hint = "layers 1..L-1 apply `activation`, and the last layer, L = len(params) // 2, the sigmoid"
            if np.allclose(AL, Z_L, rtol=1e-9, atol=1e-12):
                hint = "AL equals Z^[L]: the last layer must apply the sigmoid"
            elif np.allclose(AL, deep.linear_activation_forward(reference[-1][0][0], *reference[-1][0][1:], act)[0]):
                hint = f"the last layer applied {act!r}; the output unit L uses 'sigmoid'"
            gap = fmt(np.max(np.abs(AL - expected)))
            return not_yet(f"for {at} your AL differs from the network's (largest gap {gap}); {hint}")
        grads = safe_call(
            "deep.model_backward on your caches",
            deep.model_backward,
            AL,
            Y,
            list(caches),
            act,
            at=f"{at} (each cache should be ((A_prev, W, b), Z), as deep.linear_activation_forward returns it)",
        )
        worst = 0.0
        for key in (f"{kind}{layer}" for layer in range(1, n_layers + 1) for kind in "Wb"):
            numeric = np.zeros_like(params[key])
            for index in np.ndindex(params[key].shape):
                costs = []
                for step in (_EPSILON, -_EPSILON):
                    moved = {name: value.copy() for name, value in params.items()}
                    moved[key][index] += step
                    costs.append(compute_cost(_run_forward(forward, X, moved, act, at)[0], Y))
                numeric[index] = (costs[0] - costs[1]) / (2 * _EPSILON)
            analytic = np.asarray(grads["d" + key], dtype=float)
            require(
                analytic.shape == numeric.shape,
                f"for {at} the backward pass on your caches gives d{key} of shape {analytic.shape}, not "
                f"{numeric.shape}: check the order of your caches (layer 1 first)",
            )
            scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
            worst = max(worst, np.linalg.norm(analytic - numeric) / scale if scale else 0.0)
        require(
            worst < GRADIENT_CHECK_TOLERANCE,
            f"for {at} the gradient check fails (relative error {fmt(worst)}): the backward pass on your caches "
            "disagrees with finite differences of your cost; each cache must be the ((A_prev, W, b), Z) of its layer",
        )
    return correct(
        "your loop gives the network's AL on 2-, 3- and 4-layer networks, and the backward pass on your caches passes "
        "the gradient check: each layer's cache keeps exactly what backpropagation needs, A_prev, W, b and Z."
    )


# --- 11.2: a wider network with init 0.01 (a prediction) -------------------------------------------------------

PREDICTIONS = ("quarters", "halves", "same", "doubles", "quadruples")
_RATIOS = dict(zip(PREDICTIONS, (0.25, 0.5, 1.0, 2.0, 4.0)))
DEPTH, WIDTHS, SEEDS = 15, (64, 256), (0, 1, 2, 3, 4)


@functools.lru_cache(maxsize=1)
def wider_decays():
    """Median decay per layer of section 2's sigma stack with init 0.01, at 64 and at 256 units per layer."""
    X, Y = datasets.load_planar_dataset()
    X, Y = X[:, ::4], Y[:, ::4]  # section 2's 100 points
    decays = {}
    for width in WIDTHS:
        dims = [2] + [width] * (DEPTH - 1) + [1]
        measured = []
        for seed in SEEDS:
            P = deep.initialize_parameters_deep(dims, 0.01, seed, "sigmoid")
            AL, caches = deep.model_forward(X, P)
            grads = deep.model_backward(AL, Y, caches)
            shrink = np.linalg.norm(grads["dA1"]) / np.linalg.norm(grads[f"dA{DEPTH - 1}"])
            measured.append(shrink ** (1 / (DEPTH - 2)))
        decays[width] = float(np.median(measured))
    return decays


@register(
    "11.2",
    reveals=("from 0.020 to 0.040 per layer",),
    prediction="your prediction for the decay per layer with 256 units: 'quarters', 'halves', 'same', 'doubles' or "
    "'quadruples'",
)
def check_11_2(prediction):
    """A prediction, compared with the measured ratio of the decays at 256 and at 64 units (5 seeds)."""
    predicted = choice("prediction", prediction, PREDICTIONS)
    decays = wider_decays()
    ratio = decays[WIDTHS[1]] / decays[WIDTHS[0]]
    happened = min(PREDICTIONS, key=lambda name: abs(np.log(ratio / _RATIOS[name])))
    if predicted != happened:
        return not_yet(
            f"you predicted '{predicted}'; run the networks (the cell after the solution) and compare. With a fixed "
            "standard deviation s, a layer multiplies the gradient by about s·√n times a typical σ′: what does "
            "√n do when n is 4 times larger?"
        )
    return correct(
        f"the decay per layer goes from {decays[WIDTHS[0]]:.3f} to {decays[WIDTHS[1]]:.3f} ({ratio:.2f} times): "
        "with a fixed s each layer scales the gradient by about s·√n·σ′, and √(4n) = 2√n. LeCun, Xavier and He "
        "divide s by √n, so their factors do not depend on the width."
    )


# --- 11.3: He's init from a uniform distribution ---------------------------------------------------------------

_SHAPES = ((200, 300), (50, 4000), (1000, 60))  # (n_in, n_out)


@register("11.3", he_uniform="your function he_uniform(n_in, n_out, rs): an (n_out, n_in) array, uniform on [-r, r]")
def check_11_3(he_uniform):
    """Draw large matrices with the learner's function: shape, reproducibility from rs, range [-r, r], variance."""
    function("he_uniform", he_uniform, of="n_in, n_out, rs")
    for n_in, n_out in _SHAPES:
        at = f"n_in = {n_in}, n_out = {n_out}"
        W = safe_call("he_uniform", he_uniform, n_in, n_out, np.random.RandomState(0), at=at)
        require(W is not None, "`he_uniform` returned None: did you forget `return`?")
        again = safe_call("he_uniform", he_uniform, n_in, n_out, np.random.RandomState(0), at=at)
        try:
            W, again = np.asarray(W, dtype=float), np.asarray(again, dtype=float)
        except (TypeError, ValueError):
            return not_yet(f"`he_uniform` should return an array of numbers; for {at} it returned {describe(W)}")
        if W.shape == (n_in, n_out) and n_in != n_out:
            return not_yet(
                f"for {at} your array has shape {W.shape}: W[l] is (n_out, n_in), one row per unit (transpose it)"
            )
        require(W.shape == (n_out, n_in), f"for {at} `he_uniform` should return shape {(n_out, n_in)}, got {W.shape}")
        require(
            again.shape == W.shape and np.array_equal(W, again),
            "two calls with np.random.RandomState(0) gave different weights: draw from `rs` (rs.uniform), not from "
            "numpy's global generator (np.random.uniform)",
        )
        r = np.sqrt(6 / n_in)
        variance, target = float(np.mean(W**2)), 2 / n_in
        require(
            abs(float(W.mean())) < 0.05 * r,
            f"for {at} the mean of your weights is {fmt(W.mean())}: draw on [-r, r], centred on 0",
        )
        if np.max(np.abs(W)) > r * (1 + 1e-9):
            wide = np.max(np.abs(W)) > 1.2 * r
            shape = "a normal distribution" if wide else "a uniform distribution that is too wide"
            return not_yet(
                f"for {at} some weights reach {fmt(np.max(np.abs(W)))}, beyond ±{fmt(r)}: this looks like {shape}; "
                "draw uniformly on [-r, r] with r²/3 = 2/n_in"
            )
        require(
            abs(variance / target - 1) < 0.05,
            f"for {at} your weights have variance {fmt(variance)}, but He's is 2/n_in = {fmt(target)} "
            f"({fmt(variance / target, 3)} times it): the uniform distribution on [-r, r] has variance r²/3; "
            "solve r²/3 = 2/n_in for r",
        )
    return correct(
        "r = √(6/n_in) gives the variance r²/3 = 2/n_in, He's: the same spread as randn·√(2/n_in), drawn uniformly, "
        "as Glorot's normalised init is the uniform version of Xavier's."
    )
