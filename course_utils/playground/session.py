"""The playground's training session: one configuration trained on the course's engine, frame by frame.

:class:`Session` drives :class:`course_utils.engine.Engine` through its public interface only (``run``,
``iteration``, ``costs``, ``diverged_at``, ``evaluate``, ``params``, ``trained(k)``, ``diverged_error(k)``): the
engine trains a network of any depth (with the course's L2 term when ``l2 > 0``) and finds divergence by its one
rule; the costs and accuracies of a frame come from ``Engine.evaluate`` (the cost the engine minimises, the 0.5
threshold). The initial parameters are ``deep.initialize_parameters_deep`` (for one hidden layer, the same bits as
``network.initialize_parameters``). :func:`run` trains a session to its end and returns a :class:`Result`;
:func:`summary` says it in one line.

Shapes follow the course's column convention: the points ``X (2, m)``, labels ``Y (1, m)``, the network's inputs
``features(X, settings["features"])`` of shape ``(n_x, m)``.
"""

import time
from dataclasses import dataclass, field

import numpy as np

from .. import activations, datasets, deep, network
from ..engine import RECORD_EVERY, Engine
from .settings import DEFAULTS, SPLIT_SEED, check_settings, describe, features, make_data


@dataclass
class Result:
    """One playground run: its settings, data, trained parameters, costs and scores.

    ``X_train (2, m_train)``, ``Y_train (1, m_train)`` are the points in the plane (the network's
    inputs are ``features(X_train, settings["features"])``); ``X_test``/``Y_test`` are ``None`` when
    ``test_size`` is 0. ``costs`` holds the training cost at iterations 0, 100, 200, ... (before that
    iteration's update, as ``network.train`` records it) and ``test_costs`` the test cost of the same
    parameters (``None`` without a test set). ``frames`` holds the costs measured after each chunk of
    training, including the last iteration: ``{"iteration", "train_cost", "test_cost"}`` arrays (every
    100 iterations for :func:`run`, every frame for the live playground). ``iteration`` is the number
    of iterations trained. When training diverged, ``diverged`` is True, ``diverged_at`` the iteration
    where the engine found it, ``message`` the engine's reason, ``params`` is ``None`` and the costs
    stop at their last finite value. Accuracies are in percent
    (``test_accuracy`` is ``None`` without a test set). ``seconds`` is the wall time of the training.
    """

    settings: dict
    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray = None
    Y_test: np.ndarray = None
    params: dict = None
    costs: np.ndarray = None
    test_costs: np.ndarray = None
    frames: dict = None
    iteration: int = 0
    diverged_at: int = None
    train_accuracy: float = None
    test_accuracy: float = None
    diverged: bool = False
    message: str = ""
    seconds: float = 0.0
    notes: list = field(default_factory=list)

    def inputs(self, X):
        """The network's inputs for points ``X (2, k)``: ``features(X, settings["features"])``, ``(n_x, k)``."""
        return features(X, self.settings["features"])

    def predict_proba(self, X):
        """P(class 1) of the trained network at the points ``X (2, k)`` of the plane: shape ``(1, k)``."""
        if self.params is None:
            raise ValueError("this run has no trained network (training diverged)")
        return deep.predict_proba(self.params, self.inputs(X))


# --- one run, frame by frame, on the engine -----------------------------------------------------------


def _split(settings):
    """``(X_train, Y_train, X_test, Y_test)`` of the settings' data set (the test pair ``None`` without a test set)."""
    X, Y = make_data(settings["dataset"], settings["noise"], seed=settings["data_seed"])
    if settings["test_size"] <= 0:
        return X, Y, None, None
    X_train, X_test, Y_train, Y_test = datasets.train_test_split_columns(
        X, Y, test_size=settings["test_size"], seed=SPLIT_SEED
    )
    return X_train, Y_train, X_test, Y_test


