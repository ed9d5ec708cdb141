"""Signal statistics in a deep stack of random dense layers (no training), for comparing activations.

A stack is what a deep network looks like at initialisation: inputs X of shape (width, m) drawn from
N(0, 1), then for each layer l = 1..n_layers, Z_l = W_l @ A_{l-1} and A_l = g(Z_l) with W_l of
shape (width, width) drawn from N(0, std**2) and no bias (``init`` sets std, as everywhere in the
package). Watching the mean and the standard deviation of A_l layer after layer shows whether an
activation keeps the signal centred and of constant size (ELU's and SELU's selling point) or drifts.
"""

import numpy as np

from . import activations as _activations
from ._validation import check_int, check_seed
from .parameters import check_init, weight_std


def layer_statistics(activation, n_layers=20, width=256, m=1000, init="lecun", seed=0):
    """Mean and standard deviation of every layer's activations in a random deep stack.

    ``activation`` is a name or an ``activations.Activation``. ``init`` sets the weights' standard
    deviation, as everywhere in the package (``parameters.INIT_RULES``): a rule ("lecun": 1/sqrt(width),
    LeCun normal; "xavier": the same for these square layers; "he": sqrt(2/width); "zeros") or a number
    >= 0, the standard deviation itself (``1 / math.sqrt(width)`` is "lecun"). The inputs and
    every weight matrix come from one ``np.random.RandomState(seed)`` in a fixed order, so two
    activations with the same seed see exactly the same inputs and weights.

    Returns a dict of two float arrays of shape (n_layers,): "mean" and "std" of A_l taken over all
    width * m entries; index 0 is the first layer.
    """
    act = _activations.as_activation(activation)
    n_layers = check_int("n_layers", n_layers, low=1)
    width = check_int("width", width, low=1)
    m = check_int("m", m, low=2)
    std = weight_std(check_init("init", init), width, width)
    rng = np.random.RandomState(check_seed("seed", seed))
    a = rng.standard_normal((width, m))
    means, stds = np.empty(n_layers), np.empty(n_layers)
    for layer in range(n_layers):
        w = rng.standard_normal((width, width)) * std
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported below, by name
            a = np.asarray(act(w @ a), dtype=float)
            means[layer], stds[layer] = a.mean(), a.std()
        if not (np.isfinite(means[layer]) and np.isfinite(stds[layer])):
            raise ValueError(
                f"init={init!r} makes the signal overflow float64 at layer {layer + 1} of "
                f"{n_layers}; use a smaller standard deviation (or fewer layers)"
            )
    return {"mean": means, "std": stds}
