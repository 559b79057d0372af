"""What runs on every authenticated API request: the bearer header, and the token look-ups that
``core/sql.fetch_one`` prepares on PostgreSQL. Prepared or not, a look-up sees every committed
change on the very next request (S3)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from storegate.collaborators.models import CollaboratorAccess, StoreSession
from storegate.core.sql import fetch_one
from storegate.stores.permissions import StorePermission
from tests.factories import CollaboratorAccessFactory, UserFactory, store_session_for

pytestmark = pytest.mark.django_db
P = StorePermission
RAW = "sgs_hot-path-token"
# More executions than psycopg's prepare_threshold (5), so that PostgreSQL runs them prepared.
REPEAT = 8

only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


@pytest.fixture
def access(store, partner_org):
    return CollaboratorAccessFactory(
        store=store, organization=partner_org, permissions=[P.ORDERS_VIEW, P.PRODUCTS_VIEW]
    )


@pytest.fixture
def session(access, collaborator):
    return store_session_for(access, collaborator, RAW)


def _orders(store, authorization: str = f"Bearer {RAW}"):
    return Client().get(f"/api/v1/stores/{store.pk}/orders", HTTP_AUTHORIZATION=authorization)


def test_fetch_one_returns_the_first_row_or_none():
    user = UserFactory(email="first@example.test")
    sql = "SELECT email FROM accounts_user WHERE id = %s"
    assert fetch_one(sql, [user.pk]) == ("first@example.test",)
    assert fetch_one(sql, [user.pk + 1000]) is None


@only_postgresql
def test_the_store_session_look_up_runs_prepared_after_a_few_requests(store, session):
    for _ in range(REPEAT):
        assert _orders(store).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        prepared = cursor.fetchall()
    look_ups = [uses for statement, uses in prepared if "token_hash" in statement]
    assert look_ups, prepared
    assert max(look_ups) >= REPEAT - 5


def test_s3_a_prepared_look_up_sees_suspension_narrowing_and_end(store, session, access):
    for _ in range(REPEAT):
        assert _orders(store).status_code == 200
    # narrowing: orders.view taken away → 403 on the very next request
    CollaboratorAccess.objects.filter(pk=access.pk).update(permissions_mask=P.PRODUCTS_VIEW.bit)
    response = _orders(store)
    assert response.status_code == 403, response.content
    assert response.json()["error"]["code"] == "permission_denied"
    CollaboratorAccess.objects.filter(pk=access.pk).update(permissions_mask=P.ORDERS_VIEW.bit)
    assert _orders(store).status_code == 200
    # suspension → 404 on the very next request
    CollaboratorAccess.objects.filter(pk=access.pk).update(status="suspended")
    assert _orders(store).status_code == 404
    CollaboratorAccess.objects.filter(pk=access.pk).update(status="active")
    assert _orders(store).status_code == 200
    # the session ends → 401 on the very next request
    StoreSession.objects.filter(pk=session.pk).update(ended_at=timezone.now())
    assert _orders(store).status_code == 401


@pytest.mark.parametrize(
    ("authorization", "status"),
    [
        (f"Bearer {RAW}", 200),
        (f"bearer {RAW}", 200),
        (f"BEARER {RAW}", 200),
        ("Bearer", 401),
        ("Bearer ", 401),
        (f"Basic {RAW}", 401),
        (RAW, 401),
        ("", 401),
    ],
)
def test_the_bearer_header_is_read_as_rfc_6750_says(store, session, authorization, status):
    response = _orders(store, authorization)
    assert response.status_code == status, response.content
    if status == 401:
        assert response.json()["error"]["code"] == "authentication_required"


def _database_options(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in {"DB_PREPARED_STATEMENTS"}}
    base.update({"DATABASE_URL": "postgres://storegate@db.example:5432/storegate", **env})
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from storegate import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))",
        ],
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_prepared_statements_are_on_for_postgresql_and_can_be_turned_off_for_poolers():
    assert "'prepare_threshold': 5" in _database_options()
    assert "prepare_threshold" not in _database_options(DB_PREPARED_STATEMENTS="false")
