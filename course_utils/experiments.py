"""Many one-hidden-layer networks trained together: activation x width x seed (x lr x init) sweeps.

:func:`compare` trains every combination at once. The models are stacked: all hidden units of all
models form the rows of one ``(H, m)`` array (``H`` = total number of hidden units), so each
iteration is a short, fixed list of numpy calls whatever the number of models, and the work is
split over (by default) two worker processes. The mathematics is that of
:func:`course_utils.network.train`, model by model:

    Z1 = W1 @ X + b1, A1 = g(Z1), Z2 = W2 @ A1 + b2, A2 = sigmoid(Z2),
    cost = mean(log(1 + exp(Z2)) - Y * Z2),
    dZ2 = A2 - Y, dW2 = dZ2 @ A1.T / m, db2 = mean(dZ2), dZ1 = (W2.T @ dZ2) * g'(Z1),
    dW1 = dZ1 @ X.T / m, db1 = mean(dZ1), W <- W - learning_rate * dW,

starting from ``network.initialize_parameters(n_x, n_hidden, 1, init_scale, seed)`` (the same
random draws), with the cost recorded at iterations 0, 100, 200, ... before that iteration's update.

Every stacked operation works row by row (products with the input features, sums along a row)
or on the rows of one model (``W2 @ A1`` model by model), never mixing models, so a model's result
does not depend on which other models it was trained with or on the number of processes. It can
still differ in the last bits from ``network.train``, which sums in another order; on stable
settings this changes nothing visible, but at a large learning rate (ReLU family, wide tanh at
lr 1.2) training is chaotic and such round-off moves the final accuracy by points.

Column convention: ``X`` of shape ``(n_features, m)``, ``Y`` of shape ``(1, m)`` with 0/1 labels.
"""

import atexit
import contextlib
import math
import numbers
import os
import pickle
import sys
import warnings

import numpy as np
from scipy.special import expit

from . import activations as _activations
from . import network
from ._validation import MAX_SEED, _show, check_bool, check_field, check_int, check_real, check_rows, check_XY

__all__ = [
    "DEFAULT_ACTIVATIONS",
    "DEFAULT_HIDDEN_SIZES",
    "ROW_KEYS",
    "compare",
    "table",
    "select",
    "best_per",
    "dead_units",
]

DEFAULT_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu")
DEFAULT_HIDDEN_SIZES = (1, 2, 3, 4, 5, 20, 50)
ROW_KEYS = (
    "activation",
    "n_hidden",
    "seed",
    "learning_rate",
    "init_scale",
    "train_accuracy",
    "final_cost",
    "best_cost",
    "oscillating",
    "diverged",
    "diverged_at",
    "dead_units",
    "costs",
)
OSCILLATION_TOL = 0.01
"""A model is ``oscillating`` when, in the second half of training, its cost rose more than this
fraction above the lowest cost seen before (plain gradient descent with a small enough step only
ever goes down)."""

_RECORD_EVERY = 100
_PARALLEL_MIN_WORK = 2e7  # units * examples * iterations below which one process is faster
_PROGRESS_MIN_WORK = 1e8  # ... below which no progress bar is shown (well under ~2 s)


# --- activation kernels on stacked rows ----------------------------------------------------------
# A kernel fills A = g(Z) and G = g'(Z) in place (T is a scratch array of the same shape). Registry
# activations get short ufunc kernels (the same functions, written with fast ufuncs); any other
# Activation (e.g. one with a hand-written, maybe wrong, derivative) is called as it is.


def _kernel_tanh(Z, A, G, T):
    np.tanh(Z, out=A)
    np.multiply(A, A, out=G)
    np.subtract(1.0, G, out=G)


