"""The one training loop of the course: batch gradient descent for one-hidden-layer networks.

:func:`course_utils.network.train` (one network), :func:`course_utils.experiments.compare` (many
networks at once) and the playground (one network, a chunk of iterations per frame) all train with
:class:`Engine`. Column convention: ``X`` of shape ``(n_x, m)`` and ``Y`` of shape ``(1, m)``.

The mathematics, model by model (``g`` the hidden activation, ``m`` the number of examples)::

    Z1 = W1 @ X + b1,  A1 = g(Z1),  Z2 = W2 @ A1 + b2
    output "sigmoid":  A2 = sigmoid(Z2),  cost = mean(log(1 + exp(Z2)) - Y * Z2)   (cross-entropy)
    output "identity": A2 = Z2,           cost = mean((Z2 - Y) ** 2) / 2           (squared error)
    dZ2 = A2 - Y,  dW2 = dZ2 @ A1.T / m,  db2 = mean(dZ2)
    dZ1 = (W2.T @ dZ2) * g'(Z1),  dW1 = dZ1 @ X.T / m,  db1 = mean(dZ1, axis=1)
    W <- W - learning_rate * dW   (every parameter)

The cost is recorded at iterations 0, 100, 200, ... (:data:`RECORD_EVERY`), computed in that
iteration before its update.

**Divergence, one rule everywhere.** At every recorded iteration, and when training ends, each model
is checked: if its cost or one of its parameters is no longer a finite number, the model has
*diverged* at that iteration. It keeps the parameters of its last check that passed and stops
training (the other models of a comparison go on). ``network.train`` then raises
:class:`TrainingDiverged` (with the costs recorded before), ``compare`` marks the row ``diverged``,
and the playground shows the message; all three use :func:`divergence_message`.

**How the work is laid out.** The hidden units of all models are the rows of one array (with a row
of ones after each model's units, which folds the output bias into the products), and each
iteration is a short, fixed list of numpy calls: the matrix products model by model
(``[W1 | b1] @ [X; 1]``, ``[w2 | b2] @ [A1; 1]``, ``[A1; 1] @ dZ2``, ``(dZ1 / w2) @ [X; 1].T``), each
activation's training kernel once over its rows, everything else elementwise over the whole stack,
and one update of the flat parameter vector. Every operation is thus either elementwise or
limited to one model's rows, so a model's numbers are the same bit for bit whatever other models it
is trained with, and whether it is trained alone (``network.train``) or in a comparison. The learning
rate over ``m`` is folded into ``dZ2``, so the gradients come out already scaled.
"""

import contextlib

import numpy as np

from ._conventions import check_XY
from ._validation import check_choice, check_float_dtype, check_int, check_real
from .model import labels
from .parameters import OUTPUTS, Parameters, check_layers

__all__ = ["RECORD_EVERY", "OUTPUTS", "TrainingDiverged", "Engine", "divergence_message"]

RECORD_EVERY = 100


class TrainingDiverged(ArithmeticError):
    """Training made the cost or the parameters inf or NaN.

    Attributes: ``iteration`` (where it was detected), ``costs`` (the costs recorded before, a float
    array: plot them to see the run up to its last finite value) and ``params`` (the last parameters
    that passed the check).
    """

    def __init__(self, message, iteration=None, costs=None, params=None):
        super().__init__(message)
        self.iteration = iteration
        self.costs = np.array([]) if costs is None else costs
        self.params = params


