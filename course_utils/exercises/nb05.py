"""Checks of notebook 05's exercises (05_elu)."""

import functools

import numpy as np

from .. import activations, deep_stack
from ._registry import register
from .feedback import (
    Rejected,
    array,
    arrays_close,
    choice,
    compare_on_grid,
    correct,
    function,
    gradient_check,
    not_yet,
    require,
    safe_call,
)

#: Exercise 1's grid: large |z| both ways (overflow at z >= 710 if exp sees it), tiny z (where exp(z) - 1 loses
#: digits), 0, and ordinary values.
ELU_GRID = np.array(
    [-1000.0, -710.0, -50.0, -5.0, -1.0, -0.5, -1e-5, -1e-10, -1e-17, 0.0, 1e-17, 1e-10, 0.5, 1.0, 5.0, 50.0]
    + [709.0, 710.0, 1000.0]
)
#: Exercise 2's grid: ELU from -8 to 4, no point within 1e-3 of the kink at 0 (finite differences straddle it).
BACKWARD_GRID = np.linspace(-8.0, 4.0, 61) + 0.01
#: Exercise 3's stack: notebook 05, section 2 (20 layers, width 256, 250 examples), seed 0, SELU with He weights.
STACK = {"n_layers": 20, "width": 256, "m": 250, "seed": 0}


@register("05.1", my_elu="a function my_elu(z, alpha=1.0) that returns ELU of the array z")
def check_05_1(my_elu):
    """ELU from np.where and np.expm1 on min(z, 0): accurate near 0, no overflow for large z."""
    function("my_elu", my_elu)
    z = ELU_GRID
    for alpha in (1.0, 2.0):
        expected = activations.elu(z, alpha=alpha)
        try:
            if alpha == 1.0:  # called as my_elu(z): names the first z that raises or overflows
                got = compare_on_grid("my_elu", my_elu, expected, z, errstate="raise", rtol=0.0, atol=np.inf)
            else:
                got = safe_call("my_elu", my_elu, z, alpha, errstate="raise", at=f"alpha = {alpha}")
        except Rejected as rejected:
            if "overflow" not in str(rejected):
                raise
            raise Rejected(
                f"{rejected.feedback.message.removeprefix('Not yet: ')}: np.where computes both branches at every z, "
                "so the exponential also sees the large positive z; give it np.minimum(z, 0) instead of z "
                "(np.expm1(np.minimum(z, 0)))"
            ) from rejected
        got = array(f"my_elu(z, {alpha})", got, shape=z.shape)
        with np.errstate(all="ignore"):
            wrong = ~np.isclose(got, expected, rtol=1e-12, atol=0.0)
        near_zero_only = wrong.any() and np.all(np.abs(z[wrong]) < 1e-4)
        hint = (
            "near 0, np.exp(z) - 1 loses digits (it gives 0 at z = -1e-17): use np.expm1(z)"
            if near_zero_only
            else f"ELU is z for z > 0 and α (e^z - 1) for z ≤ 0, here with α = {alpha}"
        )
        arrays_close(f"my_elu(z, {alpha})", got, expected, rtol=1e-12, atol=0.0, where=z, hint=hint)
    return correct(
        "np.where picks z for z > 0 and α·expm1 elsewhere; expm1 keeps every digit near 0, and feeding it "
        "np.minimum(z, 0) (or only the negative z) keeps the unused branch from overflowing at z = 710 and beyond."
    )


@register("05.2", elu_backward="a function elu_backward(dA, A, alpha=1.0) that returns dZ")
def check_05_2(elu_backward):
    """For z <= 0, ELU'(z) = alpha e^z = A + alpha: the backward pass needs only A."""
    backward = function("elu_backward", elu_backward, of="(dA, A, alpha)")
    z = BACKWARD_GRID
    rng = np.random.RandomState(52)
    dA = rng.standard_normal(z.shape)
    for alpha in (1.0, 0.5, 2.0):
        A = activations.elu(z, alpha=alpha)
        got = safe_call("elu_backward", backward, dA, A, alpha, at=f"alpha = {alpha}")
        require(got is not None, "`elu_backward` returned None: did you forget `return`?")
        got = array("elu_backward(dA, A, alpha)", got, shape=z.shape)
        derivative = activations.elu_derivative(z, alpha=alpha)
        negative = z < 0
        with np.errstate(all="ignore"):
            require(
                not np.allclose(got, derivative),
                "you returned the derivative itself; dZ is dA times the derivative",
            )
            require(
                not np.allclose(got[negative], (dA * A)[negative]),
                f"with alpha = {alpha}, for z < 0 your dZ is dA · A; but ELU'(z) = α e^z and A = α (e^z - 1): "
                "what do you add to A?",
            )
            require(
                not np.allclose(got[negative], (dA * alpha * np.exp(A))[negative]),
                "you computed α e^A, treating A as if it were z; write α e^z in terms of A = α (e^z - 1) instead",
            )
            require(
                not np.allclose(got[negative], 0.0),
                "your dZ is 0 for every z < 0: that is ReLU's mask; ELU's slope there is α e^z, not 0",
            )
            require(
                not (np.allclose(got[negative], (alpha * dA)[negative]) and alpha > 0),
                f"with alpha = {alpha}, your slope for z < 0 is the constant α; ELU's slope there is α e^z, which "
                "falls toward 0 as z → -∞",
            )
        arrays_close(
            "elu_backward(dA, A, alpha)",
            got,
            dA * derivative,
            rtol=1e-9,
            atol=1e-12,
            where=z,
            hint=f"with alpha = {alpha}, dZ must be dA where A > 0 and dA · α e^z where A ≤ 0",
        )
        gradient_check(
            f"the slope from elu_backward (alpha = {alpha})",
            lambda zz, a=alpha: backward(np.ones_like(zz), activations.elu(zz, alpha=a), a),
            lambda zz, a=alpha: activations.elu(zz, alpha=a),
            z,
        )
    return correct(
        "for z ≤ 0, α e^z = α (e^z - 1) + α = A + α, so dZ = dA where A > 0 and dA · (A + α) elsewhere: like ReLU's "
        "mask and tanh's 1 - A², ELU's backward pass needs no Z."
    )


@functools.lru_cache(maxsize=1)
def _selu_he_std():
    """Standard deviation of each layer of notebook 05's SELU stack with He weights (seed 0)."""
    return deep_stack.layer_statistics("selu", init="he", **STACK)["std"]


@register(
    "05.3",
    reveals=("spread grows in every seed",),
    selu_he_std='your prediction: "grows", "stays" or "shrinks"',
)
def check_05_3(selu_he_std):
    """With He weights (twice LeCun's variance), SELU's spread grows layer after layer."""
    prediction = choice("selu_he_std", selu_he_std, ("grows", "stays", "shrinks"))
    std = _selu_he_std()
    if prediction == "stays":
        return not_yet(
            "SELU's constants make mean 0 and variance 1 a fixed point for weights of variance 1/fan-in (LeCun); He "
            "weights double the variance of every z: is a layer's output then as large as its input? Run the next "
            "cell to see"
        )
    if prediction == "shrinks":
        return not_yet(
            "He weights are larger than LeCun's (variance 2/256 instead of 1/256), not smaller: larger z give larger "
            "SELU outputs; run the next cell to see"
        )
    return correct(
        f"with He weights SELU's standard deviation grows from {std[0]:.2f} at layer 1 to {std[-1]:.1f} at layer "
        f"{STACK['n_layers']} (seed 0): the fixed point at variance 1 exists only for weights of variance 1/fan-in, "
        "and each larger-than-1 layer makes the next one larger still."
    )
