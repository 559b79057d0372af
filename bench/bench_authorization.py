"""Benchmark: the cost of one authorization decision and of resolving the caller's access, with
1,000 and with 1,000,000 grants in the database, beside pycasbin and django-guardian answering
the same question ("may this partner organization's member view orders in store S?") on the
same data. Each size runs in its own process and database; one command runs both.

    STOREGATE_DEMO=1 .venv/bin/python -m bench authorization

Grants: every (organization, store) pair of O organizations × 1,000 stores is a collaborator
access holding two permissions (``orders.view`` and one of four others). The same grants are
loaded into pycasbin (RBAC with domains: one ``g`` line per grant, one role per permission set)
and into django-guardian (one GroupObjectPermission row per granted permission, the
organization being a group).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STORES = 1000
BATCH = 20_000
SIZES = tuple(int(s) for s in os.environ.get("BENCH_GRANTS", "1000,1000000").split(","))
OTHER_PERMISSIONS = ("products.view", "inventory.manage", "customers.view", "reports.view")


def _setup(db_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("STOREGATE_DEMO", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_guardian"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{db_path}"
    import django

    django.setup()


def _seed(grants: int) -> dict[str, Any]:
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from guardian.models import GroupObjectPermission

    from storegate.accounts.models import User
    from storegate.collaborators.models import CollaboratorAccess
    from storegate.partners.models import PartnerMember, PartnerOrganization
    from storegate.stores.models import Store
    from storegate.stores.permissions import PermissionSet

    call_command("migrate", verbosity=0)
    if CollaboratorAccess.objects.count() == grants:
        return {"seed_seconds": 0.0, "reused": True}
    started = time.perf_counter()
    orgs = grants // STORES
    with transaction.atomic():
        owner = User.objects.create_user(email="bench-owner@example.test", name="Owner")
        Store.objects.bulk_create(
            Store(name=f"Store {i}", handle=f"bench-{i}", owner=owner) for i in range(STORES)
        )
        stores = list(Store.objects.order_by("id"))
        PartnerOrganization.objects.bulk_create(
            PartnerOrganization(name=f"Partner {i}") for i in range(orgs)
        )
        organizations = list(PartnerOrganization.objects.order_by("id"))
        User.objects.bulk_create(
            User(email=f"member{i}@partner.test", name=f"Member {i}", password="!")
            for i in range(orgs)
        )
        members = list(User.objects.filter(email__endswith="@partner.test").order_by("id"))
        PartnerMember.objects.bulk_create(
            PartnerMember(organization=o, user=u, role="store_manager")
            for o, u in zip(organizations, members, strict=True)
        )
        Group.objects.bulk_create(Group(name=f"org-{o.pk}") for o in organizations)
        groups = list(Group.objects.filter(name__startswith="org-").order_by("id"))
        User.groups.through.objects.bulk_create(
            User.groups.through(user_id=u.pk, group_id=g.pk)
            for u, g in zip(members, groups, strict=True)
        )
        store_type = ContentType.objects.get_for_model(Store)
        codes = ("orders.view", *OTHER_PERMISSIONS)
        perms = {
            code: Permission.objects.get_or_create(
                content_type=store_type,
                codename=code.replace(".", "_"),
                defaults={"name": code},
            )[0]
            for code in codes
        }
    # The grants themselves are generated inside the database (a cross join of organizations and
    # stores): a million ORM objects would take far longer than the benchmark itself.
    masks = [PermissionSet.of(["orders.view", other]).mask for other in OTHER_PERMISSIONS]
    other_perm_ids = [perms[other].pk for other in OTHER_PERMISSIONS]
    q = connection.ops.quote_name
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    pick = "((o.id + s.id) %% 4)"
    access_table = q(CollaboratorAccess._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {access_table} (store_id, organization_id, permissions_mask, status, "
            "granted_at, created_at, updated_at, used_permissions_mask, "
            "usage_period_started_at, warnings_sent) "
            f"SELECT s.id, o.id, CASE {pick} WHEN 0 THEN %s WHEN 1 THEN %s WHEN 2 THEN %s "
            "ELSE %s END, 'active', %s, %s, %s, 0, %s, '[]' "
            f"FROM {q(Store._meta.db_table)} s CROSS JOIN "
            f"{q(PartnerOrganization._meta.db_table)} o",
            [*masks, stamp, stamp, stamp, stamp],
        )
        # The organization's group is the one named org-<id>.
        group_join = (
            f"FROM {q(Store._meta.db_table)} s CROSS JOIN "
            f"{q(PartnerOrganization._meta.db_table)} o "
            f"JOIN {q(Group._meta.db_table)} g ON g.name = %s || CAST(o.id AS TEXT)"
        )
        table = q(GroupObjectPermission._meta.db_table)
        columns = "(group_id, permission_id, content_type_id, object_pk)"
        cursor.execute(
            f"INSERT INTO {table} {columns} SELECT g.id, %s, %s, CAST(s.id AS TEXT) {group_join}",
            [perms["orders.view"].pk, store_type.pk, "org-"],
        )
        cursor.execute(
            f"INSERT INTO {table} {columns} SELECT g.id, CASE {pick} WHEN 0 THEN %s "
            "WHEN 1 THEN %s WHEN 2 THEN %s ELSE %s END, %s, CAST(s.id AS TEXT) "
            f"{group_join}",
            [*other_perm_ids, store_type.pk, "org-"],
        )
    return {"seed_seconds": 0.0, "reused": True}
    started = time.perf_counter()
    orgs = grants // STORES
    with transaction.atomic():
        owner = User.objects.create_user(email="bench-owner@example.test", name="Owner")
        Store.objects.bulk_create(
            Store(name=f"Store {i}", handle=f"bench-{i}", owner=owner) for i in range(STORES)
        )
        stores = list(Store.objects.order_by("id"))
        PartnerOrganization.objects.bulk_create(
            PartnerOrganization(name=f"Partner {i}") for i in range(orgs)
        )
        organizations = list(PartnerOrganization.objects.order_by("id"))
        User.objects.bulk_create(
            User(email=f"member{i}@partner.test", name=f"Member {i}", password="!")
            for i in range(orgs)
        )
        members = list(User.objects.filter(email__endswith="@partner.test").order_by("id"))
        PartnerMember.objects.bulk_create(
            PartnerMember(organization=o, user=u, role="store_manager")
            for o, u in zip(organizations, members, strict=True)
        )
        Group.objects.bulk_create(Group(name=f"org-{o.pk}") for o in organizations)
        groups = list(Group.objects.filter(name__startswith="org-").order_by("id"))
        User.groups.through.objects.bulk_create(
            User.groups.through(user_id=u.pk, group_id=g.pk)
            for u, g in zip(members, groups, strict=True)
        )
        store_type = ContentType.objects.get_for_model(Store)
        codes = ("orders.view", *OTHER_PERMISSIONS)
        perms = {
            code: Permission.objects.get_or_create(
                content_type=store_type,
                codename=code.replace(".", "_"),
                defaults={"name": code},
            )[0]
            for code in codes
        }
    accesses: list[Any] = []
    objperms: list[Any] = []

    def flush() -> None:
        with transaction.atomic():
            CollaboratorAccess.objects.bulk_create(accesses, batch_size=BATCH)
            GroupObjectPermission.objects.bulk_create(objperms, batch_size=BATCH)
        accesses.clear()
        objperms.clear()

    for oi, (organization, group) in enumerate(zip(organizations, groups, strict=True)):
        for si, store in enumerate(stores):
            other = OTHER_PERMISSIONS[(oi + si) % len(OTHER_PERMISSIONS)]
            accesses.append(
                CollaboratorAccess(
                    store_id=store.pk,
                    organization_id=organization.pk,
                    permissions_mask=PermissionSet.of(["orders.view", other]).mask,
                )
            )
            for code in ("orders.view", other):
                objperms.append(
                    GroupObjectPermission(
                        group_id=group.pk,
                        permission_id=perms[code].pk,
                        content_type_id=store_type.pk,
                        object_pk=str(store.pk),
                    )
                )
        if len(accesses) >= BATCH:
            flush()
    flush()
    return {"seed_seconds": round(time.perf_counter() - started, 1), "reused": False}


def _per_op(func: Any, n: int, repeat: int = 5) -> float:
    """Best-of-``repeat`` mean seconds per call over ``n`` calls."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(n):
            func()
        best = min(best, (time.perf_counter() - started) / n)
    return best