def _sigmoid_into(Z, out):
    """out = 1 / (1 + exp(-Z)); exp overflows to inf for Z < -709, giving the right limit 0."""
    np.negative(Z, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    np.reciprocal(out, out=out)


def _make_sigmoid(offset=0.0):
    def kernel(Z, A, G, T):
        if offset:
            np.subtract(Z, offset, out=T)
            _sigmoid_into(T, A)
        else:
            _sigmoid_into(Z, A)
        np.subtract(1.0, A, out=G)
        np.multiply(G, A, out=G)

    return kernel


def _kernel_relu(Z, A, G, T):
    np.maximum(Z, 0.0, out=A)
    np.greater(Z, 0.0, out=G)


def _make_leaky_relu(slope=0.01):
    exact = (1.0 - slope) + slope == 1.0

    def kernel(Z, A, G, T):
        np.multiply(Z, slope, out=A)
        np.maximum(Z, A, out=A)  # = z if z > 0 else slope * z, for 0 <= slope <= 1
        if exact:
            np.greater(Z, 0.0, out=G)
            np.multiply(G, 1.0 - slope, out=G)
            np.add(G, slope, out=G)
        else:
            G[...] = np.where(Z > 0, 1.0, slope)

    return kernel


def _make_softplus(beta=1.0):
    def kernel(Z, A, G, T):
        if beta != 1.0:
            U = np.multiply(Z, beta)
        else:
            U = Z
        np.abs(U, out=A)
        np.negative(A, out=A)
        np.exp(A, out=A)  # e = exp(-|u|), never overflows
        np.add(A, 1.0, out=G)
        np.reciprocal(G, out=G)  # r = 1 / (1 + e)
        np.greater_equal(U, 0.0, out=T)
        np.maximum(T, A, out=T)  # 1 where u >= 0, e otherwise (e <= 1)
        np.multiply(G, T, out=G)  # sigmoid(u) = 1/(1+e) or e/(1+e): the derivative
        np.log1p(A, out=A)  # log(1 + exp(-|u|))
        np.maximum(U, 0.0, out=T)
        np.add(A, T, out=A)  # + max(u, 0) = log(1 + exp(u))
        if beta != 1.0:
            np.divide(A, beta, out=A)

    return kernel


def _make_elu(alpha=1.0):
    def kernel(Z, A, G, T):
        np.minimum(Z, 0.0, out=G)
        np.exp(G, out=G)  # E = exp(min(z, 0)); 1 where z > 0
        np.subtract(G, 1.0, out=A)
        if alpha != 1.0:
            np.multiply(A, alpha, out=A)
        np.maximum(Z, 0.0, out=T)
        np.add(A, T, out=A)  # alpha (E - 1) + max(z, 0)
        if alpha != 1.0:  # derivative: 1 for z > 0, alpha exp(z) otherwise
            np.multiply(G, alpha, out=G)  # (with alpha = 1 that is E itself)
            np.copyto(G, 1.0, where=Z > 0)

    return kernel


_FAST = {
    "tanh": lambda: _kernel_tanh,
    "sigmoid": _make_sigmoid,
    "relu": lambda: _kernel_relu,
    "leaky_relu": _make_leaky_relu,
    "softplus": _make_softplus,
    "elu": _make_elu,
}


def _generic_kernel(act):
    def kernel(Z, A, G, T):
        A[...] = act(Z)
        G[...] = act.derivative(Z)

    return kernel


def _is_registry(act):
    if act.name not in _activations.available():
        return False
    try:
        return act == _activations.get(act.name, **act.params)
    except (TypeError, ValueError):
        return False


def _kernel_for(act):
    if act.name in _FAST and _is_registry(act):
        return _FAST[act.name](**act.params)
    return _generic_kernel(act)


# --- the stacked trainer -------------------------------------------------------------------------


class _Stack:
    """Models of one group (any activations), their hidden units stacked as rows.

    ``models`` is a list of ``(activation, n_hidden, learning_rate, params)``. Parameters live in
    one flat vector ``P`` = [W1a (H, n_x + 1) = [W1 | b1], w2 (H,), b2 (K,)], so the update, the
    copy kept for divergence and the finiteness check are one call each. Every operation works
    along rows (one hidden unit) or sums the rows of one model, so a model's numbers do not depend
    on the other models of the group.
    """

    def __init__(self, models, X, Y, state=None):
        n_x, m = X.shape
        self.n_x, self.m = n_x, m
        self.Xa = np.vstack([X, np.ones((1, m))])  # [X; 1]: the bias is the last column of W1a
        self.Y = Y.astype(np.float64)
        self.widths = widths = np.array([n_h for _, n_h, _, _ in models])
        self.K = K = len(models)
        self.H = H = int(widths.sum())
        self.starts = np.concatenate([[0], np.cumsum(widths)[:-1]]).astype(np.intp)
        self.unit_model = np.repeat(np.arange(K), widths)
        self.model_rows = [slice(a, a + w) for a, w in zip(self.starts.tolist(), widths.tolist())]
        self.slices = []  # (kernel, row slice) per run of one activation
        row = 0
        run_start, run_act = 0, None
        for act, n_h, _, _ in models:
            if act is not run_act:
                if run_act is not None:
                    self.slices.append((_kernel_for(run_act), slice(run_start, row)))
                run_start, run_act = row, act
            row += n_h
        self.slices.append((_kernel_for(run_act), slice(run_start, row)))

        bounds = np.cumsum([0, H * (n_x + 1), H, K])
        self.P = np.empty(bounds[-1])
        self.views = lambda V: (
            V[bounds[0] : bounds[1]].reshape(H, n_x + 1),
            V[bounds[1] : bounds[2]],
            V[bounds[2] : bounds[3]],
        )
        W1a, w2, b2 = self.views(self.P)
        lr_model = np.array([lr for _, _, lr, _ in models], dtype=np.float64)
        lr_unit = lr_model[self.unit_model]
        self.lr = np.concatenate([np.repeat(lr_unit, n_x + 1), lr_unit, lr_model])
        # model of every parameter (for the divergence bookkeeping)
        self.param_model = np.concatenate([np.repeat(self.unit_model, n_x + 1), self.unit_model, np.arange(K)])
        if state is None:
            for k, (_, n_h, _, params) in enumerate(models):
                rows = slice(self.starts[k], self.starts[k] + n_h)
                W1a[rows, :n_x] = params["W1"]
                W1a[rows, n_x] = params["b1"][:, 0]
                w2[rows] = params["W2"][0]
                b2[k] = params["b2"][0, 0]
            self.costs = np.full((K, 0), np.nan)
            self.diverged_at = np.full(K, -1, dtype=np.int64)
        else:
            self.P[...] = state["P"]
            self.costs = state["costs"]
            self.diverged_at = state["diverged_at"]
        self.lr[np.isin(self.param_model, np.flatnonzero(self.diverged_at >= 0))] = 0.0

    def state(self):
        return {"P": self.P, "costs": self.costs, "diverged_at": self.diverged_at}

    def _forward(self, Xa, Z1, A1, G, T):
        """Fill Z1 = W1 @ X + b1, A1 = g(Z1), G = g'(Z1) (H, m); return Z2 = W2 @ A1 + b2 (K, m)."""
        W1a, w2, b2 = self.views(self.P)
        dot = np.dot
        for rows in self.model_rows:  # [W1 | b1] @ [X; 1] per model
            dot(W1a[rows], Xa, out=Z1[rows])
        for kernel, rows in self.slices:
            kernel(Z1[rows], A1[rows], G[rows], T[rows])
        Z2 = np.empty((self.K, Xa.shape[1]))
        dot = np.dot
        for k, rows in enumerate(self.model_rows):  # W2 @ A1 per model: its own rows only
            dot(w2[rows], A1[rows], out=Z2[k])
        np.add(Z2, b2[:, None], out=Z2)
        return Z2

    def run(self, start, stop):
        """Gradient descent for iterations start..stop-1 (costs recorded when i % 100 == 0).

        Backward pass per unit u of model k: dW2[u] = sum_j dZ2[k, j] A1[u, j] / m and
        [dW1 | db1][u] = w2[u] * sum_j dZ2[k, j] g'(Z1[u, j]) [X; 1][:, j] / m, i.e.
        dZ1 = (W2.T @ dZ2) * g'(Z1) with the row factor w2[u] applied after the sum.
        """
        Xa, Y, m, H = self.Xa, self.Y, self.m, self.H
        XaT = np.ascontiguousarray(Xa.T)
        Z1, A1, G, T = (np.empty((H, m)) for _ in range(4))
        model_rows, dot = self.model_rows, np.dot
        A2 = np.empty((self.K, m))
        grad = np.empty_like(self.P)
        previous = np.empty_like(self.P)
        W1a, w2, b2 = self.views(self.P)
        dW1a, dw2, db2 = self.views(grad)
        records = [self.costs]
        step = self.lr / m  # 0 for frozen models
        for i in range(start, stop):
            Z2 = self._forward(Xa, Z1, A1, G, T)
            _sigmoid_into(Z2, A2)
            if i % _RECORD_EVERY == 0:
                cost = np.mean(np.logaddexp(0.0, Z2) - Y * Z2, axis=1)
                cost[self.diverged_at >= 0] = np.nan
                bad = ~np.isfinite(cost) & (self.diverged_at < 0)
                if bad.any():
                    self._freeze(np.flatnonzero(bad), i, None)
                    step = self.lr / m
                records.append(cost[:, None])
            np.subtract(A2, Y, out=A2)  # dZ2 (K, m)
            for k, rows in enumerate(model_rows):
                dot(A1[rows], A2[k], out=dw2[rows])  # dZ2 @ A1.T, model k
            np.sum(A2, axis=1, out=db2)
            for k, rows in enumerate(model_rows):
                np.multiply(G[rows], A2[k], out=G[rows])  # dZ1 / w2 (row factor)
                dot(G[rows], XaT, out=dW1a[rows])  # (dZ1 / w2) @ [X; 1].T
            np.multiply(dW1a, w2[:, None], out=dW1a)  # dZ1 @ [X; 1].T
            np.copyto(previous, self.P)
            np.multiply(grad, step, out=grad)  # learning_rate * grad / m
            np.subtract(self.P, grad, out=self.P)
            if not np.isfinite(self.P).all():
                bad = np.unique(self.param_model[~np.isfinite(self.P)])
                self._freeze(bad, i + 1, previous)  # iteration i + 1 would start from inf/NaN
                step = self.lr / m
        self.costs = np.concatenate(records, axis=1)

    def _freeze(self, bad, i, previous):
        """Mark models ``bad`` as diverged at iteration ``i``: keep their last finite parameters."""
        bad = np.asarray(bad)
        self.diverged_at[bad] = np.where(self.diverged_at[bad] >= 0, self.diverged_at[bad], i)
        mask = np.isin(self.param_model, bad)
        if previous is not None:
            self.P[mask] = previous[mask]
        self.lr[mask] = 0.0

    def evaluate(self, X, Y):
        """(accuracy %, cost, dead units) per model on data X, Y with the current parameters."""
        m = X.shape[1]
        Xa = np.vstack([X, np.ones((1, m))])
        Z1, A1, G, T = (np.empty((self.H, m)) for _ in range(4))
        with np.errstate(all="ignore"):  # a diverged model may overflow here; it is flagged
            Z2 = self._forward(Xa, Z1, A1, G, T)
            A2 = expit(Z2)
            accuracy = np.mean((A2 > 0.5) == (Y == 1), axis=1) * 100.0
            cost = np.mean(np.logaddexp(0.0, Z2) - Y.astype(np.float64) * Z2, axis=1)
        dead = np.add.reduceat((G == 0).all(axis=1).astype(np.int64), self.starts)
        return accuracy, cost, dead

    def params(self, k):
        """Model k's parameters as the dict ``network.predict`` takes."""
        W1a, w2, b2 = self.views(self.P)
        rows = slice(self.starts[k], self.starts[k] + self.widths[k])
        return {
            "W1": W1a[rows, : self.n_x].copy(),
            "b1": W1a[rows, self.n_x :].copy(),
            "W2": w2[None, rows].copy(),
            "b2": b2[None, k : k + 1].copy(),
        }


def _one_blas_thread():
    """Context manager limiting BLAS to one thread (the per-model products are small; threads only
    add synchronisation, and the work is already split over processes)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _run_chunk(models, X, Y, state, start, stop):
    """Worker entry point: rebuild a group's stack from ``state``, train, return the new state."""
    with np.errstate(all="ignore"), _one_blas_thread():
        stack = _Stack(models, X, Y, state)
        stack.run(start, stop)
    return stack.state()


# --- worker processes ----------------------------------------------------------------------------

_POOL = None


def _default_jobs():
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(2, cpus))


