"""Wrong answers and direct solutions for notebook 11's exercises (11_going_deeper); see __init__.py."""

import numpy as np

from course_utils import deep


def forward(X, params, activation):
    n_layers = len(params) // 2
    A, caches = X, []
    for layer in range(1, n_layers):
        A, cache = deep.linear_activation_forward(A, params[f"W{layer}"], params[f"b{layer}"], activation)
        caches.append(cache)
    AL, cache = deep.linear_activation_forward(A, params[f"W{n_layers}"], params[f"b{n_layers}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def forward_by_hand(X, params, activation):  # the layers written out with linear_forward and the activation itself
    from course_utils import activations

    g = activations.get(activation)
    n_layers = len(params) // 2
    A, caches = X, []
    for layer in range(1, n_layers + 1):
        Z, linear_cache = deep.linear_forward(A, params[f"W{layer}"], params[f"b{layer}"])
        A = g(Z) if layer < n_layers else 1 / (1 + np.exp(-Z))
        caches.append((linear_cache, Z))
    return A, tuple(caches)


def no_output_sigmoid(X, params, activation):  # the last layer is linear: AL = Z^[L]
    n_layers = len(params) // 2
    A, caches = X, []
    for layer in range(1, n_layers + 1):
        if layer < n_layers:
            A, cache = deep.linear_activation_forward(A, params[f"W{layer}"], params[f"b{layer}"], activation)
        else:
            A, linear_cache = deep.linear_forward(A, params[f"W{layer}"], params[f"b{layer}"])
            cache = (linear_cache, A)
        caches.append(cache)
    return A, caches


def hidden_activation_at_the_output(X, params, activation):  # every layer uses `activation`
    A, caches = X, []
    for layer in range(1, len(params) // 2 + 1):
        A, cache = deep.linear_activation_forward(A, params[f"W{layer}"], params[f"b{layer}"], activation)
        caches.append(cache)
    return A, caches


def one_layer_short(X, params, activation):  # range(1, L - 1): the last hidden layer is skipped
    n_layers = len(params) // 2
    A, caches = X, []
    for layer in range(1, n_layers - 1):
        A, cache = deep.linear_activation_forward(A, params[f"W{layer}"], params[f"b{layer}"], activation)
        caches.append(cache)
    AL, cache = deep.linear_activation_forward(A, params[f"W{n_layers}"], params[f"b{n_layers}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def output_cache_forgotten(X, params, activation):
    n_layers = len(params) // 2
    A, caches = X, []
    for layer in range(1, n_layers):
        A, cache = deep.linear_activation_forward(A, params[f"W{layer}"], params[f"b{layer}"], activation)
        caches.append(cache)
    AL, _ = deep.linear_activation_forward(A, params[f"W{n_layers}"], params[f"b{n_layers}"], "sigmoid")
    return AL, caches


def caches_reversed(X, params, activation):
    AL, caches = forward(X, params, activation)
    return AL, caches[::-1]


def wrong_cache_content(X, params, activation):  # stores A (the layer's output) where A_prev belongs
    AL, caches = forward(X, params, activation)
    outputs = [cache[0][0] for cache in caches[1:]] + [AL]
    return AL, [((A, W, b), Z) for ((_, W, b), Z), A in zip(caches, outputs)]


def always_sigmoid(X, params, activation):  # ignores the activation argument
    return forward(X, params, "sigmoid")


def without_return(X, params, activation):
    forward(X, params, activation)


def only_AL(X, params, activation):
    return forward(X, params, activation)[0]


def he_uniform(n_in, n_out, rs):
    r = np.sqrt(6 / n_in)
    return rs.uniform(-r, r, size=(n_out, n_in))


def he_uniform_scaled(n_in, n_out, rs):  # uniform on [0, 1), moved and stretched: also right
    return (2 * rs.rand(n_out, n_in) - 1) * np.sqrt(6 / n_in)


def he_uniform_limit_sqrt2(n_in, n_out, rs):  # r = sqrt(2 / n_in): the variance is a third of He's
    r = np.sqrt(2 / n_in)
    return rs.uniform(-r, r, size=(n_out, n_in))


def he_normal(n_in, n_out, rs):  # the right variance, but normal: values beyond sqrt(6 / n_in)
    return rs.randn(n_out, n_in) * np.sqrt(2 / n_in)


def glorot_uniform(n_in, n_out, rs):
    r = np.sqrt(6 / (n_in + n_out))
    return rs.uniform(-r, r, size=(n_out, n_in))


def he_uniform_transposed(n_in, n_out, rs):
    r = np.sqrt(6 / n_in)
    return rs.uniform(-r, r, size=(n_in, n_out))


def he_uniform_positive(n_in, n_out, rs):  # on [0, r]
    r = np.sqrt(6 / n_in)
    return rs.uniform(0, r, size=(n_out, n_in))


def he_uniform_global(n_in, n_out, rs):  # numpy's global generator instead of rs
    r = np.sqrt(6 / n_in)
    return np.random.uniform(-r, r, size=(n_out, n_in))


def he_uniform_fan_out(n_in, n_out, rs):  # scaled with n_out
    r = np.sqrt(6 / n_out)
    return rs.uniform(-r, r, size=(n_out, n_in))


WRONG = {
    "11.1": [
        no_output_sigmoid,
        hidden_activation_at_the_output,
        one_layer_short,
        output_cache_forgotten,
        caches_reversed,
        wrong_cache_content,
        always_sigmoid,
        without_return,
        only_AL,
        "forward",
    ],
    "11.2": ["same", "halves", "quadruples", "quarters", 2, "twice", True],
    "11.3": [
        he_uniform_limit_sqrt2,
        he_normal,
        glorot_uniform,
        he_uniform_transposed,
        he_uniform_positive,
        he_uniform_global,
        he_uniform_fan_out,
        np.sqrt(6),
    ],
}
SOLUTIONS = {
    "11.1": [forward, forward_by_hand],
    "11.2": ["doubles", "Doubles", " DOUBLES "],
    "11.3": [he_uniform, he_uniform_scaled],
}
