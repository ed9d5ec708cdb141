"""Tested helpers behind the activation-functions course notebooks.

Modules (one concept each): ``activations`` (functions, derivatives, registry), ``datasets``
(planar flower and toy sets), ``network`` (one-hidden-layer net from scratch), ``experiments``
(many networks trained together) and ``plotting`` (figures used by the notebooks).
"""

__version__ = "0.1.0"
