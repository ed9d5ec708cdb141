"""Activation plots: one activation (and its derivative) on an axis, side by side, or all of them in a gallery."""

import matplotlib.pyplot as plt
import numpy as np

from .. import _validation
from .. import activations as _activations
from .._validation import as_float_array
from ._common import _check_ax

_DEFAULT_Z = (-6.0, 6.0, 601)


def _as_function(activation):
    """Return (callable, derivative or None, display name) for a name, Activation or plain callable."""
    if isinstance(activation, (str, _activations.Activation)):
        act = _activations.as_activation(activation)
        return act, act.derivative, act.label
    if callable(activation):
        name = getattr(activation, "__name__", type(activation).__name__)
        derivative = getattr(activation, "derivative", None)
        return activation, derivative if callable(derivative) else None, name
    raise TypeError(
        "activation must be an activation name, an Activation or a callable z -> array, "
        f"got {type(activation).__name__}"
    )


def _default_z(z, default=_DEFAULT_Z):
    if z is None:
        return np.linspace(*default)
    z = as_float_array("z", z, ndim=1, allow_nonfinite=False)
    if z.size == 0:
        raise ValueError("z must hold at least one point, got an empty array")
    return z


def plot_activation(activation, z=None, ax=None, derivative=False, label=None, **line_kwargs):
    """Plot an activation (name, Activation or callable) or its derivative against z; return the axis."""
    function, deriv, name = _as_function(activation)
    derivative = _validation.check_bool("derivative", derivative)
    if derivative and deriv is None:
        raise TypeError(
            f"derivative=True needs an activation name or an Activation (with .derivative); "
            f"got a plain callable {name!r}"
        )
    z = _default_z(z)
    values = np.asarray((deriv if derivative else function)(z))
    if _check_ax(ax) is None:
        _, ax = plt.subplots(figsize=(6, 4))
    what = f"{name}′" if derivative else name
    ax.plot(z, values, label=what if label is None else label, **line_kwargs)
    ax.set_xlabel("z")
    ax.set_ylabel("g′(z)" if derivative else "g(z)")
    if not ax.get_title():
        ax.set_title(f"derivative of {name}" if derivative else name)
    ax.axhline(0, color="0.8", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.8", linewidth=0.8, zorder=0)
    return ax


def plot_with_derivative(activation, z=None, axes=None):
    """Plot an activation and its derivative side by side (two titled panels); return the two axes."""
    _, deriv, name = _as_function(activation)
    if deriv is None:
        raise TypeError(
            f"plot_with_derivative needs the derivative too, but got the function {name!r} alone: pass an activation "
            "name or an Activation('my name', function, derivative)"
        )
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 4))
    axes = np.asarray(axes).ravel()
    if axes.size != 2:
        raise ValueError(f"axes must hold exactly 2 axes, got {axes.size}")
    plot_activation(activation, z, ax=axes[0])
    plot_activation(activation, z, ax=axes[1], derivative=True, color="C1")
    axes[0].set_title(name)
    axes[1].set_title(f"derivative of {name}")
    return axes


def activation_gallery(names=None, z=None, ncols=3):
    """Grid with one panel per activation (default: the course's nonlinear ones, ``activations.nonlinear()``), value
    solid, derivative dashed; return the axes."""
    if names is None:
        names = _activations.nonlinear()
    if isinstance(names, (str, _activations.Activation)) or not hasattr(names, "__len__") or len(names) == 0:
        raise ValueError(f"names must be a non-empty list of activation names or Activations, got {names!r}")
    acts = [_activations.as_activation(name, argument="names") for name in names]
    z = _default_z(z, default=(-4.0, 4.0, 401))
    ncols = min(_validation.check_int("ncols", ncols, low=1), len(acts))
    nrows = -(-len(acts) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(3.6 * ncols, 2.9 * nrows + 0.8), layout="constrained", squeeze=False
    )
    for i, (ax, act) in enumerate(zip(axes.ravel(), acts)):
        plot_activation(act, z, ax=ax, label="g(z)")
        plot_activation(act, z, ax=ax, derivative=True, label="g′(z)", color="C1", linestyle="--")
        ax.set_title(act.label)
        ax.set_ylabel("g(z), g′(z)" if i % ncols == 0 else "")
    for ax in axes.ravel()[len(acts) :]:
        ax.set_visible(False)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2)
    fig.suptitle("Activations g (solid) and their derivatives g′ (dashed)")
    return axes
