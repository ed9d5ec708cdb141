"""The course's networks as scikit-learn estimators.

- ``NeuralNetworkClassifier``: the L-layer network of :mod:`course_utils.deep` (any depth), binary
  classification; trained by :func:`course_utils.deep.train`.
- ``NeuralNetworkRegressor``: the same network with the identity output unit (real-valued targets).
- ``OneHiddenLayerClassifier``: the course's one-hidden-layer network, trained by
  :func:`course_utils.network.train`, with its own parameter names (``n_hidden``) and numbers.

Rows convention, as scikit-learn's: ``X (m, n_features)``, ``y (m,)``; the course's column layout
``X (n_features, m)`` is refused with the hint "pass X.T". The trained weights are kept as
:class:`~course_utils.parameters.Parameters` in ``params_``; predictions are :mod:`course_utils.model`'s
maths (the one reference). ``hidden_layer_sizes`` is one architecture, as in scikit-learn's
``MLPClassifier``: ``(8, 8, 8)`` is ONE network with three hidden layers of 8 units, and an int is one
layer. In :func:`course_utils.experiments.compare`, by contrast, ``hidden_sizes`` is a sweep:
``hidden_sizes=(2, 4, 8)`` trains three networks of one hidden layer each, and the estimator's
``(8, 8, 8)`` is the tuple entry ``hidden_sizes=((8, 8, 8),)``. Its own module, so that importing
``network`` does not import scikit-learn; ``network.OneHiddenLayerClassifier`` (and the two others) still
work (imported on first use).
"""

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin

from . import deep, model, network
from ._conventions import check_hidden_layers
from ._validation import _show, as_float_array, check_int, check_seed, naming
from .engine import TrainingDiverged
from .parameters import init_or_old_name

__all__ = ["NeuralNetworkClassifier", "NeuralNetworkRegressor", "OneHiddenLayerClassifier"]


class _NetworkEstimator(BaseEstimator):
    """What every estimator here shares: the rows convention and its 'pass X.T' hint, ``random_state``,
    ``max_iter`` and the training call. A subclass says how it trains (``_train``) and what ``y`` is
    (``_targets``)."""

    #: "sigmoid" (classification: 0/1 labels) or "identity" (regression: real targets).
    _output = "sigmoid"

    def _seed(self):
        """``random_state`` as an int seed: an int (itself), None (fresh entropy) or a RandomState (drawn from it)."""
        state = self.random_state
        if state is None:
            state = np.random.RandomState()  # fresh entropy, not the global generator
        if isinstance(state, np.random.RandomState):
            return int(state.randint(0, 2**31 - 1))
        return check_seed("random_state", state)

    def _rows(self, X, y):
        """``(X (m, n), y (m,))`` checked by scikit-learn's ``validate_data``; the column layout gets 'pass X.T'."""
        from sklearn.utils.validation import check_array, validate_data

        if y is not None:  # (y=None is left to validate_data, whose message scikit-learn's checks expect)
            X_checked = naming("X", check_array, X, dtype=np.float64, estimator=self, input_name="X")
            y_array = np.asarray(y)  # (np.shape would call __array_function__ on array-likes)
            rows, columns = X_checked.shape
            what = "targets" if self._output == "identity" else "labels"
            course_Y = y_array.ndim == 2 and y_array.shape[0] == 1 and y_array.shape[1] > 1  # Y (1, m)
            m = y_array.shape[1] if course_Y else y_array.shape[0] if y_array.ndim >= 1 else None
            X_columns = m == columns != rows  # X (n_features, m)
            if course_Y and X_columns:
                raise ValueError(
                    f"X has shape {X_checked.shape} and y {y_array.shape}: the course's column convention. The "
                    f"estimator takes one row per example and the {what} as a 1-D array, as scikit-learn does: pass "
                    "X.T and Y.ravel()"
                )
            if course_Y and m == rows:
                raise ValueError(
                    f"y has shape {y_array.shape}, the course's Y (1, m): the estimator takes the {what} as a 1-D "
                    "array, one per example, as scikit-learn does: pass Y.ravel()"
                )
            if X_columns:
                raise ValueError(
                    f"X has shape {X_checked.shape} but y has {m} {what}: X looks like the course's column "
                    "convention (one column per example). The estimator takes one row per example, as "
                    "scikit-learn does: pass X.T"
                )
        return naming("y", validate_data, self, X, y, dtype=np.float64, y_numeric=self._output == "identity")

    def _fit(self, X, y):
        """Checks, trains on ``X.T`` and the ``(1, m)`` targets, and sets the fitted attributes."""
        max_iter = check_int("max_iter", self.max_iter, low=1)
        X, y = self._rows(X, y)
        Y = self._targets(y).reshape(1, -1)
        try:
            self.params_, self.loss_curve_ = self._train(X.T, Y, max_iter)
        except TrainingDiverged as error:
            scale = "the inputs (StandardScaler)" + (
                " and the targets (TransformedTargetRegressor)" if self._output == "identity" else ""
            )
            raise TrainingDiverged(
                f"{error} In scikit-learn, scaling {scale} helps too.",
                iteration=error.iteration,
                costs=error.costs,
                params=error.params,
            ) from error
        self.n_iter_ = max_iter
        return self

    def _input(self, X):
        """``X (m, n_features_in_)`` for a fitted estimator; the column layout gets 'pass X.T'."""
        from sklearn.utils.validation import check_is_fitted, validate_data

        check_is_fitted(self)
        shape = np.shape(X) if isinstance(X, (np.ndarray, list, tuple)) else None
        n = self.n_features_in_
        if shape is not None and len(shape) == 2 and shape[0] == n != shape[1]:
            raise ValueError(
                f"X has shape {shape}: one column per example, the course's column convention? The estimator "
                f"takes one row per example ({n} columns), as scikit-learn does: pass X.T"
            )
        return naming("X", validate_data, self, X, dtype=np.float64, reset=False)

    def _logits(self, X):
        """The output unit's input ``Z^[L]`` for each row, shape ``(m,)`` (:func:`course_utils.model.logits`)."""
        return model.logits(self._input(X).T, self.params_)[0]