def _get_pool(n_jobs):
    """A persistent pool, created once per session and reused (fork on Linux, spawn elsewhere)."""
    global _POOL
    import concurrent.futures
    import multiprocessing

    if _POOL is not None and _POOL[0] == n_jobs:
        return _POOL[1]
    _shutdown_pool()
    methods = multiprocessing.get_all_start_methods()
    # fork: workers start at once and never re-import the caller's script (a script without an
    # ``if __name__ == "__main__"`` guard works too). Python >= 3.12 warns when a process with
    # threads (a Jupyter kernel) forks; the workers only run numpy code here, so that is silenced.
    # On macOS fork is unsafe with system frameworks, and Windows has no fork: spawn there.
    use_fork = sys.platform.startswith("linux") and "fork" in methods
    context = multiprocessing.get_context("fork" if use_fork else "spawn")
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=n_jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
    )
    _POOL = (n_jobs, pool)
    return pool


def _worker_init(parent):
    """In a worker: exit when the parent dies (e.g. a Jupyter kernel restart), rather than linger."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            pass
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(0)


def _shutdown_pool():
    global _POOL
    if _POOL is not None:
        _POOL[1].shutdown(wait=False, cancel_futures=True)
        _POOL = None


atexit.register(_shutdown_pool)


def _picklable(obj):
    try:
        pickle.dumps(obj)
        return True
    except Exception:  # noqa: BLE001 - any pickling failure means "run in this process"
        return False


# --- progress ------------------------------------------------------------------------------------


class _Progress:
    """ipywidgets bar in a notebook, a text line on a terminal's stderr, nothing otherwise."""

    def __init__(self, enabled, total, label):
        self.total, self.label, self.mode = total, label, None
        if not enabled:
            return
        shell = None
        if "IPython" in sys.modules:
            shell = sys.modules["IPython"].get_ipython()
        if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
            try:
                import ipywidgets
                from IPython.display import display
            except ImportError:
                return
            self.bar = ipywidgets.IntProgress(value=0, min=0, max=total, description=label)
            display(self.bar)
            self.mode = "widget"
        elif hasattr(sys.stderr, "isatty") and sys.stderr.isatty():
            self.mode = "text"
            self.update(0)

    def update(self, done):
        if self.mode == "widget":
            self.bar.value = done
        elif self.mode == "text":
            width = 30
            filled = int(width * done / self.total) if self.total else width
            sys.stderr.write(f"\r{self.label}: [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} iterations")
            sys.stderr.flush()

    def close(self):
        if self.mode == "widget":
            self.bar.bar_style = "success"
        elif self.mode == "text":
            sys.stderr.write("\n")
            sys.stderr.flush()


