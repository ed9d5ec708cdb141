"""The registry: one keyword declaration per built-in activation, in course order, ``available()`` and ``nonlinear()``.

This is the one list of built-in activations. Adding one: see "Add an activation" in CONTRIBUTING.md.
Each entry is a :class:`~._declaration.BuiltIn`: label, function, derivative, kernel factory,
parameters, limits at -inf/+inf (value, derivative) and relative cost. ``activations.declaration(name)``
hands an entry out read-only (the tests build their cases from it).
"""

import numpy as np

from ._declaration import BuiltIn
from ._functions import (
    ALPHA,
    BETA,
    OFFSET,
    SELU_ALPHA,
    SELU_SCALE,
    SLOPE,
    elu,
    elu_derivative,
    elu_kernel,
    gelu,
    gelu_derivative,
    gelu_kernel,
    identity,
    identity_derivative,
    identity_kernel,
    leaky_relu,
    leaky_relu_derivative,
    leaky_relu_kernel,
    relu,
    relu_derivative,
    relu_kernel,
    selu,
    selu_derivative,
    selu_kernel,
    sigmoid,
    sigmoid_derivative,
    sigmoid_kernel,
    silu,
    silu_derivative,
    silu_kernel,
    softplus,
    softplus_derivative,
    softplus_kernel,
    tanh,
    tanh_derivative,
    tanh_kernel,
)

_BUILT_INS = (
    BuiltIn(
        name="sigmoid",
        label="σ",
        function=sigmoid,
        derivative=sigmoid_derivative,
        kernel=sigmoid_kernel,
        params=(OFFSET,),
        at_minus_inf=(0.0, 0.0),
        at_plus_inf=(1.0, 0.0),
        relative_cost=1.2,
    ),
    BuiltIn(
        name="tanh",
        label="tanh",
        function=tanh,
        derivative=tanh_derivative,
        kernel=tanh_kernel,
        at_minus_inf=(-1.0, 0.0),
        at_plus_inf=(1.0, 0.0),
        relative_cost=1.0,
    ),
    BuiltIn(
        name="relu",
        label="ReLU",
        function=relu,
        derivative=relu_derivative,
        kernel=relu_kernel,
        at_minus_inf=(0.0, 0.0),
        at_plus_inf=(np.inf, 1.0),
        relative_cost=0.5,
    ),
    BuiltIn(
        name="leaky_relu",
        label="leaky ReLU",
        function=leaky_relu,
        derivative=leaky_relu_derivative,
        kernel=leaky_relu_kernel,
        params=(SLOPE,),
        at_minus_inf=(-np.inf, SLOPE.default),
        at_plus_inf=(np.inf, 1.0),
        relative_cost=0.8,
    ),
    BuiltIn(
        name="softplus",
        label="softplus",
        function=softplus,
        derivative=softplus_derivative,
        kernel=softplus_kernel,
        params=(BETA,),
        at_minus_inf=(0.0, 0.0),
        at_plus_inf=(np.inf, 1.0),
        relative_cost=1.8,
    ),
    BuiltIn(
        name="elu",
        label="ELU",
        function=elu,
        derivative=elu_derivative,
        kernel=elu_kernel,
        params=(ALPHA,),
        at_minus_inf=(-ALPHA.default, 0.0),
        at_plus_inf=(np.inf, 1.0),
        relative_cost=1.2,
    ),
    BuiltIn(
        name="selu",
        label="SELU",
        function=selu,
        derivative=selu_derivative,
        kernel=selu_kernel,
        at_minus_inf=(-SELU_SCALE * SELU_ALPHA, 0.0),
        at_plus_inf=(np.inf, SELU_SCALE),
        relative_cost=1.4,
    ),
    BuiltIn(
        name="gelu",
        label="GELU",
        function=gelu,
        derivative=gelu_derivative,
        kernel=gelu_kernel,
        at_minus_inf=(0.0, 0.0),
        at_plus_inf=(np.inf, 1.0),
        relative_cost=3.0,
    ),
    BuiltIn(
        name="silu",
        label="SiLU",
        function=silu,
        derivative=silu_derivative,
        kernel=silu_kernel,
        at_minus_inf=(0.0, 0.0),
        at_plus_inf=(np.inf, 1.0),
        relative_cost=1.3,
    ),
    BuiltIn(
        name="identity",
        label="linear",
        function=identity,
        derivative=identity_derivative,
        kernel=identity_kernel,
        at_minus_inf=(-np.inf, 1.0),
        at_plus_inf=(np.inf, 1.0),
        relative_cost=0.3,
        nonlinear=False,
    ),
)

REGISTRY = {entry.name: entry for entry in _BUILT_INS}
if len(REGISTRY) != len(_BUILT_INS):  # pragma: no cover - a copied entry that kept its name
    raise RuntimeError("two built-in activations share a name")


def available():
    """Names accepted by :func:`get` (and by every ``activation=`` argument), in course order: the nonlinear
    activations, then the identity ("linear", for lessons and the playground)."""
    return tuple(REGISTRY)


def nonlinear():
    """The course's nonlinear activations: :func:`available` without the identity, in course order.

    The one place that leaves the identity out (by its declaration's ``nonlinear=False``): the gallery, the
    default lists of comparisons and every "all the activations" list use this one.
    """
    return tuple(name for name, entry in REGISTRY.items() if entry.nonlinear)