def _measure(grants: int) -> dict[str, Any]:
    import casbin
    from django.db import connection
    from django.utils import timezone
    from guardian.core import ObjectPermissionChecker

    from storegate.access.store_access import resolve_store_access
    from storegate.accounts.models import User
    from storegate.collaborators.models import CollaboratorAccess, StoreSession
    from storegate.core.crypto import hash_token
    from storegate.partners.models import PartnerMember
    from storegate.stores.models import Store
    from storegate.stores.permissions import PermissionSet, StorePermission

    # The caller: the member of the last organization (the one whose rows are newest), with store
    # sessions in 50 stores spread over the id range.
    member = PartnerMember.objects.select_related("organization", "user").order_by("-id").first()
    assert member is not None
    user = member.user
    stores = list(Store.objects.order_by("id").values_list("id", flat=True))
    sample = stores[:: max(1, len(stores) // 50)][:50]
    tokens = []
    StoreSession.objects.filter(user=user).delete()
    for store_id in sample:
        access = CollaboratorAccess.objects.get(store_id=store_id, organization=member.organization)
        raw = f"sgs_bench-{store_id}"
        StoreSession.objects.create(
            access=access,
            store_id=store_id,
            user=user,
            member=member,
            token_hash=hash_token(raw),
            expires_at=timezone.now() + timezone.timedelta(hours=8),
        )
        tokens.append((store_id, raw))

    results: dict[str, Any] = {
        "grants": CollaboratorAccess.objects.count(),
        "db": connection.vendor,
    }

    # Storegate: resolve (one indexed query), then decide (one AND on a bitmask).
    index = {"i": 0}

    def resolve() -> Any:
        store_id, raw = tokens[index["i"] % len(tokens)]
        index["i"] += 1
        return resolve_store_access(user=user, store_id=store_id, store_session_token=raw)

    access = resolve()
    assert access.can(StorePermission.ORDERS_VIEW)
    results["storegate_resolve_us"] = _per_op(resolve, 2000) * 1e6
    # What the guard does per request: one AND against the declaration's precomputed mask.
    needed = StorePermission.ORDERS_VIEW.bit
    results["storegate_decide_ns"] = _per_op(lambda: access.allows(needed), 200_000) * 1e9
    view = StorePermission.ORDERS_VIEW
    results["storegate_can_ns"] = _per_op(lambda: access.can(view), 200_000) * 1e9

    # pycasbin: the same grants, in memory; enforce(organization, store, permission).
    model = casbin.Enforcer.new_model(
        text="""
[request_definition]
r = sub, dom, act
[policy_definition]
p = sub, act
[role_definition]
g = _, _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g(r.sub, p.sub, r.dom) && r.act == p.act
"""
    )
    # Loaded from a policy file, the way pycasbin builds its role links in one pass (adding a
    # million grouping policies one call at a time rebuilds links incrementally and never ends).
    started = time.perf_counter()
    policy = ROOT / "var" / f"casbin_policy_{grants}.csv"
    roles = set()
    with policy.open("w") as out:
        for store_id, org_id, mask in CollaboratorAccess.objects.values_list(
            "store_id", "organization_id", "permissions_mask"
        ).iterator(chunk_size=50_000):
            roles.add(mask)
            out.write(f"g, org:{org_id}, set-{mask}, store:{store_id}\n")
        for mask in roles:
            for code in PermissionSet(mask).codes():
                out.write(f"p, set-{mask}, {code}\n")
    enforcer = casbin.Enforcer(model, casbin.persist.adapters.FileAdapter(str(policy)))
    results["casbin_load_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps({"progress": "casbin loaded", **results}), file=sys.stderr, flush=True)
    org = f"org:{member.organization_id}"
    assert enforcer.enforce(org, f"store:{sample[0]}", "orders.view")
    assert not enforcer.enforce(org, f"store:{sample[0]}", "staff.manage")
    cindex = {"i": 0}

    def casbin_decide() -> bool:
        store_id = sample[cindex["i"] % len(sample)]
        cindex["i"] += 1
        return enforcer.enforce(org, f"store:{store_id}", "orders.view")

    # Few calls: at a million grants one pycasbin decision takes long enough to dominate the run.
    results["casbin_decide_us"] = _per_op(casbin_decide, 20, repeat=1) * 1e6

    # django-guardian: object permissions in the database; a fresh checker per request (no
    # cache across requests, as S3 demands), then the same question again on the warm checker.
    guardian_user = User.objects.get(pk=user.pk)
    store_objs = list(Store.objects.filter(pk__in=sample))
    assert ObjectPermissionChecker(guardian_user).has_perm("orders_view", store_objs[0])
    gindex = {"i": 0}

    def guardian_request() -> bool:
        store = store_objs[gindex["i"] % len(store_objs)]
        gindex["i"] += 1
        return ObjectPermissionChecker(guardian_user).has_perm("orders_view", store)

    results["guardian_resolve_and_decide_us"] = _per_op(guardian_request, 200, repeat=3) * 1e6
    warm = ObjectPermissionChecker(guardian_user)
    warm.has_perm("orders_view", store_objs[0])
    results["guardian_cached_decide_us"] = (
        _per_op(lambda: warm.has_perm("orders_view", store_objs[0]), 20_000) * 1e6
    )
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in results.items()}


def child(grants: int) -> None:
    db = ROOT / "var" / f"bench_authz_{grants}.sqlite3"
    (ROOT / "var").mkdir(exist_ok=True)
    _setup(db)
    seeded = _seed(grants)
    measured = _measure(grants)
    print(json.dumps({**seeded, **measured}))


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    rows = []
    for grants in SIZES:
        out = subprocess.run(
            [sys.executable, "-m", "bench.bench_authorization", "--child", str(grants)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(json.dumps(row), flush=True)
    if len(rows) == 2:
        small, large = rows
        print(
            "decision 1k→1M: %.1f ns → %.1f ns; resolve %.1f µs → %.1f µs; "
            "casbin/storegate decision: %.0f×"
            % (
                small["storegate_decide_ns"],
                large["storegate_decide_ns"],
                small["storegate_resolve_us"],
                large["storegate_resolve_us"],
                statistics.mean(
                    [r["casbin_decide_us"] * 1000 / r["storegate_decide_ns"] for r in rows]
                ),
            )
        )
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(int(sys.argv[2]))
    else:
        main()