# --- argument handling ---------------------------------------------------------------------------


def _as_tuple(name, value, kind):
    """A non-empty tuple from a sequence (or a single value, wrapped)."""
    if isinstance(value, (str, numbers.Number, _activations.Activation)) or value is None:
        value = (value,)
    try:
        value = tuple(value)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of {kind}, got {_show(value)}") from None
    if not value:
        raise ValueError(f"{name} must contain at least one {kind.rstrip('s')}, got an empty sequence")
    return value


def _check_activations(activations):
    acts = tuple(
        _activations.as_activation(a, "activations") for a in _as_tuple("activations", activations, "activations")
    )
    names = [a.name for a in acts]
    for name in names:
        if names.count(name) > 1:
            raise ValueError(
                f"activations must have distinct names, got {name!r} twice (give a modified Activation its own name)"
            )
    return acts


def _check_ints(name, values, low, high=None):
    values = tuple(check_int(f"{name} entry", v, low=low, high=high) for v in _as_tuple(name, values, "ints"))
    for v in values:
        if values.count(v) > 1:
            raise ValueError(f"{name} must not repeat a value, got {v} twice in {_show(values)}")
    return values


def _check_lr(value, name="learning_rate"):
    return check_real(name, value, low=0.0, low_inclusive=False)


def _check_init(value, name="init_scale"):
    if isinstance(value, str):
        if value not in network.INIT_SCHEMES:
            raise ValueError(
                f"unknown {name} {value!r}; use a number >= 0 or one of {', '.join(map(repr, network.INIT_SCHEMES))}"
            )
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number >= 0 or one of 'he', 'xavier'; got {_show(value)}")
    return check_real(name, value, low=0.0)


