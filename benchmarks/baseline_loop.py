"""The plain, course-style training loop for the one-hidden-layer network (the reference).

Written once in the obvious way and deliberately left untuned: every iteration runs the forward
pass, the backward pass and the parameter update with fresh arrays, exactly as the course's
notebook does; the cost is computed only every 100 iterations, as ``course_utils.network.train``
records it. ``benchmarks/bench_train.py`` times ``train`` against it, and ``tests/test_network.py``
checks that both give the same numbers (to float64 round-off).

Column convention: ``X`` of shape ``(n_x, m)``, ``Y`` of shape ``(1, m)`` with 0/1 labels.
"""

import numpy as np
from scipy.special import expit


def plain_train(X, Y, n_hidden=4, activation=None, learning_rate=1.2, num_iterations=10000, init=0.01, seed=2):
    """Gradient descent on a 2-layer net; returns ``(params, costs)`` like ``network.train``.

    ``activation=None`` is the course's tanh (``np.tanh`` and ``1 - A1**2``); otherwise pass an
    ``activations.Activation`` (its values and its derivative at ``Z1`` are used).
    """
    n_x, m = X.shape
    rs = np.random.RandomState(seed)
    W1 = rs.randn(n_hidden, n_x) * init
    b1 = np.zeros((n_hidden, 1))
    W2 = rs.randn(1, n_hidden) * init
    b2 = np.zeros((1, 1))
    costs = []
    for i in range(num_iterations):
        # forward
        Z1 = np.dot(W1, X) + b1
        A1 = np.tanh(Z1) if activation is None else activation(Z1)
        Z2 = np.dot(W2, A1) + b2
        A2 = expit(Z2)
        if i % 100 == 0:
            costs.append(np.mean(np.logaddexp(0, Z2) - Y * Z2))
        # backward
        dZ2 = A2 - Y
        dW2 = np.dot(dZ2, A1.T) / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        if activation is None:
            dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
        else:
            dZ1 = np.dot(W2.T, dZ2) * activation.derivative(Z1)
        dW1 = np.dot(dZ1, X.T) / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        # update
        W1 = W1 - learning_rate * dW1
        b1 = b1 - learning_rate * db1
        W2 = W2 - learning_rate * dW2
        b2 = b2 - learning_rate * db2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, np.array(costs)
