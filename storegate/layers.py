"""The layers of Storegate, bottom to top, written once.

A module may import only from its own layer or from a layer below it. Imports under
``if TYPE_CHECKING:`` do not count (they exist for the type checker only), and no module imports
another storegate module inside a function. ``tests/test_layers.py`` enforces both, and
``docs/architecture.md`` draws this order (``layers_mermaid()``).

A module belongs to the layer of the first rule below whose pattern matches its dotted name
(``fnmatch``: ``*`` also matches dots). Whatever no earlier rule names is domain: services,
selectors, tasks and what they use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from fnmatch import fnmatchcase
from itertools import pairwise


class Layer(IntEnum):
    """Bottom to top; a higher number may import a lower one, never the other way."""

    CORE = 1
    RECORDS = 2
    MODELS = 3
    ACCESS = 4
    DOMAIN = 5
    INTERFACES = 6


LAYER_DESCRIPTIONS: dict[Layer, str] = {
    Layer.CORE: "errors, env, pagination, crypto, SQL, the acting context, middleware",
    Layer.RECORDS: "audit recording, the outbox and in-app notifications, their names",
    Layer.MODELS: "the models of every app and the permission catalogue",
    Layer.ACCESS: "authentication, the store access, the guards",
    Layer.DOMAIN: "services, selectors, tasks, jobs, demo data",
    Layer.INTERFACES: "the API, pages, webhooks, the audit log, URLs, CLI, settings",
}


@dataclass(frozen=True)
class Rule:
    pattern: str
    layer: Layer


RULES: tuple[Rule, ...] = (
    # Management commands are entry points, wherever they live.
    Rule("storegate.*.management.*", Layer.INTERFACES),
    Rule("storegate.core", Layer.CORE),
    Rule("storegate.core.*", Layer.CORE),
    Rule("storegate.audit.actions", Layer.RECORDS),
    Rule("storegate.audit.models", Layer.RECORDS),
    Rule("storegate.audit.services", Layer.RECORDS),
    Rule("storegate.notifications.*", Layer.RECORDS),
    Rule("storegate.layers", Layer.CORE),
    Rule("storegate.*.models", Layer.MODELS),
    Rule("storegate.*.models.*", Layer.MODELS),
    Rule("storegate.stores.permissions", Layer.MODELS),
    # The column type and rounding of money, which the commerce models store.
    Rule("storegate.commerce.money", Layer.MODELS),
    Rule("storegate.access", Layer.ACCESS),
    Rule("storegate.access.*", Layer.ACCESS),
    # Entry points and everything that speaks HTTP, e-mail links aside.
    Rule("storegate.api", Layer.INTERFACES),
    Rule("storegate.urls", Layer.INTERFACES),
    Rule("storegate.cli", Layer.INTERFACES),
    Rule("storegate.settings", Layer.INTERFACES),
    Rule("storegate.wsgi", Layer.INTERFACES),
    Rule("storegate.monitoring", Layer.INTERFACES),
    Rule("storegate.auditlog", Layer.INTERFACES),
    Rule("storegate.auditlog.*", Layer.INTERFACES),
    Rule("storegate.webhooks", Layer.INTERFACES),
    Rule("storegate.webhooks.*", Layer.INTERFACES),
    Rule("storegate.web", Layer.INTERFACES),
    Rule("storegate.web.*", Layer.INTERFACES),
    Rule("storegate.*.api", Layer.INTERFACES),
    Rule("storegate.*.api.*", Layer.INTERFACES),
    Rule("storegate.*.api_*", Layer.INTERFACES),
    Rule("storegate.*.schemas", Layer.INTERFACES),
    Rule("storegate.*.schemas.*", Layer.INTERFACES),
    Rule("storegate.*.pages", Layer.INTERFACES),
    Rule("storegate.*.pages.*", Layer.INTERFACES),
    Rule("storegate.*.views", Layer.INTERFACES),
    Rule("storegate.*.views.*", Layer.INTERFACES),
    Rule("storegate.*.urls", Layer.INTERFACES),
    # The list and form flows every commerce page is built from.
    Rule("storegate.commerce.list_page", Layer.INTERFACES),
    Rule("storegate.commerce.form_pages", Layer.INTERFACES),
    Rule("storegate.*.admin", Layer.INTERFACES),
    # An app config wires its app into the project (ready() runs once every app is loaded).
    Rule("storegate.*.apps", Layer.INTERFACES),
    Rule("storegate.*", Layer.DOMAIN),
)


def layer_of(module: str) -> Layer:
    """The layer of a storegate module, by its dotted name."""
    for rule in RULES:
        if fnmatchcase(module, rule.pattern):
            return rule.layer
    raise ValueError(f"{module!r} is not a storegate module")


def layers_mermaid() -> str:
    """The layer order as a Mermaid flowchart, top first (each layer points at the one below)."""
    lines = ["flowchart TD"]
    ordered = sorted(Layer, reverse=True)
    for layer in ordered:
        lines.append(
            f'    {layer.name.lower()}["{layer.name.lower()}: {LAYER_DESCRIPTIONS[layer]}"]'
        )
    for upper, lower in pairwise(ordered):
        lines.append(f"    {upper.name.lower()} --> {lower.name.lower()}")
    return "\n".join(lines)
