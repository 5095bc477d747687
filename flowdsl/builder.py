"""The public path of the case builder, ``from flowdsl.builder import Case``; it lives in
:mod:`flowdsl.model.builder`."""

from .model.builder import *  # noqa: F401,F403
from .model.builder import __all__  # noqa: F401
