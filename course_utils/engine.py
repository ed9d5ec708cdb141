"""The one training loop of the course: batch gradient descent for networks of any depth, many at once.

:func:`course_utils.network.train` and :func:`course_utils.deep.train` (one network),
:func:`course_utils.experiments.compare` (many networks at once) and the playground (one network, a
chunk of iterations per frame) all train with :class:`Engine`. Column convention: ``X`` of shape
``(n_x, m)`` and ``Y`` of shape ``(1, m)``.

The mathematics, model by model (``g`` the hidden activation, ``m`` the number of examples, L layers
with weights, ``A0 = X``; :mod:`course_utils.model` is the reference)::

    Zl = Wl @ A(l-1) + bl,  Al = g(Zl)          l = 1..L-1 (the hidden layers)
    ZL = WL @ A(L-1) + bL                        the logits, (1, m)
    output "sigmoid":  AL = sigmoid(ZL),  cost = mean(log(1 + exp(ZL)) - Y * ZL)   (cross-entropy)
    output "identity": AL = ZL,           cost = mean((ZL - Y) ** 2) / 2           (squared error)
    with l2 > 0, the course's L2 term:    cost += l2 / (2 m) * sum_l ||Wl||^2       (weights, not biases)
    dZL = AL - Y   (the combined, stable step: the same for both outputs)
    dWl = dZl @ A(l-1).T / m + (l2 / m) Wl,  dbl = mean(dZl, axis=1),  dZ(l-1) = (Wl.T @ dZl) * g'(Z(l-1))
    W <- W - learning_rate * dW   (every parameter)

The cost is recorded at iterations 0, 100, 200, ... (:data:`RECORD_EVERY`), computed in that
iteration before its update.

**Divergence, one rule everywhere.** At every recorded iteration, and when training ends, each model
is checked: if its cost or one of its parameters is no longer a finite number, the model has
*diverged* at that iteration. It keeps the parameters of its last check that passed and stops
training (the other models of a comparison go on). ``network.train`` and ``deep.train`` then raise
:class:`TrainingDiverged` (with the costs recorded before), ``compare`` marks the row ``diverged``,
and the playground shows the message; all use :func:`divergence_message`.

**How the work is laid out.** The models are split into parts, each trained by its own short, fixed
list of numpy calls per iteration:

- *one hidden layer* (L = 2), every such model in one part: the hidden units of all of them are the
  rows of one array (with a row of ones after each model's units, which folds the output bias into
  the products). The matrix products go model by model (``[W1 | b1] @ [X; 1]``, ``[w2 | b2] @ [A1; 1]``,
  ``[A1; 1] @ dZ2``, ``(dZ1 / w2) @ [X; 1].T``), each activation's training kernel runs once over its
  rows, everything else elementwise over the whole stack, and one update of the flat parameter vector;
- *deeper networks* (L >= 3), one part per architecture: the models' arrays are stacked
  along a first axis, ``(K, n_l, n_(l-1) + 1)`` for ``[Wl | bl]`` and ``(K, n_l + 1, m)`` for
  ``[Al; 1]``, and each layer is one ``np.matmul`` over the stack forward (``[Wl | bl] @ [A(l-1); 1]``)
  and two backward (``dZl @ [A(l-1); 1].T`` and ``Wl.T @ dZl``), one kernel call per activation and
  one product by ``g'``. Every model's slice starts on a 64-byte boundary, and ``np.matmul`` makes one BLAS call per
  slice.

Every operation is thus either elementwise or limited to one model's slice, so a model's numbers are
the same bit for bit whatever other models it is trained with, whether it is trained alone
(``network.train``, ``deep.train``) or in a comparison, and however ``run`` is split into chunks. The
learning rate over ``m`` is folded into ``dZL``, so the gradients come out already scaled; with
``l2 = 0`` no L2 operation is made at all.
"""

import contextlib

import numpy as np