def _per_activation(name, value, acts, check):
    """{activation name: tuple of checked values}; ``value`` is one value, a sequence or a dict."""
    names = [a.name for a in acts]
    if isinstance(value, dict):
        unknown = [key for key in value if key not in names]
        if unknown:
            raise ValueError(
                f"{name} has a key {unknown[0]!r} that is not one of the activations "
                f"compared ({', '.join(map(repr, names))})"
            )
        missing = [n for n in names if n not in value]
        if missing:
            raise ValueError(
                f"{name} (a dict) has no entry for activation {missing[0]!r}; give one "
                f"value per activation: {', '.join(map(repr, names))}"
            )
        spec = {n: value[n] for n in names}
    else:
        spec = {n: value for n in names}
    out = {}
    for n, v in spec.items():
        values = tuple(check(x, name) for x in _as_tuple(name, v, "values"))
        if len(set(values)) != len(values):
            raise ValueError(f"{name} for {n!r} repeats a value: {_show(values)}")
        out[n] = values
    return out


# --- the public functions ------------------------------------------------------------------------


def compare(
    X,
    Y,
    activations=DEFAULT_ACTIVATIONS,
    hidden_sizes=DEFAULT_HIDDEN_SIZES,
    seeds=(2,),
    learning_rate=1.2,
    num_iterations=10000,
    init_scale=0.01,
    progress=True,
    X_test=None,
    Y_test=None,
    test_size=None,
    split_seed=0,
    n_jobs=None,
    keep_params=False,
):
    """Train every combination activation x learning rate x init scale x width x seed; return rows.

    ``X (n_features, m)``, ``Y (1, m)`` 0/1. ``activations``: names or ``Activation`` objects
    (distinct names). ``hidden_sizes``, ``seeds``: ints (a single int is allowed). ``learning_rate``
    and ``init_scale``: one value, a sequence of values to sweep, or a dict giving one value (or a
    sequence) per activation name; ``init_scale`` values are numbers >= 0 or "he" / "xavier".

    Held-out data: ``X_test``/``Y_test``, or ``test_size`` (a fraction; the split comes from
    ``datasets.train_test_split_columns(X, Y, test_size, seed=split_seed)``, stratified) - rows then
    have ``test_accuracy``. ``n_jobs``: worker processes (default: 2 if two CPUs are available; 1
    trains in this process; small jobs always run in this process). ``progress``: a progress bar in
    a notebook (a text line on a terminal) for jobs that take more than a moment; ``False`` for none.

    Returns a list of dicts, in the order activation, learning rate, init scale, width, seed:
    ``activation`` (name), ``n_hidden``, ``seed``, ``learning_rate``, ``init_scale``,
    ``train_accuracy`` (percent), ``final_cost`` (after the last update), ``best_cost`` (lowest
    cost seen), ``oscillating`` (see :data:`OSCILLATION_TOL`), ``diverged`` (cost or parameters
    became inf/NaN; the model then stops at its last finite parameters, which the accuracy uses),
    ``diverged_at`` (None, or the first iteration whose starting parameters or recorded cost were
    not finite; ``network.train`` raises at the first multiple of 100 from there), ``dead_units``
    (hidden units whose g'(Z1) is 0 on every
    training example: dead ReLUs), ``costs`` (array, iterations 0, 100, ...), ``test_accuracy``
    (with held-out data) and ``params`` (with ``keep_params=True``: the dict ``network.predict``
    takes).
    """
    X, Y = check_XY(X, Y)
    acts = _check_activations(activations)
    widths = _check_ints("hidden_sizes", hidden_sizes, low=1)
    seeds = _check_ints("seeds", seeds, low=0, high=MAX_SEED)
    lrs = _per_activation("learning_rate", learning_rate, acts, _check_lr)
    inits = _per_activation("init_scale", init_scale, acts, _check_init)
    num_iterations = check_int("num_iterations", num_iterations, low=1)
    for flag, value in (("progress", progress), ("keep_params", keep_params)):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{flag} must be True or False, got {_show(value)}")
    if n_jobs is None:
        n_jobs = _default_jobs()
    n_jobs = check_int("n_jobs", n_jobs, low=1)
    if test_size is not None:
        if X_test is not None or Y_test is not None:
            raise ValueError("give either test_size or X_test and Y_test, not both")
        from .datasets import train_test_split_columns

        X, X_test, Y, Y_test = train_test_split_columns(X, Y, test_size=test_size, seed=split_seed)
    elif (X_test is None) != (Y_test is None):
        raise ValueError("X_test and Y_test must be given together (or neither)")
    if X_test is not None:
        X_test, Y_test = check_XY(X_test, Y_test, x_name="X_test", y_name="Y_test")
        if X_test.shape[0] != X.shape[0]:
            raise ValueError(f"X_test must have {X.shape[0]} features (rows) like X, got shape {X_test.shape}")
    n_x, m = X.shape

    specs = []  # (activation, n_hidden, seed, lr, init) in row order
    for act in acts:
        for lr in lrs[act.name]:
            for init in inits[act.name]:
                for n_h in widths:
                    for seed in seeds:
                        specs.append((act, n_h, seed, lr, init))
    models = [
        (act, n_h, lr, network.initialize_parameters(n_x, n_h, 1, init, seed)) for act, n_h, seed, lr, init in specs
    ]

    work = sum(n_h + 1 for _, n_h, _, _, _ in specs) * m * num_iterations
    if work < _PARALLEL_MIN_WORK or not all(_picklable(a) for a in acts):
        n_jobs = 1
    groups = _partition(specs, min(n_jobs, len(specs)))
    results = _train_groups(groups, models, X, Y, num_iterations, n_jobs, progress and work >= _PROGRESS_MIN_WORK)

    rows = [None] * len(specs)
    for group, stack in zip(groups, results):
        accuracy, cost, dead = stack.evaluate(X, Y)
        if X_test is not None:
            test_accuracy, _, _ = stack.evaluate(X_test, Y_test)
        for k, index in enumerate(group):
            act, n_h, seed, lr, init = specs[index]
            costs = stack.costs[k]
            diverged = bool(stack.diverged_at[k] >= 0) or not np.isfinite(cost[k])
            final = float(cost[k]) if not diverged else float("nan")
            seen = np.append(costs, final)
            best = float(np.nanmin(seen)) if np.isfinite(seen).any() else float("nan")
            row = {
                "activation": act.name,
                "n_hidden": n_h,
                "seed": seed,
                "learning_rate": lr,
                "init_scale": init,
                "train_accuracy": float(accuracy[k]),
                "final_cost": final,
                "best_cost": best,
                "oscillating": (not diverged) and _oscillating(seen),
                "diverged": diverged,
                "diverged_at": int(stack.diverged_at[k]) if stack.diverged_at[k] >= 0 else None,
                "dead_units": int(dead[k]),
                "costs": costs.copy(),
            }
            if X_test is not None:
                row["test_accuracy"] = float(test_accuracy[k])
            if keep_params:
                row["params"] = stack.params(k)
            rows[index] = row
    return rows


