"""Figures used by the course notebooks: activations and derivatives, decision boundaries, cost curves.

Every helper draws on ``ax`` (a matplotlib Axes) when one is given, otherwise it creates a new figure
and axis; it returns the axis (or array of axes) it drew on so the caller can add to it. Titles and
axis labels are set; no rcParams or other global style is changed on import or on call.
"""
import numpy as np
import matplotlib.pyplot as plt

from . import activations as _activations
from ._validation import as_float_array

_DEFAULT_Z = (-6.0, 6.0, 601)


def _as_function(activation):
    """Return (callable, derivative or None, display name) for a name, Activation or plain callable."""
    if isinstance(activation, (str, _activations.Activation)):
        act = _activations.as_activation(activation)
        return act, act.derivative, act.name
    if callable(activation):
        name = getattr(activation, "__name__", type(activation).__name__)
        derivative = getattr(activation, "derivative", None)
        return activation, derivative if callable(derivative) else None, name
    raise TypeError("activation must be an activation name, an Activation or a callable z -> array, "
                    f"got {type(activation).__name__}")


def _default_z(z):
    if z is None:
        return np.linspace(*_DEFAULT_Z)
    return as_float_array("z", z, ndim=1)


def plot_activation(activation, z=None, ax=None, derivative=False, label=None, **line_kwargs):
    """Plot an activation (name, Activation or callable) or its derivative against z; return the axis."""
    function, deriv, name = _as_function(activation)
    if derivative and deriv is None:
        raise TypeError(f"derivative=True needs an activation name or an Activation (with .derivative); "
                        f"got a plain callable {name!r}")
    z = _default_z(z)
    values = np.asarray((deriv if derivative else function)(z))
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    what = f"{name}'" if derivative else name
    ax.plot(z, values, label=what if label is None else label, **line_kwargs)
    ax.set_xlabel("z")
    ax.set_ylabel("dA/dz" if derivative else "A = g(z)")
    if not ax.get_title():
        ax.set_title(f"derivative of {name}" if derivative else name)
    ax.axhline(0, color="0.8", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.8", linewidth=0.8, zorder=0)
    return ax


def plot_with_derivative(activation, z=None, axes=None):
    """Plot an activation and its derivative side by side (two titled panels); return the two axes."""
    _, deriv, name = _as_function(activation)
    if deriv is None:
        raise TypeError(f"plot_with_derivative needs an activation name or an Activation, got {name!r}")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 4))
    axes = np.asarray(axes).ravel()
    if axes.size != 2:
        raise ValueError(f"axes must hold exactly 2 axes, got {axes.size}")
    plot_activation(activation, z, ax=axes[0])
    plot_activation(activation, z, ax=axes[1], derivative=True, color="C1")
    axes[0].set_title(f"{name}(z)")
    axes[1].set_title(f"{name}'(z)")
    return axes