from ._conventions import check_XY
from ._validation import check_choice, check_float_dtype, check_int, check_real
from .model import _costs, labels
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
    """Gradient descent for ``K >= 1`` networks of any depth on the same data, trained together.

    **Interface.** ``Engine(models, X, Y, output="sigmoid", dtype=np.float64, state=None, l2=0.0)``.
    ``models`` is a list of ``(activation, learning_rate, params)``: an ``activations.Activation``, a
    positive number and the initial parameters ``W1, b1, ..., WL, bL`` of any depth L >= 2 (``Wl``
    ``(n_l, n_(l-1))``, ``bl (n_l, 1)``, ``WL (1, n_(L-1))``: one output unit), depths mixed freely;
    ``X (n_x, m)`` and ``Y (1, m)`` (0/1 labels for the sigmoid output, real numbers for the identity
    output). ``dtype`` (float64 or float32) is the precision of the arithmetic. ``l2`` (a number >= 0,
    or one per model) is the course's L2 regularisation. ``state`` (from :meth:`state`) resumes a
    training, e.g. in another process (pass the same models, data and ``l2``). :meth:`run` advances
    every model by some iterations; :attr:`iteration` (iterations done), :attr:`costs` ``(K, records)``,
    :attr:`diverged_at` (``(K,)``, -1 while a model has not diverged), :meth:`params` (model k's dict),
    :meth:`trained` (its :class:`Parameters`, which record the activation and the output),
    :meth:`diverged_error` (its :class:`TrainingDiverged`, or None), :meth:`forward` (logits and hidden
    derivatives on new inputs) and :meth:`evaluate` (score, cost and dead units on data) read the
    result. A model's numbers do not depend on the other models or on how :meth:`run` is chunked.

    The layout (see the module docstring): the one-hidden-layer models share one part, deeper
    models one part per architecture.
    """

    def __init__(self, models, X, Y, output="sigmoid", dtype=np.float64, state=None, l2=0.0):
        self.output = check_choice("output", output, OUTPUTS)
        X, Y = check_XY(X, Y, labels=self.output == "sigmoid")
        models = _check_models(models, X.shape[0])
        self.dtype = dtype = check_float_dtype("dtype", dtype)
        self.K = K = len(models)
        self.l2 = _check_l2(l2, K)
        self.activations = [act for act, _, _ in models]
        self.learning_rates = np.array([lr for _, lr, _ in models], dtype=np.float64)
        self.layer_sizes = [
            (params["W1"].shape[1],) + tuple(params[f"W{layer}"].shape[0] for layer in range(1, len(params) // 2 + 1))
            for _, _, params in models
        ]
        n_x, m = X.shape
        self.n_x, self.m = n_x, m
        Xa = np.vstack([X, np.ones((1, m))]).astype(dtype)  # [X; 1]: the bias is W1's last column
        data = (Xa, np.ascontiguousarray(Xa.T), np.asarray(Y, dtype=dtype).reshape(1, m))
        # the parts: every one-hidden-layer model in one, deeper ones by layer sizes (in a stack, the models
        # of one activation object next to each other: one kernel call for them)
        shallow, stacks, first_seen = [], {}, {}
        for k, sizes in enumerate(self.layer_sizes):
            if len(sizes) == 3:
                shallow.append(k)
            else:
                stacks.setdefault(sizes, []).append(k)
                first_seen.setdefault(id(models[k][0]), k)
        stacks = [sorted(indices, key=lambda k: first_seen[id(models[k][0])]) for indices in stacks.values()]
        groups = ([shallow] if shallow else []) + stacks
        if state is not None and (not isinstance(state, dict) or len(state.get("parts", ())) != len(groups)):
            raise ValueError("state must come from Engine.state() of an engine with the same models")
        self._parts = []
        for g, indices in enumerate(groups):
            part = _OneHidden if len(self.layer_sizes[indices[0]]) == 3 else _Stack
            self._parts.append(
                part(
                    [models[k] for k in indices], self.l2[indices], data, self.output, dtype,
                    None if state is None else state["parts"][g],
                )
            )  # fmt: skip
        self._groups = [np.array(indices, dtype=np.intp) for indices in groups]
        self._where = [None] * K  # model k -> (its part, its index there)
        for part, indices in zip(self._parts, groups):
            for j, k in enumerate(indices):
                self._where[k] = (part, j)
        self.iteration = 0 if state is None else int(state["iteration"])

    # --- what every part keeps, in model order ----------------------------------------------------

    def _gather(self, name, dtype):
        out = np.empty(self.K, dtype=dtype)
        for part, indices in zip(self._parts, self._groups):
            out[indices] = getattr(part, name)
        return out

    @property
    def diverged_at(self):
        """Per model, the iteration where it diverged, or -1 (an int64 array of shape (K,))."""
        return self._gather("diverged_at", np.int64)

    @property
    def last_good(self):
        """Per model, the iteration of its last passing divergence check, or -1 (int64, (K,))."""
        return self._gather("last_good", np.int64)

    @property
    def reasons(self):
        """Per model, what was no longer finite when it diverged ("" while it has not)."""
        return [part.reasons[j] for part, j in self._where]

    @property
    def costs(self):
        """Recorded costs, shape (K, records): float64, NaN from the record where a model diverged."""
        parts = [part.costs for part in self._parts]
        out = np.empty((self.K, parts[0].shape[1]))
        for costs, indices in zip(parts, self._groups):
            out[indices] = costs
        return out

    def state(self):
        """Everything needed to resume (a dict of arrays and ints; small, picklable)."""
        return {"iteration": self.iteration, "parts": [part.state() for part in self._parts]}

    def params(self, k):
        """Model ``k``'s current parameters as the course's dict ``W1, b1, ..., WL, bL`` (float64 copies;
        between two checks of a diverging model they may already hold inf or NaN)."""
        k = check_int("k", k, low=0, high=self.K - 1)
        part, j = self._where[k]
        return part.params(j)

    def trained(self, k):
        """Model ``k``'s parameters as :class:`~course_utils.parameters.Parameters`, which record its activation and
        the output (after a divergence: the last parameters that were still finite)."""
        return Parameters(self.params(k), self.activations[k], self.output)

    def diverged_error(self, k):
        """The :class:`TrainingDiverged` for model ``k`` (message, costs before, last finite parameters), or None."""
        k = check_int("k", k, low=0, high=self.K - 1)
        part, j = self._where[k]
        if part.diverged_at[j] < 0:
            return None
        act, learning_rate, last = self.activations[k], float(self.learning_rates[k]), int(part.last_good[j])
        at = int(part.diverged_at[j])
        message = divergence_message(act.name, learning_rate, at, last if last >= 0 else None, part.reasons[j])
        costs = part.costs[j]
        params = self.trained(k) if last >= 0 else None
        return TrainingDiverged(message, iteration=at, costs=costs[np.isfinite(costs)], params=params)

    # --- training ---------------------------------------------------------------------------------

    def run(self, num_iterations, final=True):
        """Train every model for ``num_iterations`` more iterations.

        ``final=True`` (the default) applies the divergence check once more at the end, as training
        ends there; pass ``final=False`` to continue later (the playground's frames).
        """
        num_iterations = check_int("num_iterations", num_iterations, low=0)
        with np.errstate(all="ignore"), _one_blas_thread():  # overflow: the divergence rule reports it
            for part in self._parts:
                part.iteration = self.iteration
                part.run(num_iterations, final)
        self.iteration += num_iterations

    # --- reading the result -----------------------------------------------------------------------

    def forward(self, X):
        """Logits ``(K, m')`` (float64) and hidden derivatives ``g'(Z)`` of every model on inputs ``X (n_x, m')``.

        The derivatives are one row per hidden unit: model by model, and within a model layer by layer
        (``sum of the hidden layer sizes`` rows in all).
        """
        logits, derivatives = self._forward(X)
        return logits, np.concatenate(derivatives, axis=0)

    def _forward(self, X):
        """Logits (K, m') float64 and the list of each model's hidden derivatives (its units, m')."""
        X = np.asarray(X)
        m = X.shape[1]
        Xa = np.vstack([X, np.ones((1, m))]).astype(self.dtype)
        logits = np.empty((self.K, m))
        derivatives = [None] * self.K
        with np.errstate(all="ignore"):  # a diverged model may overflow here; it is flagged anyway
            for part, indices in zip(self._parts, self._groups):
                Z, G = part.forward(Xa)
                logits[indices] = Z
                for j, k in enumerate(indices):
                    derivatives[k] = G[j]
        return logits, derivatives

    def evaluate(self, X, Y):
        """Per model on data ``X (n_x, m')``, ``Y (1, m')``: (score, cost, dead units), float64 arrays.

        The score is the accuracy in percent (1 where sigmoid(ZL) > 0.5) for the sigmoid output and
        the root-mean-square error for the identity output; the cost is the training cost (with the L2
        term, over ``m'``). Dead units: hidden units, of every hidden layer, whose g'(Z) is 0 on every
        example of ``X``.
        """
        logits, derivatives = self._forward(X)
        Y = np.asarray(Y, dtype=np.float64)
        with np.errstate(all="ignore"):
            cost = _costs(logits, Y, self.output)
            for part, indices in zip(self._parts, self._groups):
                penalty = part.penalty(Y.shape[1])
                if penalty is not None:
                    cost[indices] += penalty
            if self.output == "sigmoid":
                score = np.mean(labels(logits) == Y, axis=1) * 100.0
            else:
                score = np.sqrt(np.mean((logits - Y) ** 2, axis=1))
        dead = np.array([int((G == 0).all(axis=1).sum()) for G in derivatives], dtype=np.int64)
        return score, cost, dead


def _train_one(activation, learning_rate, initial, X, Y, output, num_iterations, print_every=None, l2=0.0):
    """Train one network (``network.train``, ``deep.train``): its :class:`Parameters` and costs, or the
    :class:`TrainingDiverged` raised.

    ``print_every`` (a multiple of :data:`RECORD_EVERY`, or None): print "Cost after iteration i: ..." for
    i = 0, print_every, ... as training goes, in chunks of that many iterations (the numbers do not depend
    on chunking); a chunk in which the model diverges prints nothing.
    """
    engine = Engine([(activation, learning_rate, initial)], X, Y, output=output, l2=l2)
    if print_every:
        for start in range(0, num_iterations, print_every):
            n = min(print_every, num_iterations - start)
            engine.run(n, final=start + n >= num_iterations)
            if engine.diverged_at[0] >= 0:
                break
            print(f"Cost after iteration {start}: {engine.costs[0, start // RECORD_EVERY]:f}")
    else:
        engine.run(num_iterations)
    if engine.diverged_at[0] >= 0:
        raise engine.diverged_error(0)
    return engine.trained(0), engine.costs[0]


class _Part:
    """What both kinds of part share: the divergence bookkeeping and the records."""

    def _start(self, models, l2, output, dtype, state):
        self.output, self.dtype = output, dtype
        self.K = len(models)
        self.activations = [act for act, _, _ in models]
        self.learning_rates = np.array([lr for _, lr, _ in models], dtype=np.float64)
        self.l2 = np.asarray(l2, dtype=np.float64)
        self.l2_any = bool(np.any(self.l2 > 0))
        if state is None:
            self.iteration = 0
            self.diverged_at = np.full(self.K, -1, dtype=np.int64)
            self.last_good = np.full(self.K, -1, dtype=np.int64)
            self.reasons = [""] * self.K
            self._records = []
        else:
            self.iteration = state["iteration"]
            self.diverged_at, self.last_good = state["diverged_at"].copy(), state["last_good"].copy()
            self.reasons = list(state["reasons"])
            self._records = [state["costs"]] if state["costs"].size else []

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

    def _steps(self):
        """learning_rate / m per model as a (K, 1) column; 0 for diverged models (they stop moving)."""
        step = self.learning_rates / self.m
        step[self.diverged_at >= 0] = 0.0
        return step.astype(self.dtype)[:, None]

    def _record(self, Z):
        """Record this iteration's costs (logits ``Z (K, m)``) and apply the divergence rule (module docstring)."""
        cost = _costs(Z, self.Y, self.output).astype(np.float64)
        if self.l2_any:
            cost += self.penalty(self.m)
        self._find_divergence(cost)
        cost[self.diverged_at >= 0] = np.nan
        self._records.append(cost[:, None])

    def _find_divergence(self, cost=None):
        """Mark models whose cost or parameters are not finite as diverged; snapshot the others.

        A diverged model gets ``diverged_at`` (this iteration), ``reasons`` (what was not finite) and
        its parameters of the last check that passed (``last_good`` is that check's iteration).
        """
        ok = self._finite_params()
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

    def _decay(self):
        """``(decay, scratch)`` for :func:`_descend`: per parameter ``learning_rate * l2 / m`` of its model for
        weights, 0 for biases (the L2 term of the gradient), and a buffer; ``(None, None)`` without L2."""
        if not self.l2_any:
            return None, None
        decay = np.where(self.is_weight, (self.learning_rates * self.l2 / self.m)[self.param_model], 0.0)
        return decay.astype(self.dtype), _aligned(self.P.shape, self.dtype, 0.0)


def _descend(P, grad, decay, scratch, frozen):
    """One gradient step on a flat parameter vector: ``grad`` gains the L2 term ``decay * P`` (unless ``decay``
    is None), the ``frozen`` parameters (a mask, or None) stay, then ``P -= grad``."""
    if decay is not None:
        np.multiply(P, decay, scratch)  # learning_rate * l2 / m * W
        np.add(grad, scratch, grad)
    if frozen is not None:
        grad[frozen] = 0.0
    np.subtract(P, grad, P)


class _OneHidden(_Part):
    """The one-hidden-layer models (L = 2) of an :class:`Engine`, all in one layout.

    The hidden layer has one row per hidden unit plus, after each model's units, a row of ones, so
    that ``[w2 | b2] @ [A1; 1]`` gives a model's logits and ``[A1; 1] @ dZ2`` its ``[dW2 | db2]`` in
    one product each. The parameters are one flat vector ``P = [W1a (H, n_x + 1) row by row, V (H + K)]``
    with ``W1a = [W1 | b1]`` and ``V`` holding each model's ``[w2 | b2]`` at its rows of the hidden layer.
    """

    def __init__(self, models, l2, data, output, dtype, state):
        self._start(models, l2, output, dtype, state)
        self.Xa, self.XaT, self.Y = data
        n_x, m = self.Xa.shape[0] - 1, self.Xa.shape[1]
        self.n_x, self.m = n_x, m
        widths = np.array([params["W1"].shape[0] for _, _, params in models])
        K = self.K
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
        if state is None:
            self.P = _aligned(self._bounds[-1], dtype)
            W1a, V = self._views(self.P)
            for k, (_, _, params) in enumerate(models):
                W1a[self.units[k], :n_x] = params["W1"]
                W1a[self.units[k], n_x] = params["b1"][:, 0]
                V[self.unit_rows[k]] = params["W2"][0]
                V[self.ones_rows[k]] = params["b2"][0, 0]
            self.P_good = _aligned(self.P.shape, dtype, self.P)
        else:
            self.P, self.P_good = (
                _aligned(state["P"].shape, dtype, state["P"]),
                _aligned(state["P"].shape, dtype, state["P_good"]),
            )
        if self.l2_any:
            W1a_weight, V_weight = self._views(np.ones(self.P.shape, dtype=bool))
            W1a_weight[:, n_x] = False
            V_weight[self.ones_rows] = False
            self.is_weight = np.concatenate([W1a_weight.ravel(), V_weight])

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

    def params(self, k):
        """Model ``k``'s current parameters as the course's dict (float64 copies)."""
        W1a, V = self._views(self.P)
        units = self.units[k]
        return {
            "W1": W1a[units, : self.n_x].astype(np.float64),
            "b1": W1a[units, self.n_x :].astype(np.float64),
            "W2": V[None, self.unit_rows[k]].astype(np.float64),
            "b2": V[self.ones_rows[k]].reshape(1, 1).astype(np.float64),
        }

    def penalty(self, m):
        """Per model, the L2 term ``l2 / (2 m) * (||W1||^2 + ||W2||^2)`` (float64), or None without L2."""
        if not self.l2_any:
            return None
        W1a, V = self._views(self.P.astype(np.float64))
        squares = np.array(
            [np.sum(W1a[u, : self.n_x] ** 2) + np.sum(V[r] ** 2) for u, r in zip(self.units, self.unit_rows)]
        )
        return self.l2 / (2 * m) * squares

    def _finite_params(self):
        W1a_ok, V_ok = self._views(np.isfinite(self.P))
        return np.logical_and.reduceat(W1a_ok.all(axis=1), self.starts) & np.logical_and.reduceat(V_ok, self.row_starts)

    # --- the loop ---------------------------------------------------------------------------------

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

    def run(self, num_iterations, final=True):
        """Train every model for ``num_iterations`` more iterations (see :meth:`Engine.run`)."""
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
        decay, scratch = self._decay()
        descend = _descend
        self._frozen = self.diverged_at[self.param_model] >= 0
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
            descend(P, grad, decay, scratch, self._frozen if frozen_any else None)
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
        decay, scratch = self._decay()
        l2_any = decay is not None
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
            if l2_any:
                multiply(P, decay, scratch)
                add(grad, scratch, grad)
            subtract(P, grad, P)
        self.iteration = stop

    def forward(self, Xa):
        """Logits Z2 (K, m') float64 and each model's hidden derivatives G (its units, m') on ``Xa = [X; 1]``."""
        m = Xa.shape[1]
        Z1, A1, G, T = self._hidden_arrays(m)
        Z2 = np.empty((self.K, m), dtype=self.dtype)
        self._forward(Xa, Z1, A1, G, T, Z2)
        return Z2.astype(np.float64), [G[r] for r in self.unit_rows]


class _Stack(_Part):
    """Models of one architecture (L >= 3 layers) of an :class:`Engine`, stacked (any activations).

    Layer l's parameters ``[Wl | bl]`` are a ``(K, n_l, n_(l-1) + 1)`` view into the flat vector ``P``
    (layer after layer); the hidden values ``[Al; 1]`` are ``(K, n_l + 1, m)`` arrays whose last row is
    ones, so each product of the loop is one ``np.matmul`` over the stack (one BLAS call per model).
    Every model's slice of every array starts on a 64-byte boundary (:func:`_stacked`), so a slice is
    computed in the same way whatever the number of models and the model's place in the stack.
    """

    def __init__(self, models, l2, data, output, dtype, state):
        self._start(models, l2, output, dtype, state)
        self.Xa, self.XaT, self.Y = data
        self.n_x, self.m = self.Xa.shape[0] - 1, self.Xa.shape[1]
        first = models[0][2]
        self.L = L = len(first) // 2
        self.sizes = sizes = (first["W1"].shape[1],) + tuple(first[f"W{layer}"].shape[0] for layer in range(1, L + 1))
        K = self.K
        self._shapes = [(sizes[layer], sizes[layer - 1] + 1) for layer in range(1, L + 1)]
        self._sizes = [K * _padded(n * c, dtype) for n, c in self._shapes]  # each layer's block of P
        total = int(sum(self._sizes))
        self.param_model = np.concatenate([np.repeat(np.arange(K), size // K) for size in self._sizes])
        if state is None:
            self.P = _aligned(total, dtype, 0.0)
            for k, (_, _, params) in enumerate(models):
                for layer, Wa in enumerate(self._layers(self.P), start=1):
                    Wa[k, :, :-1] = params[f"W{layer}"]
                    Wa[k, :, -1] = params[f"b{layer}"][:, 0]
            self.P_good = _aligned(total, dtype, self.P)
        else:
            self.P = _aligned(total, dtype, state["P"])
            self.P_good = _aligned(total, dtype, state["P_good"])
        if self.l2_any:
            self.is_weight = np.zeros(total, dtype=bool)
            for weight in self._layers(self.is_weight):
                weight[:, :, :-1] = True
        # runs of consecutive models with the same activation object: one kernel call each
        self._runs, first = [], 0
        for k in range(1, self.K + 1):
            if k == self.K or models[k][0] is not models[first][0]:
                self._runs.append((models[first][0].kernel(), slice(first, k)))
                first = k

    def _layers(self, flat):
        """The views ``[Wl | bl]`` ``(K, n_l, n_(l-1) + 1)`` of layers 1..L into a flat parameter-shaped vector."""
        views, start = [], 0
        for shape, size in zip(self._shapes, self._sizes):
            views.append(_stacked(flat[start : start + size], self.K, shape))
            start += size
        return views

    def params(self, k):
        """Model ``k``'s current parameters as the course's dict (float64 copies)."""
        out = {}
        for layer, Wa in enumerate(self._layers(self.P), start=1):
            out[f"W{layer}"] = Wa[k, :, :-1].astype(np.float64)
            out[f"b{layer}"] = Wa[k, :, -1:].astype(np.float64)
        return out

    def penalty(self, m):
        """Per model, the L2 term ``l2 / (2 m) * sum_l ||Wl||^2`` (float64), or None without L2."""
        if not self.l2_any:
            return None
        squares = sum(np.sum(Wa[:, :, :-1].astype(np.float64) ** 2, axis=(1, 2)) for Wa in self._layers(self.P))
        return self.l2 / (2 * m) * squares

    def _finite_params(self):
        ok = np.ones(self.K, dtype=bool)
        for Wa in self._layers(self.P):
            ok &= np.isfinite(Wa).all(axis=(1, 2))
        return ok

    def _buffers(self, m):
        """The arrays of one pass over ``m`` examples: per hidden layer ``[Al; 1]`` (ones set), Z, G, T, dA."""
        K, dtype = self.K, self.dtype
        hidden = self.sizes[1:-1]
        Aa = [_stacked(None, K, (n + 1, m), dtype) for n in hidden]
        for A in Aa:
            A[:, -1, :] = 1.0
        Z, G, T, dA = ([_stacked(None, K, (n, m), dtype) for n in hidden] for _ in range(4))
        Z.append(_stacked(None, K, (1, m), dtype))  # the logits
        return Aa, Z, G, T, dA

    def _forward(self, Xa, Aa, Z, G, T):
        """Fill every layer's Z, [A; 1] and G = g'(Z) for the inputs ``Xa = [X; 1]``; Z[-1] are the logits."""
        layers = self._layers(self.P)
        A_prev = Xa
        for Wa, Aa_l, Z_l, G_l, T_l in zip(layers, Aa, Z, G, T):
            np.matmul(Wa, A_prev, Z_l)
            for kernel, run in self._runs:
                kernel(Z_l[run], Aa_l[run, :-1], G_l[run], T_l[run])
            A_prev = Aa_l
        np.matmul(layers[-1], A_prev, Z[-1])

    def run(self, num_iterations, final=True):
        """Train every model for ``num_iterations`` more iterations (see :meth:`Engine.run`)."""
        K, m, Y, dtype = self.K, self.m, self.Y, self.dtype
        Aa, Z, G, T, dA = self._buffers(m)
        D = _stacked(None, K, (1, m), dtype)
        P = self.P
        grad = _aligned(P.shape, dtype, 0.0)
        layers, grads = self._layers(P), self._layers(grad)
        # the loop's calls, prepared once: forward (Wa, [A_prev; 1], Z, kernel calls) per hidden layer
        inputs = [self.Xa] + Aa
        forward = [
            (
                layers[i],
                inputs[i],
                Z[i],
                [(kernel, Z[i][r], Aa[i][r, :-1], G[i][r], T[i][r]) for kernel, r in self._runs],
            )
            for i in range(self.L - 1)
        ]
        output = (layers[-1], inputs[-1], Z[-1])
        logits = Z[-1][:, 0, :]
        # backward, from the last hidden layer down: (W(l+1).T, dZ(l+1), dA_l, G_l -> dZ_l, [A(l-1); 1].T, dWa_l)
        transposed = [self.XaT] + [A.transpose(0, 2, 1) for A in Aa]
        dZ = G + [D]
        backward = [
            (layers[i + 1][:, :, :-1].transpose(0, 2, 1), dZ[i + 1], dA[i], G[i], transposed[i], grads[i])
            for i in range(self.L - 2, -1, -1)
        ]
        last = (D, transposed[-1], grads[-1])
        matmul, multiply, add, subtract, tanh = np.matmul, np.multiply, np.add, np.subtract, np.tanh
        sigmoid_output = self.output == "sigmoid"
        decay, scratch = self._decay()
        descend = _descend
        self._frozen = self.diverged_at[self.param_model] >= 0
        frozen_any = bool(self._frozen.any())

        def steps():
            step = self._steps()[:, :, None]  # (K, 1, 1)
            return step, 0.5 * step, step * (0.5 - Y), step * Y  # step (AL - Y) = (step / 2) tanh(ZL / 2) + offset

        step, half_step, offset, step_Y = steps()
        stop = self.iteration + num_iterations
        for i in range(self.iteration, stop):
            for Wa, A_prev, Z_l, kernels in forward:
                matmul(Wa, A_prev, Z_l)  # Zl = [Wl | bl] @ [A(l-1); 1]
                for kernel, Z_r, A_r, G_r, T_r in kernels:
                    kernel(Z_r, A_r, G_r, T_r)  # Al = g(Zl), G = g'(Zl)
            matmul(*output)  # the logits
            if i % RECORD_EVERY == 0:
                self.iteration = i
                n_diverged = int((self.diverged_at >= 0).sum())
                self._record(logits)
                if (self.diverged_at >= 0).sum() != n_diverged:  # newly diverged: frozen from here on
                    if (self.diverged_at >= 0).all():  # nothing left to train: the remaining records are NaN
                        later = (stop - 1) // RECORD_EVERY - i // RECORD_EVERY
                        self._records.append(np.full((K, later), np.nan))
                        break
                    step, half_step, offset, step_Y = steps()
                    frozen_any = True
            if sigmoid_output:
                multiply(Z[-1], 0.5, D)
                tanh(D, D)
                multiply(D, half_step, D)
                add(D, offset, D)  # D = dZL * learning_rate / m
            else:
                multiply(Z[-1], step, D)
                subtract(D, step_Y, D)
            matmul(*last)  # [dWL | dbL] = dZL @ [A(L-1); 1].T
            for W_T, dZ_next, dA_l, G_l, A_prev_T, dWa in backward:
                matmul(W_T, dZ_next, dA_l)  # dAl = W(l+1).T @ dZ(l+1)
                multiply(dA_l, G_l, G_l)  # dZl = dAl * g'(Zl), in G
                matmul(G_l, A_prev_T, dWa)  # [dWl | dbl] = dZl @ [A(l-1); 1].T
            descend(P, grad, decay, scratch, self._frozen if frozen_any else None)
        self.iteration = stop
        if final:
            self._find_divergence()

    def forward(self, Xa):
        """Logits (K, m') float64 and each model's hidden derivatives (its units, layer by layer, m')."""
        Aa, Z, G, T, _ = self._buffers(Xa.shape[1])
        self._forward(Xa, Aa, Z, G, T)
        return Z[-1][:, 0, :].astype(np.float64), [np.concatenate([G_l[k] for G_l in G]) for k in range(self.K)]


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
    """``models`` as a list of (Activation, learning rate, params) with consistent shapes (any depth L >= 2)."""
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
        params = check_layers(f"models[{k}] params", params, n_x=n_x)
        if len(params) < 4:
            raise ValueError(
                f"models[{k}] params hold no hidden layer (only {', '.join(params)}): the engine trains networks "
                "with at least one hidden layer, W1, b1, W2, b2, ..."
            )
        checked.append((act, lr, params))
    return checked


# Checked here, with _check_models: the engine's own argument, one l2 for every model or one per model.
def _check_l2(l2, K):
    """``l2`` as a float64 array of K values >= 0 (one number for every model, or one per model)."""
    if isinstance(l2, (list, tuple, np.ndarray)):
        values = list(np.ravel(l2)) if isinstance(l2, np.ndarray) else list(l2)
        if len(values) != K:
            raise ValueError(f"l2 must be one number >= 0 or one per model ({K}), got {len(values)} values")
        return np.array([check_real(f"l2[{k}]", value, low=0.0) for k, value in enumerate(values)])
    return np.full(K, check_real("l2", l2, low=0.0))


def _padded(size, dtype):
    """``size`` elements rounded up to a whole number of 64-byte blocks."""
    per_block = 64 // np.dtype(dtype).itemsize
    return -(-size // per_block) * per_block


def _stacked(flat, K, shape, dtype=None):
    """A ``(K, *shape)`` view whose K slices are C-contiguous and each start on a 64-byte boundary.

    ``flat``: an aligned 1-D array of ``K * _padded(prod(shape))`` elements to view into, or None for a
    new (zeroed) one of ``dtype``.
    """
    if flat is None:
        flat = _aligned(K * _padded(int(np.prod(shape)), dtype), dtype, 0)
    size = flat.shape[0] // K
    item = flat.dtype.itemsize
    inner = tuple(int(np.prod(shape[i + 1 :])) * item for i in range(len(shape)))
    return np.lib.stride_tricks.as_strided(flat, (K, *shape), (size * item, *inner))
