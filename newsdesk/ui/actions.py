"""Key bindings built from the action table (newsdesk/keymap.py), which the help screen, the
command palette and the config's [keymap] check read too."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from newsdesk.keymap import (
    ALL_ACTIONS,
    APP_ACTIONS,
    BY_ID,
    HELP_GROUPS,
    PANE_ACTIONS,
    ActionSpec,
    display_key,
    effective_keys,
)


def bindings(specs: tuple[ActionSpec, ...], *, priority: bool = False) -> list[BindingType]:
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.title,
            show=spec.show,
            id=spec.id,
            priority=priority,
        )
        for spec in specs
    ]


def pane_bindings(*names: str) -> list[BindingType]:
    """Bindings for the pane actions named (without the "newsdesk." prefix)."""
    return bindings(tuple(BY_ID[f"newsdesk.{name}"] for name in names))


__all__ = [
    "ALL_ACTIONS",
    "APP_ACTIONS",
    "HELP_GROUPS",
    "PANE_ACTIONS",
    "ActionSpec",
    "bindings",
    "display_key",
    "effective_keys",
    "pane_bindings",
]