def _oscillating(seen, tol=OSCILLATION_TOL):
    """True if a cost in the second half of ``seen`` is above the lowest earlier cost by > tol (rel.)."""
    seen = np.asarray(seen, dtype=np.float64)
    if seen.size < 2:
        return False
    running_min = np.minimum.accumulate(seen)
    half = seen.size // 2
    rise = seen[max(half, 1) :] - running_min[max(half, 1) - 1 : -1]
    return bool(np.any(rise > tol * np.abs(running_min[max(half, 1) - 1 : -1])))


def _partition(specs, n_groups):
    """Split model indices into ``n_groups`` with balanced work (~ width x activation cost)."""
    weight = {"relu": 1.0, "leaky_relu": 1.3, "tanh": 1.4, "sigmoid": 1.5, "elu": 1.8, "softplus": 2.5}
    costs = [(n_h + 0.5) * weight.get(act.name if _is_registry(act) else "", 4.0) for act, n_h, _, _, _ in specs]
    groups = [[] for _ in range(n_groups)]
    loads = [0.0] * n_groups
    for index in sorted(range(len(specs)), key=lambda i: -costs[i]):
        g = loads.index(min(loads))
        groups[g].append(index)
        loads[g] += costs[index]
    # keep each group in row order, so one activation's models are next to each other
    return [sorted(group) for group in groups if group]