class Session:
    """A run in progress: the data, the network's inputs, the engine, and per-frame (iteration, train cost, test cost).

    ``settings`` is a checked settings dict (:func:`check_settings`). ``X_train (2, m_train)``, ``Y_train
    (1, m_train)`` are the training points and ``F_train (n_x, m_train)`` the network's inputs for them (likewise
    ``X_test``, ``Y_test``, ``F_test``, all ``None`` without a test set). ``iterations``, ``train_costs`` and
    ``test_costs`` hold one entry per frame (:meth:`advance`), ``train_accuracy`` and ``test_accuracy`` (percent)
    the last frame's.
    """

    def __init__(self, settings):
        s = self.settings = settings
        self.act = activations.as_activation(s["activation"])
        self.X_train, self.Y_train, self.X_test, self.Y_test = _split(s)
        self.F_train = features(self.X_train, s["features"])
        self.F_test = None if self.X_test is None else features(self.X_test, s["features"])
        layer_dims = [self.F_train.shape[0], *s["hidden_layers"], 1]
        initial = deep.initialize_parameters_deep(layer_dims, init=s["init"], seed=s["seed"], activation=self.act)
        self.engine = Engine([(self.act, s["learning_rate"], initial)], self.F_train, self.Y_train, l2=s["l2"])
        self.end = s["num_iterations"]
        self.iterations, self.train_costs, self.test_costs = [], [], []
        self.train_accuracy = self.test_accuracy = None
        self.seconds = 0.0
        self._measure()

    @property
    def iteration(self):
        """Iterations trained so far."""
        return self.engine.iteration

    @property
    def diverged(self):
        """True once the engine has found the run diverging."""
        return bool(self.engine.diverged_at[0] >= 0)

    @property
    def shown_iteration(self):
        """The iteration to name: where the engine found the divergence, else the iterations trained so far."""
        return int(self.engine.diverged_at[0]) if self.diverged else self.engine.iteration

    @property
    def finished(self):
        """True at the last iteration or after a divergence."""
        return self.diverged or self.engine.iteration >= self.end

    def message(self):
        """The engine's divergence message, or "" while the run has not diverged."""
        return str(self.engine.diverged_error(0)) if self.diverged else ""

    def _scores(self, F, Y):
        """(cost, accuracy in percent) of the current parameters on inputs ``F (n_x, k)``, labels ``Y (1, k)``: the
        engine's :meth:`~course_utils.engine.Engine.evaluate` (the cost it minimises: the cross-entropy plus, with
        ``l2``, the course's L2 term over that set's ``k``)."""
        with np.errstate(all="ignore"):  # logits on their way to overflow, before the engine's next check
            accuracy, cost, _ = self.engine.evaluate(F, Y)
        return float(cost[0]), float(accuracy[0])

    def _measure(self):
        """Append this frame's (iteration, train cost, test cost); NaN costs once the run has diverged."""
        if self.diverged:
            cost = test_cost = float("nan")
        else:
            cost, self.train_accuracy = self._scores(self.F_train, self.Y_train)
            test_cost = float("nan")
            if self.F_test is not None:
                test_cost, self.test_accuracy = self._scores(self.F_test, self.Y_test)
        self.iterations.append(self.engine.iteration)
        self.train_costs.append(cost)
        self.test_costs.append(test_cost)

    def advance(self, n):
        """Train up to ``n`` more iterations (never past the end); then measure. Returns the iterations done."""
        if self.finished:
            return 0
        n = min(int(n), self.end - self.engine.iteration)
        start = time.perf_counter()
        self.engine.run(n, final=self.engine.iteration + n >= self.end)
        self.seconds += time.perf_counter() - start
        self._measure()
        return n

    def frames(self):
        """The per-frame measurements as float arrays (copies): ``{"iteration", "train_cost", "test_cost"}``."""
        return {
            "iteration": np.array(self.iterations),
            "train_cost": np.array(self.train_costs),
            "test_cost": np.array(self.test_costs),
        }

    def params(self):
        """The current parameters as a plain dict (after a divergence: the last ones that were still finite;
        between two checks of the engine they may already hold inf or NaN)."""
        return self.engine.params(0)

    def finite(self):
        """True while every parameter is a finite number."""
        return all(np.all(np.isfinite(value)) for value in self.engine.params(0).values())

    def _recorded_test_costs(self, n_records):
        """The test cost at each recorded iteration 0, 100, ... (NaN where no frame measured it), or None."""
        if self.F_test is None:
            return None
        frames = {it: k for k, it in enumerate(self.iterations)}
        at = [frames.get(it) for it in range(0, RECORD_EVERY * n_records, RECORD_EVERY)]
        return np.array([self.test_costs[k] if k is not None else np.nan for k in at])

    def result(self):
        """The :class:`Result` of the run so far (at its end: what :func:`run` returns)."""
        result = Result(
            settings=self.settings,
            X_train=self.X_train,
            Y_train=self.Y_train,
            X_test=self.X_test,
            Y_test=self.Y_test,
            frames=self.frames(),
            iteration=self.engine.iteration,
            seconds=self.seconds,
        )
        costs = self.engine.costs[0]
        test = self._recorded_test_costs(costs.size)
        if self.diverged:
            finite = np.isfinite(costs)
            result.diverged, result.message = True, self.message()
            result.diverged_at = int(self.engine.diverged_at[0])
            result.costs = costs[finite]
            result.test_costs = None if test is None else test[finite]
            return result
        result.costs, result.test_costs = costs, test
        if not self.finite():  # overflowing, but the engine has not checked yet (it does every 100 iterations)
            result.notes.append("the parameters are no longer finite numbers: training is diverging")
            return result
        self._score_trained(result)
        if costs.size > 1 and costs[-1] > costs[0]:
            result.notes.append("the cost ended higher than it started: the learning rate is probably too high")
        return result

    def _score_trained(self, result):
        """Set ``result.params`` (the engine's :class:`~course_utils.parameters.Parameters`) and its accuracies."""
        result.params = params = self.engine.trained(0)
        with np.errstate(all="ignore"):  # huge (but finite) weights at a large learning rate may overflow
            result.train_accuracy = network.accuracy(deep.predict(params, self.F_train), self.Y_train)
            if self.F_test is not None:
                result.test_accuracy = network.accuracy(deep.predict(params, self.F_test), self.Y_test)


