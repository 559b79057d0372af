"""Benchmark: exporting the audit trail (R25) streams in constant memory.

Seeds N audit events of one store with bulk inserts, then, in a fresh process per run (so the
process's peak RSS belongs to the export alone), streams the CSV and the JSON export to nowhere
and reports Python's peak allocation (``tracemalloc``) and the process's peak RSS
(``resource.getrusage``). Running it for two sizes shows whether memory grows with N.

    STOREGATE_DEMO=1 .venv/bin/python bench/bench_audit_export.py --events 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sg_bench STOREGATE_DEMO=1 \
        .venv/bin/python bench/bench_audit_export.py --events 1000000

Results are written down in docs/benchmarks-audit.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 10_000
HANDLE = "bench-audit"


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("STOREGATE_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storegate.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_audit.sqlite3'}")
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()


def _rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed(events: int) -> dict[str, object]:
    from django.core.management import call_command
    from django.db import transaction

    from storegate.accounts.models import User
    from storegate.audit.models import AuditEvent
    from storegate.partners.models import PartnerOrganization
    from storegate.stores.models import Store

    call_command("migrate", verbosity=0)
    store = Store.objects.filter(handle=HANDLE).first()
    if store is not None and AuditEvent.objects.filter(store=store).count() == events:
        return {"seeded": 0, "seconds": 0.0, "reused": True}
    user, _ = User.objects.get_or_create(
        email="bench-owner@example.test", defaults={"name": "Bench Owner"}
    )
    store = store or Store.objects.create(owner=user, name="Bench", handle=HANDLE)
    org = PartnerOrganization.objects.create(name="Bench 3PL")
    AuditEvent.objects.filter(store=store)._raw_delete(AuditEvent.objects.db)
    actions = ["products.updated", "orders.fulfilled", "inventory.adjusted", "collaborator.login"]
    started = time.monotonic()
    done = 0
    while done < events:
        size = min(BATCH, events - done)
        rows = [
            AuditEvent(
                store=store,
                organization=org if (done + i) % 2 else None,
                actor=user,
                actor_email=user.email,
                action=actions[(done + i) % len(actions)],
                target_type="commerce.product",
                target_id=str(done + i),
                before={"title": "Old title", "price": "10.00"},
                after={"title": f"Product {done + i}", "price": "12.50"},
                ip="203.0.113.7",
                user_agent="Mozilla/5.0 (bench)",
            )
            for i in range(size)
        ]
        with transaction.atomic():
            AuditEvent.objects.bulk_create(rows, batch_size=2000)
        done += size
    return {"seeded": events, "seconds": round(time.monotonic() - started, 1), "reused": False}


def export(fmt: str) -> dict[str, object]:
    from storegate.auditlog.export import audit_export_csv, audit_export_json
    from storegate.auditlog.selectors import audit_event_filter
    from storegate.stores.models import Store

    store = Store.objects.get(handle=HANDLE)
    queryset = audit_event_filter(store=store)
    generator = audit_export_csv if fmt == "csv" else audit_export_json
    rss_before = _rss_mib()
    tracemalloc.start()
    started = time.monotonic()
    total_bytes = 0
    chunks = 0
    # Encoding each chunk as the WSGI server would, then dropping it: what a download costs.
    for chunk in generator(queryset):
        total_bytes += len(chunk.encode())
        chunks += 1
    seconds = time.monotonic() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "format": fmt,
        "bytes": total_bytes,
        "chunks": chunks,
        "seconds": round(seconds, 1),
        "tracemalloc_peak_mib": round(peak / 2**20, 2),
        "rss_before_mib": round(rss_before, 1),
        "rss_peak_mib": round(_rss_mib(), 1),
    }


def _child(args: list[str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--child", choices=["seed", "csv", "json"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _setup()
        result = seed(args.events) if args.child == "seed" else export(args.child)
        print(json.dumps(result))
        return
    _setup()
    from django.db import connection

    print(f"database: {connection.vendor}, events: {args.events:,}")
    print("seed:", _child(["--child", "seed", "--events", str(args.events)]))
    for fmt in ("csv", "json"):
        print("export:", _child(["--child", fmt, "--events", str(args.events)]))


if __name__ == "__main__":
    main()
