"""The statements that run on every authenticated request, executed as cheaply as the database allows.

A token look-up is one indexed statement whose execution takes tens of microseconds; on
PostgreSQL, planning it took longer than running it (a three-table join planned anew on every
request, about 0.3 ms, docs/benchmarks.md). ``fetch_one`` sends such a statement with
server-side parameters, so psycopg prepares it on the connection once it has run a few times
(``prepare_threshold``: Django turns it off, settings.py sets 5 unless
``DB_PREPARED_STATEMENTS=false``) and later requests on that persistent connection
(``DB_CONN_MAX_AGE``) skip the planning. The rest of Django keeps its default client-side
binding, which never prepares.

The statement still goes through Django's cursor wrapper, so database errors are translated,
``connection.execute_wrapper`` hooks run and query logging (and tests that count queries) see it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import psycopg
from django.db import connection


def _server_binding_cursor() -> Any:
    connection.ensure_connection()
    # psycopg's own cursor binds parameters on the server (Django's default one binds them on
    # the client and never prepares); Django's wrapper goes around it below.
    raw: Any = psycopg.Cursor(connection.connection)  # django-stubs type make_cursor wrongly
    if connection.queries_logged:
        return connection.make_debug_cursor(raw)
    return connection.make_cursor(raw)


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """Run a fixed, frequently repeated statement and return its first row (or None).

    Only for statements whose text never varies (parameters are ``%s``): a prepared statement is
    kept per distinct text, up to psycopg's ``prepared_max``.
    """
    # SQLite: the sqlite3 module already caches compiled statements per connection.
    postgresql = connection.vendor == "postgresql"
    cursor = _server_binding_cursor() if postgresql else connection.cursor()
    with cursor:
        cursor.execute(sql, params)
        row: tuple[Any, ...] | None = cursor.fetchone()
    return row


_SQL_WORD = re.compile(r"[a-z_]+")


def sql_in(column: str, values: Sequence[str]) -> str:
    """``column IN ('a', 'b')`` for a fixed set of code values (enum members), written into the
    statement's text so that a rule's SQL and its ORM form read the same constants."""
    if not values or any(not _SQL_WORD.fullmatch(str(v)) for v in values):
        raise ValueError(f"not a set of code values: {values!r}")
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"
