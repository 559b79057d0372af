"""Layers only point down (storegate/layers.py), and no storegate import hides in a function.

Every module under ``storegate/`` is parsed (not imported). An import counts unless it sits
under ``if TYPE_CHECKING:``. The known violations below remain in areas being reworked; the
list can only shrink: a listed pair that no longer exists fails the test too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from storegate.layers import Layer, layer_of, layers_mermaid

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "storegate"

# (module, imported module) pairs that import upward across the layers.
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()

# (module, imported module) pairs imported inside a function or method.
KNOWN_IN_FUNCTION: frozenset[tuple[str, str]] = frozenset()

KNOWN_VIOLATIONS = {"upward": KNOWN_UPWARD, "in_function": KNOWN_IN_FUNCTION}


@dataclass(frozen=True)
class Import:
    module: str
    imported: str
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports_of(path: Path, module: str | None = None) -> list[Import]:
    module = module or _module_name(path)
    is_package = path.name == "__init__.py"
    found: list[Import] = []

    def add(imported: str, node: ast.stmt, in_function: bool) -> None:
        if imported == "storegate" or imported.startswith("storegate."):
            found.append(Import(module, imported, node.lineno, in_function))

    def walk(nodes: list[ast.stmt], in_function: bool) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    add(alias.name, node, in_function)
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, is_package, node)
                for alias in node.names:
                    # ``from storegate.x import y`` imports the module ``storegate.x.y`` if it is one.
                    name = f"{base}.{alias.name}"
                    add(name if _is_module(name) else base, node, in_function)
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                walk(node.orelse, in_function)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                walk(node.body, True)
            else:
                for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                    children = getattr(node, field, None)
                    if isinstance(children, list):
                        walk([c for c in children if isinstance(c, ast.stmt)], in_function)
                        for child in children:
                            if isinstance(child, ast.ExceptHandler | ast.match_case):
                                walk(child.body, in_function)

    walk(ast.parse(path.read_text(encoding="utf-8")).body, False)
    return found


def all_imports() -> list[Import]:
    imports: list[Import] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            imports.extend(_imports_of(path))
    return imports


def upward_imports() -> set[tuple[str, str]]:
    return {
        (i.module, i.imported) for i in all_imports() if layer_of(i.imported) > layer_of(i.module)
    }


def in_function_imports() -> set[tuple[str, str]]:
    return {(i.module, i.imported) for i in all_imports() if i.in_function}


def test_no_module_imports_upward_across_the_layers() -> None:
    found = upward_imports()
    new = {
        f"{m} ({layer_of(m).name.lower()}) imports {i} ({layer_of(i).name.lower()})"
        for m, i in found - KNOWN_UPWARD
    }
    assert not new, "upward imports:\n" + "\n".join(sorted(new))
    gone = KNOWN_UPWARD - found
    assert not gone, f"fixed; remove from KNOWN_UPWARD: {sorted(gone)}"


def test_no_storegate_import_inside_a_function() -> None:
    found = in_function_imports()
    new = {f"{m} imports {i} inside a function" for m, i in found - KNOWN_IN_FUNCTION}
    assert not new, "in-function imports:\n" + "\n".join(sorted(new))
    gone = KNOWN_IN_FUNCTION - found
    assert not gone, f"fixed; remove from KNOWN_IN_FUNCTION: {sorted(gone)}"


def test_the_layer_order_is_the_documented_one() -> None:
    assert [layer.name.lower() for layer in sorted(Layer)] == [
        "core",
        "records",
        "models",
        "access",
        "domain",
        "interfaces",
    ]
    assert layer_of("storegate.core.errors") is Layer.CORE
    assert layer_of("storegate.audit.services") is Layer.RECORDS
    assert layer_of("storegate.notifications.services") is Layer.RECORDS
    assert layer_of("storegate.stores.models") is Layer.MODELS
    assert layer_of("storegate.stores.permissions") is Layer.MODELS
    assert layer_of("storegate.access.guard") is Layer.ACCESS
    assert layer_of("storegate.collaborators.services.requests") is Layer.DOMAIN
    assert layer_of("storegate.collaborators.sessions") is Layer.DOMAIN
    assert layer_of("storegate.partners.api_tokens") is Layer.INTERFACES
    assert layer_of("storegate.web.views.home") is Layer.INTERFACES
    assert layer_of("storegate.webhooks.delivery") is Layer.INTERFACES
    assert layer_of("storegate.auditlog.api") is Layer.INTERFACES
    assert layer_of("storegate.core.management.commands.storegate_worker") is Layer.INTERFACES
    assert layer_of("storegate.commerce.orders.models") is Layer.MODELS
    assert layer_of("storegate.commerce.orders.services") is Layer.DOMAIN
    assert layer_of("storegate.commerce.orders.api") is Layer.INTERFACES
    assert layer_of("storegate.commerce.orders.pages") is Layer.INTERFACES
    assert layer_of("storegate.commerce.orders.urls") is Layer.INTERFACES


def test_the_scanner_sees_what_it_must_and_ignores_type_checking(tmp_path: Path) -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from storegate.core.errors import ErrorCode\n"
        "if TYPE_CHECKING:\n"
        "    from storegate.web.views import home\n"
        "def f():\n"
        "    from storegate.stores.models import Store\n"
        "try:\n"
        "    import storegate.api\n"
        "except ImportError:\n"
        "    pass\n"
    )
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    found = {(i.imported, i.in_function) for i in _imports_of(probe, "storegate.core.probe")}
    assert found == {
        ("storegate.core.errors", False),
        ("storegate.stores.models", True),
        ("storegate.api", False),
    }


def test_the_architecture_document_draws_this_order() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert f"```mermaid\n{layers_mermaid()}\n```" in text
