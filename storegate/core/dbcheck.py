"""``python -m storegate.core.dbcheck URL``: exit 0 if the PostgreSQL at URL answers."""

from __future__ import annotations

import sys

import dj_database_url
import psycopg
import psycopg.sql


def _maintenance_connection(url: str) -> psycopg.Connection:
    cfg = dj_database_url.parse(url)
    return psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=5,
        autocommit=True,
    )


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` if it does not exist (benchmarks)."""
    name = str(dj_database_url.parse(url)["NAME"])
    with _maintenance_connection(url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))


def main(url: str) -> int:
    cfg = dj_database_url.parse(url)
    try:
        # Connect to the maintenance database: the test database is created by the test run.
        with _maintenance_connection(url) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        print(f"PostgreSQL at {cfg['HOST']}:{cfg['PORT']} did not answer: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