def _train_groups(groups, models, X, Y, num_iterations, n_jobs, show_progress):
    """Train each group (in worker processes when n_jobs > 1); return the trained stacks."""
    group_models = [[models[i] for i in group] for group in groups]
    states = [None] * len(groups)
    rounds = min(20, math.ceil(num_iterations / _RECORD_EVERY)) if show_progress else 1
    bounds = [round(num_iterations * r / rounds) for r in range(rounds + 1)]
    bar = _Progress(show_progress, num_iterations, "compare")
    pool = None
    if n_jobs > 1 and len(groups) > 1:
        try:
            pool = _get_pool(n_jobs)
        except (OSError, ValueError, ImportError):
            pool = None
    try:
        for start, stop in zip(bounds[:-1], bounds[1:]):
            futures = [None] * len(groups)
            if pool is not None:
                try:
                    with warnings.catch_warnings():
                        warnings.filterwarnings(  # Python >= 3.12, forking a kernel with threads
                            "ignore",
                            r"This process .* is multi-threaded, use of fork\(\) may lead to deadlocks",
                            DeprecationWarning,
                        )
                        futures = [
                            pool.submit(_run_chunk, gm, X, Y, st, start, stop) for gm, st in zip(group_models, states)
                        ]
                except Exception:  # noqa: BLE001 - a broken pool: carry on in this process
                    _shutdown_pool()
                    pool, futures = None, [None] * len(groups)
            for g, future in enumerate(futures):
                new_state = None
                if future is not None:
                    try:
                        new_state = future.result()
                    except Exception:  # noqa: BLE001 - worker died or could not unpickle
                        _shutdown_pool()
                        pool = None
                if new_state is None:
                    new_state = _run_chunk(group_models[g], X, Y, states[g], start, stop)
                states[g] = new_state
            bar.update(stop)
    finally:
        bar.close()
    stacks = []
    with np.errstate(all="ignore"):
        for gm, st in zip(group_models, states):
            stacks.append(_Stack(gm, X, Y, st))
    return stacks