class _BinaryClassifier(ClassifierMixin, _NetworkEstimator):
    """Binary classification: any two labels (numbers or strings); ``classes_[1]`` is the class whose
    probability the sigmoid output unit estimates. More classes are refused (no softmax output here)."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def _targets(self, y):
        from sklearn.utils.multiclass import check_classification_targets

        try:
            check_classification_targets(y)
        except ValueError as error:  # (scikit-learn's checks look for its text: it stays first)
            raise ValueError(f"y: {error} For real-valued targets, use NeuralNetworkRegressor.") from error
        classes, encoded = np.unique(y, return_inverse=True)
        if len(classes) != 2:
            found = f"{len(classes)} class{'es' if len(classes) != 1 else ''}"
            raise ValueError(
                f"Only binary classification is supported: y must contain exactly 2 classes, got {found} "
                f"({_show(classes.tolist())})"
            )
        self.classes_ = classes
        return encoded

    def fit(self, X, y):
        """Train on ``X (m, n_features)`` and ``y (m,)`` with exactly two distinct labels."""
        return self._fit(X, y)

    def decision_function(self, X):
        """Logit of class ``classes_[1]`` for each row, shape ``(m,)`` (> 0 means that class)."""
        return self._logits(X)

    def predict_proba(self, X):
        """Class probabilities, shape ``(m, 2)``, columns in the order of ``classes_``."""
        p1 = expit(self._logits(X))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X):
        """Predicted labels (values from ``classes_``), shape ``(m,)``; :func:`course_utils.model.labels` decides."""
        positive = model.labels(self._logits(X)).astype(bool)
        return self.classes_[positive.astype(np.int64)]


class _DeepNetwork:
    """The hyper-parameters and the training call of :func:`course_utils.deep.train`, shared by the classifier
    and the regressor (their defaults are deep.train's and the course's L-layer model's)."""

    def __init__(
        self,
        hidden_layer_sizes=(20, 7, 5),
        activation="relu",
        learning_rate=0.0075,
        max_iter=3000,
        init="lecun",
        random_state=1,
        l2=0.0,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.init = init
        self.random_state = random_state
        self.l2 = l2

    def _train(self, X, Y, max_iter):
        hidden = check_hidden_layers("hidden_layer_sizes", self.hidden_layer_sizes)
        return deep.train(
            X,
            Y,
            [X.shape[0], *hidden, 1],
            activation=self.activation,
            learning_rate=self.learning_rate,
            num_iterations=max_iter,
            init=self.init,
            seed=self._seed(),
            l2=self.l2,
            output=self._output,
        )


_DEEP_DOC = """

    ``hidden_layer_sizes``: one network's hidden layers, as in scikit-learn's ``MLPClassifier``: an int is
    one layer, a tuple one size per layer, so ``(8, 8, 8)`` is ONE network with three hidden layers of 8
    units. (``experiments.compare(hidden_sizes=(2, 4, 8))`` is a sweep of three one-layer networks; there
    the estimator's network is the tuple entry ``hidden_sizes=((8, 8, 8),)``.)
    ``activation``: the hidden layers' (a name of ``activations.available()`` or a learner's
    ``activations.Activation``); ``learning_rate``, ``max_iter`` (iterations of batch gradient descent),
    ``init`` (a float standard deviation, or "zeros", "lecun", "xavier", "he") and ``l2`` (the course's
    L2 term, ``l2 / (2 m) * sum ||W^[l]||^2``) are :func:`course_utils.deep.train`'s, which trains it; the
    defaults are its own and the course's L-layer model's (hidden layers 20, 7, 5; ReLU). ``random_state``:
    an int seed, ``None`` (fresh entropy) or a ``np.random.RandomState``; numpy's global generator is never
    used. Training whose cost or weights become inf or NaN raises :class:`~course_utils.engine.TrainingDiverged`
    (deep.train's divergence rule), saying what to lower or scale.

    After ``fit``: ``params_`` (W1, b1, ..., WL, bL as :class:`~course_utils.parameters.Parameters`, which
    record the activation and the output: ``deep.predict(clf.params_, X.T)`` works), ``loss_curve_`` (the
    cost of iterations 0, 100, 200, ...), ``n_features_in_`` and ``n_iter_``.
    """


class NeuralNetworkClassifier(_DeepNetwork, _BinaryClassifier):
    __doc__ = (
        """Binary classifier: the course's L-layer network with a sigmoid output unit, any depth.

    Rows convention: ``X (m, n_features)``, ``y (m,)`` with any two labels (numbers or strings);
    ``classes_[1]`` is the class whose probability the output unit estimates, and more than two classes
    are refused. ``predict``, ``predict_proba`` (``(m, 2)``, columns in the order of ``classes_``),
    ``decision_function`` (the logit ``Z^[L]``) and ``score`` (accuracy, a fraction) as in scikit-learn."""
        + _DEEP_DOC
    )


class NeuralNetworkRegressor(_DeepNetwork, RegressorMixin, _NetworkEstimator):
    __doc__ = (
        """Regressor: the course's L-layer network with the identity output unit (``A^[L] = Z^[L]``), any depth.

    Rows convention: ``X (m, n_features)``, ``y (m,)`` real targets; ``predict`` returns real values
    ``(m,)`` and ``score`` the coefficient of determination R^2, as in scikit-learn. The cost is
    ``0.5 * mean((A^[L] - y)^2)``; the targets are not rescaled, so scale large ones (for example with
    ``TransformedTargetRegressor``) or lower the learning rate."""
        + _DEEP_DOC
    )

    _output = "identity"

    def _targets(self, y):
        return as_float_array("y", y)  # (validate_data leaves an array of strings as it is)

    def fit(self, X, y):
        """Train on ``X (m, n_features)`` and real targets ``y (m,)``."""
        return self._fit(X, y)

    def predict(self, X):
        """The network's output for each row, real values of shape ``(m,)``."""
        return self._logits(X)  # the identity output unit: A^[L] = Z^[L]


class OneHiddenLayerClassifier(_BinaryClassifier):
    """scikit-learn classifier wrapping :func:`course_utils.network.train` (rows convention: ``X (m, n_features)``,
    ``y (m,)``): the course's one-hidden-layer network with its own names and numbers.

    Binary only: ``y`` may hold any two labels (numbers or strings); ``classes_[1]`` is the class
    whose probability the network's output estimates. After ``fit``: ``params_`` (the course's
    parameter dict, a :class:`Parameters`), ``loss_curve_`` (cost every 100 iterations),
    ``classes_``, ``n_features_in_``, ``n_iter_``. ``random_state`` is an int seed (2 reproduces the
    course), ``None`` or a ``np.random.RandomState``; numpy's global generator is never used.
    Works with scikit-learn's tools, e.g. ``GridSearchCV(OneHiddenLayerClassifier(), {"n_hidden": [2, 4]})``.
    For several hidden layers use :class:`NeuralNetworkClassifier`; with ``hidden_layer_sizes=n_hidden`` and these
    settings it is the same network on the same engine (the tests allow round-off, as ``X.T``'s memory layout may
    change a summation order). This class keeps the course's Week-3 names and defaults, so it is not an alias.
    """

    def __init__(
        self,
        n_hidden=4,
        activation="tanh",
        learning_rate=1.2,
        max_iter=10000,
        init=0.01,
        random_state=2,
        init_scale=None,
    ):
        self.n_hidden = n_hidden
        self.activation = activation
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.init = init
        self.random_state = random_state
        self.init_scale = init_scale  # the old name of init, kept as an alias

    def _train(self, X, Y, max_iter):
        return network.train(
            X,
            Y,
            n_hidden=self.n_hidden,
            activation=self.activation,
            learning_rate=self.learning_rate,
            num_iterations=max_iter,
            init=init_or_old_name(self.init, self.init_scale, 0.01),
            seed=self._seed(),
        )