def divergence_message(activation_name, learning_rate, iteration, last_good, what):
    """The one text that reports a divergence (``network.train``, ``compare`` and the playground).

    ``activation_name`` and ``what`` (what was not finite) are strings, ``learning_rate`` a positive
    number, ``iteration`` the iteration of the failed check and ``last_good`` that of the last passing
    one (or None).
    """
    for name, value in (("activation_name", activation_name), ("what", what)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    learning_rate = check_real("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    iteration = check_int("iteration", iteration, low=0)
    if last_good is not None:
        last_good = check_int("last_good", last_good, low=0)
    since = f" (it was still finite at iteration {last_good})" if last_good is not None else ""
    return (
        f"training diverged: {what} by iteration {iteration}{since}, with activation {activation_name!r} and "
        f"learning_rate={learning_rate:g}. Lower the learning rate (try {learning_rate / 10:g}) "
        f"or use a smaller init."
    )


class Engine:
    """Gradient descent for ``K >= 1`` one-hidden-layer networks on the same data.

    ``models`` is a list of ``(activation, learning_rate, params)``: an ``activations.Activation``,
    a positive number and the initial parameter dict (W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h),
    b2 (1, 1)); ``X (n_x, m)`` and ``Y (1, m)`` (0/1 labels for the sigmoid output, real numbers for
    the identity output). ``dtype`` (float64 or float32) is the precision of the arithmetic.
    ``state`` (from :meth:`state`) resumes a training, e.g. in another process.

    :meth:`run` advances every model by some iterations; :attr:`iteration`, :attr:`costs`,
    :attr:`diverged_at`, :meth:`params` and :meth:`evaluate` read the result.

    Layout: the hidden layer has one row per hidden unit plus, after each model's units, a row of
    ones, so that ``[w2 | b2] @ [A1; 1]`` gives a model's logits and ``[A1; 1] @ dZ2`` its
    ``[dW2 | db2]`` in one product each. The parameters are one flat vector
    ``P = [W1a (H, n_x + 1) row by row, V (H + K)]`` with ``W1a = [W1 | b1]`` and ``V`` holding each
    model's ``[w2 | b2]`` at its rows of the hidden layer.
    """

    def __init__(self, models, X, Y, output="sigmoid", dtype=np.float64, state=None):
        self.output = check_choice("output", output, OUTPUTS)
        X, Y = check_XY(X, Y, labels=self.output == "sigmoid")
        models = _check_models(models, X.shape[0])
        self.dtype = dtype = check_float_dtype("dtype", dtype)
        self.activations = [act for act, _, _ in models]
        n_x, m = X.shape
        self.n_x, self.m = n_x, m
        self.Xa = np.vstack([X, np.ones((1, m))]).astype(dtype)  # [X; 1]: the bias is W1a's last column
        self.XaT = np.ascontiguousarray(self.Xa.T)
        self.Y = np.asarray(Y, dtype=dtype).reshape(1, m)
        widths = np.array([params["W1"].shape[0] for _, _, params in models])
        self.K = K = len(models)
        self.H = H = int(widths.sum())
        self.widths = widths
        # units: rows of W1a (H of them); rows: the hidden layer's rows (units, then a row of ones, per model)
        self.starts = np.concatenate([[0], np.cumsum(widths)[:-1]]).astype(np.intp)
        self.row_starts = self.starts + np.arange(K)
        self.units = [slice(a, a + w) for a, w in zip(self.starts.tolist(), widths.tolist())]
        self.unit_rows = [slice(a, a + w) for a, w in zip(self.row_starts.tolist(), widths.tolist())]
        self.rows = [slice(a, a + w + 1) for a, w in zip(self.row_starts.tolist(), widths.tolist())]
        self.ones_rows = self.row_starts + widths
        self.row_model = np.repeat(np.arange(K), widths + 1)
        unit_model = np.repeat(np.arange(K), widths)
        self.unit_positions = np.concatenate([np.arange(r.start, r.stop) for r in self.unit_rows])

        self._bounds = (0, H * (n_x + 1), H * (n_x + 1) + H + K)
        self.param_model = np.concatenate([np.repeat(unit_model, n_x + 1), self.row_model])
        self.learning_rates = np.array([lr for _, lr, _ in models], dtype=np.float64)
        if state is None:
            self.P = _aligned(self._bounds[-1], dtype)
            W1a, V = self._views(self.P)
            for k, (_, _, params) in enumerate(models):
                W1a[self.units[k], :n_x] = params["W1"]
                W1a[self.units[k], n_x] = params["b1"][:, 0]
                V[self.unit_rows[k]] = params["W2"][0]
                V[self.ones_rows[k]] = params["b2"][0, 0]
            self.P_good = _aligned(self.P.shape, dtype, self.P)
            self.iteration = 0
            self.diverged_at = np.full(K, -1, dtype=np.int64)
            self.last_good = np.full(K, -1, dtype=np.int64)
            self.reasons = [""] * K
            self._records = []
        else:
            self.P, self.P_good = (
                _aligned(state["P"].shape, dtype, state["P"]),
                _aligned(state["P"].shape, dtype, state["P_good"]),
            )
            self.iteration = state["iteration"]
            self.diverged_at, self.last_good = state["diverged_at"].copy(), state["last_good"].copy()
            self.reasons = list(state["reasons"])
            self._records = [state["costs"]] if state["costs"].size else []

        # Runs of consecutive models with the same activation object: one kernel call each (over their
        # rows of ones too: harmless, the ones are written back after the kernel).
        self._kernels = []
        first = 0
        for k in range(1, K + 1):
            if k == K or models[k][0] is not models[first][0]:
                rows = slice(int(self.row_starts[first]), int(self.ones_rows[k - 1]))
                self._kernels.append((models[first][0].kernel(), rows))
                first = k

    # --- layout helpers ---------------------------------------------------------------------------

    def _views(self, vector):
        """(W1a (H, n_x + 1), V (H + K,)) views into a flat parameter-shaped vector."""
        a, b, c = self._bounds
        return vector[a:b].reshape(self.H, self.n_x + 1), vector[b:c]

    def _hidden_arrays(self, m):
        """Z1, A1, G, T of shape (H + K, m): A1's rows of ones set, Z1's zeroed (the kernels read them)."""
        Z1, A1, G, T = (_aligned((self.H + self.K, m), self.dtype, 0.0) for _ in range(4))
        A1[self.ones_rows] = 1.0
        return Z1, A1, G, T

    @property
    def costs(self):
        """Recorded costs, shape (K, records): float64, NaN from the record where a model diverged."""
        if not self._records:
            return np.empty((self.K, 0))
        return np.concatenate(self._records, axis=1)

    def state(self):
        """Everything needed to resume (a dict of arrays and ints; small, picklable)."""
        return {
            "P": self.P,
            "P_good": self.P_good,
            "iteration": self.iteration,
            "diverged_at": self.diverged_at,
            "last_good": self.last_good,
            "reasons": self.reasons,
            "costs": self.costs,
        }

    def params(self, k):
        """Model ``k``'s current parameters as the course's dict (float64 copies; between two checks of a
        diverging model they may already hold inf or NaN)."""
        W1a, V = self._views(self.P)
        units = self.units[k]
        return {
            "W1": W1a[units, : self.n_x].astype(np.float64),
            "b1": W1a[units, self.n_x :].astype(np.float64),
            "W2": V[None, self.unit_rows[k]].astype(np.float64),
            "b2": V[self.ones_rows[k]].reshape(1, 1).astype(np.float64),
        }

    def trained(self, k):
        """Model ``k``'s parameters as :class:`~course_utils.parameters.Parameters`, which record its activation and
        the output (after a divergence: the last parameters that were still finite)."""
        return Parameters(self.params(k), self.activations[k], self.output)

    def diverged_error(self, k):
        """The :class:`TrainingDiverged` for model ``k`` (message, costs before, last finite parameters), or None."""
        if self.diverged_at[k] < 0:
            return None
        act, learning_rate, last = self.activations[k], float(self.learning_rates[k]), int(self.last_good[k])
        message = divergence_message(
            act.name, learning_rate, int(self.diverged_at[k]), last if last >= 0 else None, self.reasons[k]
        )
        costs = self.costs[k]
        params = self.trained(k) if last >= 0 else None
        return TrainingDiverged(
            message, iteration=int(self.diverged_at[k]), costs=costs[np.isfinite(costs)], params=params
        )

    # --- the loop ---------------------------------------------------------------------------------

    def _steps(self):
        """learning_rate / m per model as a (K, 1) column; 0 for diverged models (they stop moving)."""
        step = self.learning_rates / self.m
        step[self.diverged_at >= 0] = 0.0
        return step.astype(self.dtype)[:, None]

    def _forward(self, Xa, Z1, A1, G, T, Z2):
        """Fill Z1, A1 = g(Z1), G = g'(Z1) (H + K, m) and Z2 (K, m) for the inputs ``Xa = [X; 1]``."""
        W1a, V = self._views(self.P)
        for units, unit_rows in zip(self.units, self.unit_rows):
            np.dot(W1a[units], Xa, out=Z1[unit_rows])
        for kernel, rows in self._kernels:
            kernel(Z1[rows], A1[rows], G[rows], T[rows])
        A1[self.ones_rows] = 1.0
        for k, rows in enumerate(self.rows):
            np.dot(V[rows], A1[rows], out=Z2[k])

    def _record(self, Z2):
        """Record this iteration's costs and apply the divergence rule (see the module docstring)."""
        cost = self._cost_of(Z2, self.Y).astype(np.float64)
        self._find_divergence(cost)
        cost[self.diverged_at >= 0] = np.nan
        self._records.append(cost[:, None])

    def _cost_of(self, Z2, Y):
        if self.output == "sigmoid":
            return np.mean(np.logaddexp(0.0, Z2) - Y * Z2, axis=1)
        return 0.5 * np.mean((Z2 - Y) ** 2, axis=1)

    def _find_divergence(self, cost=None):
        """Mark models whose cost or parameters are not finite as diverged; snapshot the others.

        A diverged model gets ``diverged_at`` (this iteration), ``reasons`` (what was not finite) and
        its parameters of the last check that passed (``last_good`` is that check's iteration).
        """
        W1a_ok, V_ok = self._views(np.isfinite(self.P))
        ok = np.logical_and.reduceat(W1a_ok.all(axis=1), self.starts) & np.logical_and.reduceat(V_ok, self.row_starts)
        if cost is not None:
            ok &= np.isfinite(cost)
        active = self.diverged_at < 0
        newly = active & ~ok
        good = active & ok
        np.copyto(self.P_good, self.P, where=good[self.param_model])
        self.last_good[good] = self.iteration
        if newly.any():
            for k in np.flatnonzero(newly):
                bad_cost = cost is not None and not np.isfinite(cost[k])
                self.reasons[k] = f"the cost became {cost[k]}" if bad_cost else "the parameters became inf or NaN"
            self.diverged_at[newly] = self.iteration
            restore = newly[self.param_model]
            self.P[restore] = self.P_good[restore]
            self._frozen = self.diverged_at[self.param_model] >= 0

    def run(self, num_iterations, final=True):
        """Train every model for ``num_iterations`` more iterations.

        ``final=True`` (the default) applies the divergence check once more at the end, as training
        ends there; pass ``final=False`` to continue later (the playground's frames).
        """
        Xa, XaT, Y, m, K = self.Xa, self.XaT, self.Y, self.m, self.K
        dtype = self.dtype
        Z1, A1, G, T = self._hidden_arrays(m)
        Z2, D = _aligned((K, m), dtype), _aligned((K, m), dtype)
        grad = _aligned(self.P.shape, dtype, 0.0)
        P = self.P
        W1a, V = self._views(P)
        dW1a, dV = self._views(grad)
        # per model, the views its products use (prepared once: the loop below only calls numpy)
        z1_jobs = [(W1a[u], Z1[r]) for u, r in zip(self.units, self.unit_rows)]
        z2_jobs = [(V[r], A1[r], Z2[k]) for k, r in enumerate(self.rows)]
        dv_jobs = [(A1[r], D[k], dV[r], G[ur]) for k, (r, ur) in enumerate(zip(self.rows, self.unit_rows))]
        dw1_jobs = [(G[r], dW1a[u]) for u, r in zip(self.units, self.unit_rows)]
        kernels = [(kernel, Z1[r], A1[r], G[r], T[r]) for kernel, r in self._kernels]
        ones_rows, unit_positions = self.ones_rows, self.unit_positions
        w2 = np.empty((self.H, 1), dtype=dtype)  # every unit's w2, gathered from V
        dot, multiply, add, subtract, tanh, take = np.dot, np.multiply, np.add, np.subtract, np.tanh, np.take
        sigmoid_output = self.output == "sigmoid"
        self._frozen = self.diverged_at[self.param_model] >= 0
        with np.errstate(all="ignore"), _one_blas_thread():  # overflow: the divergence rule reports it
            frozen_any = bool(self._frozen.any())
            step = self._steps()
            half_step, offset = 0.5 * step, step * (0.5 - Y)  # step (A2 - Y) = (step / 2) tanh(Z2 / 2) + offset
            step_Y = step * Y
            stop = self.iteration + num_iterations
            if K == 1 and not frozen_any:
                self._run_one(stop, Z1, A1, G, T, Z2, D, grad, half_step, offset, step, step_Y)
            for i in range(self.iteration, stop):
                for W1a_k, Z1_k in z1_jobs:
                    dot(W1a_k, Xa, Z1_k)  # Z1 = [W1 | b1] @ [X; 1]
                for kernel, Z1_k, A1_k, G_k, T_k in kernels:
                    kernel(Z1_k, A1_k, G_k, T_k)  # A1 = g(Z1), G = g'(Z1)
                A1[ones_rows] = 1.0
                for V_k, A1_k, Z2_k in z2_jobs:
                    dot(V_k, A1_k, Z2_k)  # Z2 = [w2 | b2] @ [A1; 1]
                if i % RECORD_EVERY == 0:
                    self.iteration = i
                    n_diverged = int((self.diverged_at >= 0).sum())
                    self._record(Z2)
                    if (self.diverged_at >= 0).sum() != n_diverged:  # newly diverged: restart those from
                        self._forward(Xa, Z1, A1, G, T, Z2)  # their restored parameters, and freeze them
                        step = self._steps()
                        half_step, offset, step_Y = 0.5 * step, step * (0.5 - Y), step * Y
                        frozen_any = True
                if sigmoid_output:
                    multiply(Z2, 0.5, D)
                    tanh(D, D)
                    multiply(D, half_step, D)
                    add(D, offset, D)  # D = dZ2 * learning_rate / m
                else:
                    multiply(Z2, step, D)
                    subtract(D, step_Y, D)
                for A1_k, D_k, dV_k, G_k in dv_jobs:
                    dot(A1_k, D_k, dV_k)  # [dW2 | db2] = [A1; 1] @ dZ2
                    multiply(G_k, D_k, G_k)  # dZ1 / w2: G times its model's row of D
                for G_k, dW1a_k in dw1_jobs:
                    dot(G_k, XaT, dW1a_k)
                take(V, unit_positions, out=w2[:, 0])
                multiply(dW1a, w2, dW1a)  # times w2 (before its update): [dW1 | db1]
                if frozen_any:
                    grad[self._frozen] = 0.0
                subtract(P, grad, P)
            self.iteration = stop
            if final:
                self._find_divergence()

    def _run_one(self, stop, Z1, A1, G, T, Z2, D, grad, half_step, offset, step, step_Y):
        """The loop of :meth:`run` for a single model, without the per-model loops (fewer Python steps).

        It makes exactly the same numpy calls on the same arrays as :meth:`run` does for one model
        (tests/test_engine.py checks that both give identical bits). A model that diverges stays at
        its restored parameters, so the remaining iterations are skipped and their records are NaN.
        """
        Xa, XaT, P = self.Xa, self.XaT, self.P
        W1a, V = self._views(P)
        dW1a, dV = self._views(grad)
        n_h = self.H
        Z1_u, A1_u, G_u, T_u = Z1[:n_h], A1[:n_h], G[:n_h], T[:n_h]  # the units (A1's last row stays 1)
        w2_column = V[:n_h, None]
        Z2_0, D_0 = Z2[0], D[0]
        kernel = self._kernels[0][0]
        half_step, step = float(half_step[0, 0]), float(step[0, 0])  # scalars: faster than (1, 1) arrays
        dot, multiply, add, subtract, tanh = np.dot, np.multiply, np.add, np.subtract, np.tanh
        sigmoid_output = self.output == "sigmoid"
        for i in range(self.iteration, stop):
            dot(W1a, Xa, Z1_u)
            kernel(Z1_u, A1_u, G_u, T_u)
            dot(V, A1, Z2_0)
            if i % RECORD_EVERY == 0:
                self.iteration = i
                self._record(Z2)
                if self.diverged_at[0] >= 0:  # frozen at its restored parameters from here on: the
                    later = (stop - 1) // RECORD_EVERY - i // RECORD_EVERY  # remaining records are NaN
                    self._records.append(np.full((1, later), np.nan))
                    break
            if sigmoid_output:
                multiply(Z2, 0.5, D)
                tanh(D, D)
                multiply(D, half_step, D)
                add(D, offset, D)
            else:
                multiply(Z2, step, D)
                subtract(D, step_Y, D)
            dot(A1, D_0, dV)
            multiply(G_u, D_0, G_u)
            dot(G_u, XaT, dW1a)
            multiply(dW1a, w2_column, dW1a)
            subtract(P, grad, P)
        self.iteration = stop

    # --- reading the result -----------------------------------------------------------------------

    def forward(self, X):
        """Logits Z2 (K, m') and hidden derivatives G (H, m') of every model on inputs ``X (n_x, m')``."""
        m = X.shape[1]
        Xa = np.vstack([X, np.ones((1, m))]).astype(self.dtype)
        Z1, A1, G, T = self._hidden_arrays(m)
        Z2 = np.empty((self.K, m), dtype=self.dtype)
        with np.errstate(all="ignore"):  # a diverged model may overflow here; it is flagged anyway
            self._forward(Xa, Z1, A1, G, T, Z2)
        return Z2.astype(np.float64), G[self.unit_positions]

    def evaluate(self, X, Y):
        """Per model on data ``X (n_x, m')``, ``Y (1, m')``: (score, cost, dead units), float64 arrays.

        The score is the accuracy in percent (1 where sigmoid(Z2) > 0.5) for the sigmoid output and
        the root-mean-square error for the identity output. Dead units: hidden units whose g'(Z1) is
        0 on every example of ``X``.
        """
        Z2, G = self.forward(X)
        Y = np.asarray(Y, dtype=np.float64)
        with np.errstate(all="ignore"):
            cost = self._cost_of(Z2, Y)
            if self.output == "sigmoid":
                score = np.mean(labels(Z2) == Y, axis=1) * 100.0
            else:
                score = np.sqrt(np.mean((Z2 - Y) ** 2, axis=1))
        dead = np.add.reduceat((G == 0).all(axis=1).astype(np.int64), self.starts)
        return score, cost, dead


def _one_blas_thread():
    """Keep BLAS to one thread while training (threadpoolctl comes with scikit-learn).

    The products are small, so threads only add synchronisation; and a BLAS that splits a product over
    threads may sum it in another order, so one thread also keeps the bits the same in every process.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _aligned(shape, dtype, fill=None):
    """A new array whose data starts on a 64-byte boundary (filled with ``fill``: a number or an array).

    Some BLAS and SIMD kernels sum in an order that depends on where the data starts in memory; with
    every buffer aligned the same way, a training gives the same bits however it is split into chunks
    (``run`` allocates its buffers anew each time) and in whichever process it runs.
    """
    dtype = np.dtype(dtype)
    size = int(np.prod(shape))
    raw = np.empty(size * dtype.itemsize + 64, dtype=np.uint8)
    start = -raw.ctypes.data % 64
    out = raw[start : start + size * dtype.itemsize].view(dtype).reshape(shape)
    if fill is not None:
        out[...] = fill
    return out


# Checked here, not in _validation: the engine's own input, a list of (Activation, learning rate, params).
def _check_models(models, n_x):
    """``models`` as a list of (Activation, learning rate, params) with consistent shapes."""
    from .activations import Activation

    if not isinstance(models, (list, tuple)) or not models:
        raise TypeError(f"models must be a non-empty list of (activation, learning_rate, params), got {models!r:.60}")
    checked = []
    for k, model in enumerate(models):
        if not isinstance(model, (list, tuple)) or len(model) != 3 or not isinstance(model[0], Activation):
            raise TypeError(
                f"models[{k}] must be (an activations.Activation, learning_rate, params), got {model!r:.60}"
            )
        act, lr, params = model
        lr = check_real(f"models[{k}] learning_rate", lr, low=0.0, low_inclusive=False)
        act.check_outputs()  # once per Activation object: a function that is not elementwise fails here, by name
        checked.append((act, lr, check_layers(f"models[{k}] params", params, n_layers=2, n_x=n_x)))
    return checked
