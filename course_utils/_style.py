"""The course's look, in one place for the plots and the playground: class colours, colour map, mesh.

Class 0 is red and class 1 blue; probabilities and logits are shaded with a diverging map that is white at
P = 0.5 (logit 0). Nothing here changes matplotlib's global style.
"""

import numpy as np

#: The two classes' colours: class 0 red, class 1 blue.
CLASS_COLORS = ("#c0392b", "#2166ac")
#: Diverging colour map for P(class 1) and logits: red for class 0, blue for class 1, white at P = 0.5.
BOUNDARY_CMAP = "RdBu"
#: The fraction of the data range added on every side of a decision-boundary mesh.
MARGIN = 0.1


def mesh(X, resolution, margin=MARGIN):
    """The mesh axes (x1 grid, x2 grid), each ``(resolution, resolution)``, around the (2, m) points X plus a margin."""
    lows, highs = X.min(axis=1), X.max(axis=1)
    spans = np.where(highs > lows, highs - lows, 1.0)
    lows, highs = lows - margin * spans, highs + margin * spans
    return np.meshgrid(np.linspace(lows[0], highs[0], resolution), np.linspace(lows[1], highs[1], resolution))
