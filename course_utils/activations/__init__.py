"""Every activation of the course: plain functions and derivatives, ``Activation`` objects, the registry.

Use a function directly (``sigmoid(z, offset=2.0)``) or get an :class:`Activation` object by name,
which bundles a function with its derivative: ``act = get("elu", alpha=1.0); act(z); act.derivative(z)``.
Every function takes ``z`` (a scalar, list or array of any shape) and returns values of the same
shape and float dtype (float32 stays float32), stable for every finite ``z``.

This package re-exports the public API of its private modules, one job each:

- ``_numerics``: dtype handling and the stable pieces (exp, sigma, the normal density) the formulas use.
- ``_declaration``: what a declaration is: ``Param`` (one parameter) and ``BuiltIn`` (one activation).
- ``_functions``: the functions, derivatives and training kernels, and the parameters they take.
- ``_registry``: one keyword declaration per built-in, in course order, ``available()`` (every built-in) and
  ``nonlinear()`` (the course's nonlinear activations: every built-in but the identity).
- ``_activation``: ``Activation`` objects, ``generic_kernel``, ``get``, ``as_activation``, ``declaration``.
"""

from ._activation import PROBE_Z, Activation, as_activation, declaration, generic_kernel, get
from ._functions import (
    SELU_ALPHA,
    SELU_SCALE,
    elu,
    elu_derivative,
    gelu,
    gelu_derivative,
    identity,
    identity_derivative,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    selu,
    selu_derivative,
    sigmoid,
    sigmoid_derivative,
    silu,
    silu_derivative,
    softplus,
    softplus_derivative,
    sum_of_sigmoids,
    tanh,
    tanh_derivative,
)
from ._registry import available, nonlinear

__all__ = [
    "PROBE_Z",
    "SELU_ALPHA",
    "SELU_SCALE",
    "Activation",
    "as_activation",
    "available",
    "declaration",
    "elu",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "generic_kernel",
    "get",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "nonlinear",
    "relu",
    "relu_derivative",
    "selu",
    "selu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "silu",
    "silu_derivative",
    "softplus",
    "softplus_derivative",
    "sum_of_sigmoids",
    "tanh",
    "tanh_derivative",
]
