"""The course's one-hidden-layer network as a scikit-learn classifier: ``OneHiddenLayerClassifier``.

Rows convention, as scikit-learn's: ``X (m, n_features)``, ``y (m,)``. It trains with
:func:`course_utils.network.train` (the course's network and engine) and keeps the result as
:class:`~course_utils.parameters.Parameters`. Its own module, so that importing ``network`` does not
import scikit-learn; ``network.OneHiddenLayerClassifier`` still works (imported on first use).
"""

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin

from ._validation import _show, check_int, check_seed, naming
from .model import labels
from .network import forward_propagation, train
from .parameters import init_or_old_name

__all__ = ["OneHiddenLayerClassifier"]


class OneHiddenLayerClassifier(ClassifierMixin, BaseEstimator):
    """scikit-learn classifier wrapping :func:`train` (rows convention: ``X (m, n_features)``, ``y (m,)``).

    Binary only: ``y`` may hold any two labels (numbers or strings); ``classes_[1]`` is the class
    whose probability the network's output estimates. After ``fit``: ``params_`` (the course's
    parameter dict, a :class:`Parameters`), ``loss_curve_`` (cost every 100 iterations),
    ``classes_``, ``n_features_in_``, ``n_iter_``. ``random_state`` is an int seed (2 reproduces the
    course), ``None`` or a ``np.random.RandomState``; numpy's global generator is never used.
    Works with scikit-learn's tools, e.g. ``GridSearchCV(OneHiddenLayerClassifier(), {"n_hidden": [2, 4]})``.
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

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def _seed(self):
        state = self.random_state
        if state is None:
            state = np.random.RandomState()  # fresh entropy, not the global generator
        if isinstance(state, np.random.RandomState):
            return int(state.randint(0, 2**31 - 1))
        return check_seed("random_state", state)

    def fit(self, X, y):
        """Train on ``X (m, n_features)`` and ``y (m,)`` with exactly two distinct labels."""
        from sklearn.utils.multiclass import check_classification_targets
        from sklearn.utils.validation import check_array, validate_data

        max_iter = check_int("max_iter", self.max_iter, low=1)
        if y is not None:  # (y=None is left to validate_data, whose message scikit-learn's checks expect)
            X_checked = naming("X", check_array, X, dtype=np.float64, estimator=self, input_name="X")
            y_array = np.asarray(y)  # (np.shape would call __array_function__ on array-likes)
            n_labels = y_array.shape[0] if y_array.ndim >= 1 else None
            rows, columns = X_checked.shape
            if n_labels is not None and n_labels == columns != rows:
                raise ValueError(
                    f"X has shape {X_checked.shape} but y has {n_labels} labels: X looks like the course's column "
                    "convention (one column per example). The estimator takes one row per example, as "
                    "scikit-learn does: pass X.T"
                )
        X, y = naming("y", validate_data, self, X, y, dtype=np.float64)
        naming("y", check_classification_targets, y)
        classes, encoded = np.unique(y, return_inverse=True)
        if len(classes) != 2:
            found = f"{len(classes)} class{'es' if len(classes) != 1 else ''}"
            raise ValueError(
                f"Only binary classification is supported: y must contain exactly 2 classes, got {found} "
                f"({_show(classes.tolist())})"
            )
        self.classes_ = classes
        self.params_, self.loss_curve_ = train(
            X.T,
            encoded.reshape(1, -1),
            n_hidden=self.n_hidden,
            activation=self.activation,
            learning_rate=self.learning_rate,
            num_iterations=max_iter,
            init=init_or_old_name(self.init, self.init_scale, 0.01),
            seed=self._seed(),
        )
        self.n_iter_ = max_iter
        return self

    def _logits(self, X):
        from sklearn.utils.validation import check_is_fitted, validate_data

        check_is_fitted(self)
        shape = np.shape(X) if isinstance(X, (np.ndarray, list, tuple)) else None
        n = self.n_features_in_
        if shape is not None and len(shape) == 2 and shape[0] == n != shape[1]:
            raise ValueError(
                f"X has shape {shape}: one column per example, the course's column convention? The estimator "
                f"takes one row per example ({n} columns), as scikit-learn does: pass X.T"
            )
        X = naming("X", validate_data, self, X, dtype=np.float64, reset=False)
        _, cache = forward_propagation(X.T, self.params_)
        return cache["Z2"][0]

    def decision_function(self, X):
        """Logit of class ``classes_[1]`` for each row, shape ``(m,)`` (> 0 means that class)."""
        return self._logits(X)

    def predict_proba(self, X):
        """Class probabilities, shape ``(m, 2)``, columns in the order of ``classes_``."""
        p1 = expit(self._logits(X))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X):
        """Predicted labels (values from ``classes_``), shape ``(m,)``."""
        positive = labels(self._logits(X)).astype(bool)  # checks first that the model is fitted
        return self.classes_[positive.astype(np.int64)]
