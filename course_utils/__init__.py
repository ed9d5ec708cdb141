"""Tested helpers behind the activation-functions course notebooks.

Public modules, one concept each:

- ``activations``: every activation, one declaration each (function, derivative, parameters with their
  symbols and bounds, limits, fast training kernel); the registry (``available()``, ``get(name)``,
  ``declaration(name)``) and ``Activation`` objects. A package: its private modules hold the careful
  numerics, the functions, the declarations and registry, and the ``Activation`` objects.
- ``datasets``: the planar "flower" data set and the other small 2-D toy sets.
- ``network``: the one-hidden-layer network from scratch: the course's step-by-step functions
  (initialise, forward, cost, backward, update), ``train``/``predict`` and the gradient check.
- ``estimator``: the same network as a scikit-learn classifier, ``OneHiddenLayerClassifier`` (also reachable
  as ``network.OneHiddenLayerClassifier``; importing ``network`` does not import scikit-learn).
- ``model``: the one reference for what the network computes at any depth: the forward pass, logits,
  the output unit, the cost from the logits, labels, dead units and the gradient check's relative error.
- ``deep``: the course's Week-4 L-layer network, step by step (``initialize_parameters_deep``,
  ``model_forward``, ``model_backward``, ``update_parameters``, ``train``, ``predict``, ``gradient_check``),
  with the course's names (in PEP 8), shapes and caches, on ``model``'s maths.
- ``parameters``: ``Parameters``, a network's weights W1, b1, ..., WL, bL that record their activation
  and output (copies, pickles and ``save``/``load`` keep the record), and the one check of their shapes.
- ``engine``: the one training loop behind ``network.train``, ``deep.train``, ``experiments.compare`` and
  the playground (many models of any depth at once, the course's L2 term, one divergence rule).
- ``experiments``: sweeps over many networks trained together (``compare``).
- ``results``: reading ``compare``'s rows: ``select``, ``best_per`` (accuracies maximised, errors and costs
  minimised) and text ``table``\\ s.
- ``plotting``: figures, one module per kind: activations and derivatives, decision boundaries and boundary
  grids, curves (costs, spreads over seeds), hidden-unit maps.
- ``playground``: the interactive playground (ipywidgets), live training; one module per layer: settings and
  data, the training session (on the engine's public interface), the figure, the widget app.
- ``approximation``: building 1-D curves from sums of activations by hand (notebook 10).
- ``deep_stack``: signal statistics in random deep stacks (notebook 05).
- ``exercises``: the checks of the notebooks' exercises, ``exercises.check("NN.k", answer)``.
- ``check_env``: ``python -m course_utils.check_env`` diagnoses a set-up.

Private helpers: ``_validation`` (generic argument checks shared by all modules), ``_conventions`` (the
course's conventions: data in columns, 0/1 labels, rows of ``compare``), ``_workers`` (the worker processes of
``compare``), ``_progress`` (its progress bar) and ``_style`` (class colours, colour map and mesh, shared by the plots
and the playground).
"""

__version__ = "0.1.0"