def run(**settings):
    """Make the data, split it, train the network with ``settings`` (see :data:`DEFAULTS`); return a :class:`Result`.

    Trains on the course's engine to ``num_iterations``, measuring the test cost at every recorded
    iteration (0, 100, ...). Divergence does not raise: the result has ``diverged=True`` and the
    engine's reason in ``message``.
    """
    return train_to_end(Session(check_settings(**settings)))


def train_to_end(session):
    """Advance ``session`` to its end, one record (100 iterations) at a time; return its :class:`Result`."""
    while not session.finished:
        session.advance(RECORD_EVERY)
    return session.result()


# Checked here: a playground Result (the playground's own type).
def check_result(result):
    """``result`` if it is a :class:`Result` from :func:`run` (holding every setting); else TypeError/ValueError."""
    if not isinstance(result, Result):
        raise TypeError(f"result must be a playground Result (from playground.run()), got {type(result).__name__}")
    missing = [key for key in DEFAULTS if key not in result.settings]
    if missing:
        raise ValueError(
            f"result.settings is missing {', '.join(missing)}: build a Result with playground.run(...), not by hand"
        )
    return result


def scores_text(train, test):
    """'train accuracy 90.7%, test accuracy 85.0%' (the test part only when ``test`` is not None)."""
    text = f"train accuracy {train:.1f}%"
    return text + (f", test accuracy {test:.1f}%" if test is not None else "")


def summary(result):
    """One line of plain text: the settings that matter and the accuracies (or why training failed)."""
    s = check_result(result).settings
    what = f"{describe(s)}, {s['num_iterations']} iterations"
    if result.diverged:
        return f"{what}: {result.message}"
    if result.train_accuracy is None:
        return f"{what}: {'; '.join(result.notes)}"
    text = f"{what}: {scores_text(result.train_accuracy, result.test_accuracy)}"
    return text + "".join(f" (note: {note})" for note in result.notes)
