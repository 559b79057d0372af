"""Benchmark: requests per second and p50/p99 latency of ``GET /api/v1/stores/{id}/orders``
(50 orders per page) under gunicorn on loopback, as a collaborator (store-session token), as the
owner (personal token), through the same view with no authorization at all, and through it after
one bare database round trip (the least a per-request database check costs); on SQLite and on
PostgreSQL, in one run.

    STOREGATE_DEMO=1 .venv/bin/python -m bench orders_http
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/sg_bench_http (default) selects PostgreSQL.

The client is Python threads over http.client on the same machine, so absolute figures include
the client's own CPU; the variants share it equally, so their difference is authorization (and
authentication) alone.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
# One client and one worker by default: latency is then the service time of one request, with
# no queueing to amplify small differences. BENCH_CONCURRENCY=4 BENCH_WORKERS=2 loads it.
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "1"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
WARMUP = 100
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sg_bench_http")


def _env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "STOREGATE_DEMO": "1",
        "DJANGO_SETTINGS_MODULE": "bench.settings_http",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
    }


def seed() -> None:
    """Runs in a child process with DATABASE_URL set: migrate, demo store, tokens → stdout."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from storegate.accounts.models import User
    from storegate.accounts.services import api_token_create
    from storegate.collaborators.sessions import store_session_open
    from storegate.commerce import demo
    from storegate.core.acting import Acting
    from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole
    from storegate.stores.models import Store
    from storegate.stores.permissions import PermissionSet, StorePermission
    from tests.factories import CollaboratorAccessFactory, member_acting

    call_command("migrate", verbosity=0)
    store = Store.objects.filter(handle="bench-http").first()
    if store is None:
        owner = User.objects.create_user(email="owner@bench.test", password=None, name="Owner")
        store = Store.objects.create(owner=owner, name="Bench", handle="bench-http")
        demo.load(store=store)
        org = PartnerOrganization.objects.create(name="Handled")
        member_user = User.objects.create_user(email="carl@bench.test", password=None, name="C")
        PartnerMember.objects.create(
            organization=org, user=member_user, role=PartnerRole.STORE_MANAGER
        )
        CollaboratorAccessFactory(
            store=store,
            organization=org,
            permissions_mask=PermissionSet.of([StorePermission.ORDERS_VIEW]).mask,
        )
    member = PartnerMember.objects.get(user__email="carl@bench.test")
    print(
        json.dumps(
            {
                "store_id": store.pk,
                "owner_token": api_token_create(
                    acting=Acting.as_user(store.owner), user=store.owner, two_factor=False
                ).raw,
                "collaborator_token": store_session_open(
                    acting=member_acting(member), member=member, store_id=store.pk, two_factor=True
                ).raw,
                # The same person's personal token: authenticates them, opens no store (R18).
                "member_personal_token": api_token_create(
                    acting=Acting.as_user(member.user), user=member.user, two_factor=False
                ).raw,
            }
        )
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int) -> None:
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _run(
    port: int, variants: dict[str, tuple[str, str | None]], rounds: int
) -> dict[str, dict[str, float]]:
    """``rounds`` requests per variant, the variants interleaved request by request.

    Interleaving puts every variant in the same moments of the machine's life, so background
    load and CPU frequency changes touch all of them alike and their difference stays the cost
    of authentication and authorization.
    """
    names = list(variants)
    latencies: dict[str, list[float]] = {name: [] for name in names}
    lock = threading.Lock()
    counter = {"next": 0, "total": rounds * len(names)}
    failures: list[tuple[str, int]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            _work()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    def _work() -> None:
        mine: list[tuple[str, float]] = []
        while True:
            with lock:
                if counter["next"] >= counter["total"]:
                    break
                name = names[counter["next"] % len(names)]
                counter["next"] += 1
            path, token = variants[name]
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            mine.append((name, time.perf_counter() - started))
            conn.close()
            if response.status != 200 or body.count(b'"number"') != 50:
                failures.append((name, response.status))
        with lock:
            for name, seconds in mine:
                latencies[name].append(seconds)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"client error: {errors[0]!r}")
    if failures:
        raise RuntimeError(f"{len(failures)} failed requests, e.g. {failures[0]}")
    print(f"  {counter['total']} requests in {elapsed:.1f} s", file=sys.stderr)
    results: dict[str, dict[str, float]] = {}
    for name, values in latencies.items():
        values.sort()
        results[name] = {
            # What CONCURRENCY clients get when every request takes this variant's mean time.
            "rps": round(CONCURRENCY / statistics.fmean(values), 1),
            "p50_ms": round(statistics.median(values) * 1000, 2),
            "mean_ms": round(statistics.fmean(values) * 1000, 2),
            "p99_ms": round(values[int(len(values) * 0.99) - 1] * 1000, 2),
        }
    return results


def run_database(label: str, database_url: str) -> dict[str, Any]:
    if database_url.startswith("postgres"):
        from storegate.core.dbcheck import ensure_database

        ensure_database(database_url)
    env = _env(database_url)
    out = subprocess.run(
        [sys.executable, "-c", "from bench.bench_orders_http import seed; seed()"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    config = json.loads(out.stdout.strip().splitlines()[-1])
    port = _free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "storegate.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait(port)
        store = config["store_id"]
        variants = {
            "collaborator": (f"/api/v1/stores/{store}/orders", config["collaborator_token"]),
            "owner": (f"/api/v1/stores/{store}/orders", config["owner_token"]),
            "no_authorization": (f"/api/v1/noauth/stores/{store}/orders", None),
            "one_round_trip": (f"/api/v1/noauth-round-trip/stores/{store}/orders", None),
            "authenticated_only": (
                f"/api/v1/authenticated/stores/{store}/orders",
                config["member_personal_token"],
            ),
        }
        results: dict[str, Any] = {"database": label}
        _run(port, variants, WARMUP)
        results.update(_run(port, variants, REQUESTS))
        base = results["no_authorization"]["p50_ms"]
        for name in ("collaborator", "owner", "one_round_trip", "authenticated_only"):
            results[name]["authorization_share_p50"] = round(
                (results[name]["p50_ms"] - base) / results[name]["p50_ms"], 3
            )
        # Authorization alone: what a collaborator pays beyond an authenticated request.
        authenticated = results["authenticated_only"]["p50_ms"]
        for name in ("collaborator", "owner"):
            results[name]["authorization_only_share_p50"] = round(
                (results[name]["p50_ms"] - authenticated) / results[name]["p50_ms"], 3
            )
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> list[dict[str, Any]]:
    (ROOT / "var").mkdir(exist_ok=True)
    rows = []
    for label, url in (
        ("sqlite", f"sqlite:///{ROOT / 'var' / 'bench_http.sqlite3'}"),
        ("postgresql", PG_URL),
    ):
        rows.append(run_database(label, url))
        print(json.dumps(rows[-1]), flush=True)
    return rows


if __name__ == "__main__":
    main()
