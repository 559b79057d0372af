"""Every page is linked by its name: ``{% url %}`` in templates, ``reverse()`` in Python.

A hard-coded ``href="/…"``, ``action="/…"`` or htmx address in a template, or a page path built
with an f-string in Python, fails here; static files (``{% static %}``) and ``#`` anchors are
not page paths.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2] / "storegate"
TEMPLATE_DIRS = (ROOT / "web" / "templates", ROOT / "templates")

HARD_CODED = re.compile(r"""\b(href|action|hx-get|hx-post|hx-put|hx-patch|hx-delete)=["']/""")
F_STRING_PATH = re.compile(r"""\bf["'](\{settings\.SITE_URL\})?/""")


def _templates() -> list[Path]:
    return [p for d in TEMPLATE_DIRS for p in d.rglob("*") if p.suffix in {".html", ".txt"}]


def hard_coded_links(paths: list[Path]) -> list[str]:
    return [
        f"{path.as_posix()}:{number}: {line.strip()[:120]}"
        for path in paths
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HARD_CODED.search(line)
    ]


def f_string_paths(paths: list[Path]) -> list[str]:
    return [
        f"{path.as_posix()}:{number}: {line.strip()[:120]}"
        for path in paths
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if F_STRING_PATH.search(line)
    ]


def test_templates_link_pages_by_name():
    assert hard_coded_links(_templates()) == []


def test_python_builds_no_page_path_with_an_f_string():
    assert f_string_paths(list(ROOT.rglob("*.py"))) == []


def test_the_checks_catch_hard_coded_paths(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        '<a href="/stores/{{ store.pk }}/">x</a>\n<a href="#code">y</a>\n'
        '<a href="{% url \'store_home\' store.pk %}">z</a>\n<form action="/login/">\n'
    )
    module = tmp_path / "view.py"
    module.write_text('url = f"/stores/{store_id}/"\nother = f"{settings.SITE_URL}/partners/"\n')
    assert len(hard_coded_links([template])) == 2
    assert len(f_string_paths([module])) == 2


def test_every_page_has_a_name():
    unnamed: list[str] = []

    def walk(patterns: list[object], prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and not entry.name:
                unnamed.append(prefix + str(entry.pattern))

    walk(get_resolver().url_patterns, "")
    outside = ("admin/", "api/")  # Django's admin and django-ninja name their own
    assert [route for route in unnamed if not route.startswith(outside)] == []