def dead_units(params, X, activation="relu"):
    """Number of hidden units whose g'(Z1) is 0 for every column of ``X (n_x, m)`` (dead ReLUs)."""
    act = _activations.as_activation(activation)
    _, cache = network.forward_propagation(X, params, act)
    return int(np.all(np.asarray(act.derivative(cache["Z1"])) == 0, axis=1).sum())


def select(rows, **criteria):
    """The rows whose fields equal the given values, e.g. ``select(rows, activation="relu", n_hidden=4)``."""
    rows = check_rows("rows", rows, allow_empty=True)
    for key in criteria:
        if rows:
            check_field("criterion", key, rows)
    return [row for row in rows if all(row.get(key) == value for key, value in criteria.items())]


def best_per(rows, group="activation", score="test_accuracy"):
    """For each value of ``group`` (first-seen order), the non-diverged row with the highest ``score``.

    Ties go to the earliest row. Returns a dict ``{group value: row}``.
    """
    rows = check_rows("rows", rows)
    check_field("group", group, rows)
    best = {}
    for row in rows:
        if score not in row:
            raise ValueError(f"score={_show(score)}, but the rows have no {score!r} (keys: {', '.join(row)})")
        key = row[group]
        if row["diverged"] and key in best:
            continue
        current = best.get(key)
        if (
            current is None
            or (current["diverged"] and not row["diverged"])
            or (not row["diverged"] and row[score] > current[score])
        ):
            best[key] = row
    return best


_AGGREGATES = {"mean": np.mean, "median": np.median, "min": np.min, "max": np.max}


def table(rows, value="train_accuracy", index="activation", columns="n_hidden", fmt="{:.1f}", agg=None, marks=True):
    """Rows as a printable text table: one line per ``index`` value, one column per ``columns`` value.

    Each cell shows ``fmt.format(row[value])``. Several rows in one cell (e.g. several seeds) need
    ``agg`` ("mean", "median", "min" or "max"). With ``marks``, a diverged model shows "div" and
    an oscillating one gets a "~" after its number; with ``agg``, a cell where some (not all) rows
    diverged gets a "*" and aggregates the others.
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
