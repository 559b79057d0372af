"""One definition of "usable" and "live" access, and of "active" staff: the per-request SQL
(storegate/access/statements.py) and the ORM (``CollaboratorAccess.objects.usable()`` /
``.live()``, ``is_usable()`` / ``is_live()``, ``StaffMember.objects.active()``) give the same
answer for every status and end date, on SQLite and PostgreSQL alike (S3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from storegate.access import statements
from storegate.collaborators.models import (
    AccessStatus,
    CollaboratorAccess,
    live_access_sql,
    usable_access_sql,
)
from storegate.core.sql import fetch_one, sql_in
from storegate.stores.models import StaffMember, StaffStatus, active_staff_sql
from tests.factories import (
    CollaboratorAccessFactory,
    PartnerMemberFactory,
    StaffMemberFactory,
    store_session_for,
)

pytestmark = pytest.mark.django_db

RAW = "sgs_usable-definition"
EXPIRIES = {
    "no end date": None,
    "ended a second ago": timedelta(seconds=-1),
    "ends in an hour": timedelta(hours=1),
}


@pytest.mark.parametrize("expiry", list(EXPIRIES))
@pytest.mark.parametrize("status", list(AccessStatus))
def test_usable_and_live_access_read_the_same_in_sql_and_in_the_orm(store, status, expiry):
    # given an access of every status and end date, and a live store session on it
    now = timezone.now()
    offset = EXPIRIES[expiry]
    access = CollaboratorAccessFactory(
        store=store, status=status, expires_at=None if offset is None else now + offset
    )
    member = PartnerMemberFactory(organization=access.organization)
    store_session_for(access, member.user, RAW)
    # when the ORM decides
    usable = CollaboratorAccess.objects.usable(now).filter(pk=access.pk).exists()
    live = CollaboratorAccess.objects.live().filter(pk=access.pk).exists()
    # then the model's own methods agree
    assert access.is_usable(now) is usable
    assert access.is_live() is live
    # and so does the SQL condition itself
    table = connection.ops.quote_name(CollaboratorAccess._meta.db_table)
    stamp = connection.ops.adapt_datetimefield_value(now)
    probe = f"SELECT a.id FROM {table} a WHERE a.id = %s AND "
    assert (fetch_one(probe + usable_access_sql("a"), [access.pk, stamp]) is not None) is usable
    assert (fetch_one(probe + live_access_sql("a"), [access.pk]) is not None) is live
    # and so do the statements that run on every request
    session = statements.store_session(RAW, now)
    assert session is not None
    assert (session.collaborator is not None) is usable
    page_session = statements.collaborator_row(
        RAW, store_pk=store.pk, user_id=member.user.pk, now=now
    )
    assert (page_session is not None) is usable
    member_columns = statements.member_row(member.user.pk, store.pk)
    assert member_columns is not None
    assert bool(member_columns[2]) is live


@pytest.mark.parametrize("status", list(StaffStatus))
def test_active_staff_reads_the_same_in_sql_and_in_the_orm(store, status):
    member = StaffMemberFactory(store=store, status=status, permissions_mask=1)
    active = StaffMember.objects.active().filter(pk=member.pk).exists()
    assert active is (status == StaffStatus.ACTIVE)
    table = connection.ops.quote_name(StaffMember._meta.db_table)
    probe = f"SELECT sm.id FROM {table} sm WHERE sm.id = %s AND "
    assert (fetch_one(probe + active_staff_sql("sm"), [member.pk]) is not None) is active
    member_columns = statements.member_row(member.user.pk, store.pk)
    assert member_columns is not None
    assert (member_columns[1] is not None) is active


def test_sql_in_writes_only_code_values():
    assert sql_in("a.status", ["active", "suspended"]) == "a.status IN ('active', 'suspended')"
    for values in ([], ["active'; --"], ["Active"]):
        with pytest.raises(ValueError):
            sql_in("a.status", values)
