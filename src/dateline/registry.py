"""Swappable pipeline parts, registered under versioned names (as spaCy registers components).

A stage's implementation is chosen by name in `Settings`; a behaviour change gets a
new name (`events.rules.v3`) so that stored results stay explainable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .errors import ConfigError

STAGES = ("entities", "times", "places", "quotes", "events")

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: dict[str, dict[str, Callable[..., Any]]] = {stage: {} for stage in STAGES}


def register(stage: str, name: str) -> Callable[[F], F]:
    """Register an annotator for `stage` under `name` (e.g. "events.rules.v2")."""
    if stage not in _REGISTRY:
        raise ConfigError(f"unknown stage {stage!r}; stages are {', '.join(STAGES)}")

    def decorate(fn: F) -> F:
        _REGISTRY[stage][name] = fn
        return fn

    return decorate


def get(stage: str, name: str) -> Callable[..., Any]:
    """The annotator registered for `stage` under `name`."""
    _load_builtins()
    try:
        return _REGISTRY[stage][name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY.get(stage, {}))) or "none"
        raise ConfigError(f"no {stage} annotator named {name!r}; registered: {known}") from None


def names(stage: str) -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY[stage])


def _load_builtins() -> None:
    # Importing the stage modules runs their @register decorators.
    from . import entities, events, places, quotes, times  # noqa: F401
