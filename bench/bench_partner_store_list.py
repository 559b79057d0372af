"""Benchmark (R17, SPEC §8): the partner's *Stores* list with 100,000 entries for one organization.

Seeds one organization with 100,000 stores on its list (bulk_create; statuses mixed as on a big
3PL's account), then times, through the same selector the API uses: the first page, a page deep
in the list (after 90,000 rows, reached by its cursor), a status filter, and searches by name or
handle (a rare and a common term). Prints the median of repeated runs and, on PostgreSQL, the plan.

    STOREGATE_DEMO=1 .venv/bin/python bench/bench_partner_store_list.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/sg_bench_list \\
        STOREGATE_DEMO=1 .venv/bin/python bench/bench_partner_store_list.py

It uses its own database (``var/bench_partner_store_list.sqlite3`` unless BENCH_DATABASE_URL
names one) so the demo's data is never touched, and migrates it first.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = int(os.environ.get("BENCH_ENTRIES", "100000"))
RUNS = 30


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("STOREGATE_DEMO", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "storegate.settings"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or (
        f"sqlite:///{ROOT / 'var' / 'bench_partner_store_list.sqlite3'}"
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed() -> int:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from storegate.accounts.models import User
    from storegate.collaborators.models import PartnerStoreEntry, PartnerStoreStatus
    from storegate.partners.models import PartnerOrganization
    from storegate.stores.models import Store

    org = PartnerOrganization.objects.filter(name="Bench 3PL").first()
    if org and PartnerStoreEntry.objects.filter(organization=org).count() >= ENTRIES:
        return org.pk
    statuses = [PartnerStoreStatus.MANAGED] * 7 + [
        PartnerStoreStatus.PENDING,
        PartnerStoreStatus.ACCESS_REMOVED,
        PartnerStoreStatus.DECLINED,
    ]
    words = ["north", "blue", "alpine", "harbor", "copper", "maple", "lumen", "atlas", "nova"]
    with transaction.atomic():
        owner = User.objects.create(
            email=f"bench-owner-{time.time_ns()}@bench.test",
            name="Bench",
            password=make_password(None),
        )
        org = PartnerOrganization.objects.create(name="Bench 3PL")
        stores = []
        for n in range(ENTRIES):
            name = f"{words[n % 9].title()} {words[(n // 9) % 9].title()} Shop {n}"
            stores.append(Store(name=name, handle=f"bench-{org.pk}-{n}", owner=owner))
        stores = Store.objects.bulk_create(stores, batch_size=5000)
        PartnerStoreEntry.objects.bulk_create(
            (
                PartnerStoreEntry(
                    organization=org,
                    store=store,
                    status=statuses[n % len(statuses)],
                    search_text=f"{store.name} {store.handle}".lower(),
                )
                for n, store in enumerate(stores)
            ),
            batch_size=5000,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh statistics, so the planner sees one organization with 100,000 rows.
        cursor.execute("ANALYZE")
    return org.pk


def timed(label: str, func) -> None:
    func()  # warm
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        rows = func()
        samples.append((time.perf_counter() - start) * 1000)
    print(
        f"{label:<44} median {statistics.median(samples):7.2f} ms   p95 "
        f"{sorted(samples)[int(RUNS * 0.95) - 1]:7.2f} ms   rows {rows}"
    )


def main() -> None:
    setup()
    from django.db import connection

    from storegate.collaborators.models import PartnerStoreEntry
    from storegate.collaborators.selectors import partner_store_list
    from storegate.core.pagination import encode_cursor
    from storegate.partners.models import PartnerOrganization

    started = time.perf_counter()
    org = PartnerOrganization.objects.get(pk=seed())
    count = PartnerStoreEntry.objects.filter(organization=org).count()
    print(
        f"database: {connection.vendor}; entries for one organization: {count} "
        f"(seeded/checked in {time.perf_counter() - started:.1f} s)"
    )
    ids = list(
        PartnerStoreEntry.objects.filter(organization=org)
        .order_by("-id")
        .values_list("id", flat=True)
    )
    deep = encode_cursor(ids[90_000 if len(ids) > 90_000 else len(ids) // 2])

    def page(**kw):
        def run():
            rows, _ = partner_store_list(organization=org, **kw)
            return len(rows)

        return run

    timed("first page (50)", page())
    timed("deep page (after 90,000 rows, by cursor)", page(cursor=deep))
    timed("status=pending, first page", page(status="pending"))
    timed("search q='shop 4242' (rare)", page(q="shop 4242"))
    timed("search q='copper' (common)", page(q="copper"))
    timed("search q='zzz' (no match)", page(q="zzz"))
    if connection.vendor == "postgresql":
        qs = PartnerStoreEntry.objects.filter(
            organization=org, hidden_at__isnull=True, search_text__contains="shop 4242"
        ).order_by("-id")[:51]
        print("\nplan of the rare search:\n" + qs.explain())
        qs = PartnerStoreEntry.objects.filter(
            organization=org, hidden_at__isnull=True, id__lt=ids[90_000]
        ).order_by("-id")[:51]
        print("\nplan of the deep page:\n" + qs.explain())


if __name__ == "__main__":
    main()
