"""The collaborator request code: S1 throttling, S2, and a simulated guessing campaign."""

from __future__ import annotations

import hmac
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from storegate.accounts.models import User
from storegate.audit.models import AuditEvent
from storegate.collaborators.models import CollaboratorRequest, RequestCodeAttempt
from storegate.collaborators.services import codes
from storegate.core.errors import ApplicationError
from storegate.notifications.models import Notification, OutboxMessage
from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole
from storegate.stores.models import Store
from tests.collaborators.conftest import request_access
from tests.factories import PartnerOrganizationFactory, StoreFactory

pytestmark = pytest.mark.django_db


def wrong(store) -> str:
    return f"{(int(store.request_code) + 1) % 10000:04d}"


def _try(org, user, store, code):
    try:
        request_access(org, user, store, code=code)
    except ApplicationError as exc:
        return exc.code
    return "created"


class Clock:
    def __init__(self, monkeypatch):
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **kw):
        self.now += timedelta(**kw)


def test_s1_five_wrong_codes_per_org_and_store_per_day_then_refused_without_evaluation(
    monkeypatch, partner_org, collaborator, store
):
    clock = Clock(monkeypatch)
    # five wrong codes at five different... the same store: the 5th invalidates the code too
    for _ in range(4):
        assert _try(partner_org, collaborator, store, wrong(store)) == "invalid_request_code"
    other = StoreFactory()
    for _ in range(5):
        assert _try(partner_org, collaborator, other, wrong(other)) == "invalid_request_code"
    # when the right code comes as the 6th attempt at ``other`` within 24 h
    other.refresh_from_db()
    compared = []
    real = hmac.compare_digest
    monkeypatch.setattr(codes.hmac, "compare_digest", lambda a, b: compared.append(1) or real(a, b))
    assert _try(partner_org, collaborator, other, other.request_code) == (
        "request_code_attempts_exceeded"
    )
    # then it was refused without comparing, recorded as throttled, and nothing was sent
    assert compared == []
    assert RequestCodeAttempt.objects.filter(store=other, throttled=True).count() == 1
    assert not CollaboratorRequest.objects.exists()
    # a day later it works
    clock.advance(hours=24, seconds=1)
    assert _try(partner_org, collaborator, other, other.request_code) == "created"
    assert compared == [1]


def test_s1_ten_wrong_codes_per_org_per_day_across_stores(monkeypatch, partner_org, collaborator):
    clock = Clock(monkeypatch)
    stores = [StoreFactory() for _ in range(11)]
    for s in stores[:10]:
        assert _try(partner_org, collaborator, s, wrong(s)) == "invalid_request_code"
    assert _try(partner_org, collaborator, stores[10], stores[10].request_code) == (
        "request_code_attempts_exceeded"
    )
    # another organization is not affected
    other_org = PartnerOrganizationFactory()
    other_user = PartnerMember.objects.create(
        organization=other_org,
        user=User.objects.create_user("o@x.test", "pw-123456789"),
        role="admin",
    ).user
    assert _try(other_org, other_user, stores[10], stores[10].request_code) == "created"
    clock.advance(hours=25)
    assert _try(partner_org, collaborator, stores[10], wrong(stores[10])) == "invalid_request_code"


def test_s1_hundred_wrong_codes_per_org_per_90_days(monkeypatch, partner_org, collaborator, store):
    clock = Clock(monkeypatch)
    # given 100 wrong codes spread over 89 days (seeded as attempt rows)
    RequestCodeAttempt.objects.bulk_create(
        RequestCodeAttempt(
            organization=partner_org,
            store=store,
            user=collaborator,
            succeeded=False,
            created_at=clock.now - timedelta(days=85) + timedelta(hours=20 * i),
        )
        for i in range(100)
    )
    clock.advance(days=1)
    fresh = StoreFactory()
    # then, although the last 24 h hold few attempts, the org is refused
    assert (
        _try(partner_org, collaborator, fresh, fresh.request_code)
        == "request_code_attempts_exceeded"
    )
    # and once the oldest fall out of the 90 days it may try again
    clock.advance(days=5)
    assert _try(partner_org, collaborator, fresh, fresh.request_code) == "created"


def test_s1_five_wrong_codes_from_anyone_invalidate_the_code_and_tell_the_merchant(
    store, owner, staff
):
    old = store.request_code
    orgs = []
    for n in range(5):
        org = PartnerOrganizationFactory()
        user = User.objects.create_user(f"g{n}@x.test", "pw-123456789")
        PartnerMember.objects.create(organization=org, user=user, role=PartnerRole.STORE_MANAGER)
        orgs.append((org, user))
        assert _try(org, user, store, wrong(store)) == "invalid_request_code"
    store.refresh_from_db()
    assert store.request_code_failures == 0
    assert store.request_code_generated_at is not None
    # the merchant (owner and collaborators.manage staff) is e-mailed and notified
    told = Notification.objects.filter(store=store, kind="collaborator.request_code_invalidated")
    assert set(told.values_list("recipient_id", flat=True)) == {owner.pk, staff.pk}
    mails = [
        m
        for m in OutboxMessage.objects.all()
        if m.payload.get("template") == "collab_code_invalidated"
    ]
    assert {m.payload["to"][0] for m in mails} == {owner.email, staff.email}
    assert (
        AuditEvent.objects.filter(action="store.request_code_invalidated", store=store).count() == 1
    )
    if store.request_code != old:  # a fresh draw may repeat the old code: 1 in 10,000
        assert _try(*orgs[0], store, old) == "invalid_request_code"


def test_s1_every_attempt_is_audited(partner_org, collaborator, store):
    _try(partner_org, collaborator, store, wrong(store))
    _try(partner_org, collaborator, store, store.request_code)
    actions = list(
        AuditEvent.objects.filter(action__startswith="collaborator.request_code").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == [
        "collaborator.request_code_accepted",
        "collaborator.request_code_failed",
    ]
    assert RequestCodeAttempt.objects.count() == 2


def test_s1_the_code_is_compared_in_constant_time(monkeypatch, partner_org, collaborator, store):
    seen = []
    real = hmac.compare_digest
    monkeypatch.setattr(
        codes.hmac, "compare_digest", lambda a, b: seen.append((a, b)) or real(a, b)
    )
    _try(partner_org, collaborator, store, wrong(store))
    assert seen == [(wrong(store).encode(), store.request_code.encode())]


def test_s2_a_correct_code_only_creates_a_pending_request(partner_org, collaborator, store):
    from storegate.collaborators.models import CollaboratorAccess

    request = request_access(partner_org, collaborator, store)
    assert request.status == "pending"
    assert not CollaboratorAccess.objects.exists()
    from storegate.access.store_access import resolve_store_access

    with pytest.raises(ApplicationError):
        resolve_store_access(user=collaborator, store_id=store.pk)


def test_s1_guessing_campaign_10000_wrong_codes_100_orgs_1000_stores(monkeypatch):
    """A campaign of 10,000 wrong codes: 100 organizations, 25 a day each for 4 days, over
    1,000 stores (every tenth organization hammers a few stores)."""
    clock = Clock(monkeypatch)
    password = make_password(None)
    owners = User.objects.bulk_create(
        User(email=f"owner{n}@campaign.test", name=f"Owner {n}", password=password)
        for n in range(1000)
    )
    stores = Store.objects.bulk_create(
        Store(name=f"Shop {n}", handle=f"shop-{n}", owner=owner) for n, owner in enumerate(owners)
    )
    orgs = PartnerOrganization.objects.bulk_create(
        PartnerOrganization(name=f"Org {n}") for n in range(100)
    )
    users = User.objects.bulk_create(
        User(email=f"guess{n}@campaign.test", name=f"G {n}", password=password) for n in range(100)
    )
    PartnerMember.objects.bulk_create(
        PartnerMember(organization=o, user=u, role=PartnerRole.STORE_MANAGER)
        for o, u in zip(orgs, users)
    )
    codes_now = {s.pk: s.request_code for s in Store.objects.all()}
    outcomes: dict[str, int] = {}
    failures: dict[int, int] = {}
    for day in range(4):
        for attempt in range(25):
            for n, (org, user) in enumerate(zip(orgs, users)):
                index = (
                    (n * 37 + attempt * 7 + day * 11) % 1000 if n % 10 else (n + attempt % 3) % 1000
                )
                store = stores[index]
                guess = f"{(int(codes_now[store.pk]) + 1 + attempt) % 10000:04d}"
                if guess == codes_now[store.pk]:  # the campaign only sends wrong codes
                    guess = f"{(int(guess) + 1) % 10000:04d}"
                result = _try(org, user, store, guess)
                outcomes[result] = outcomes.get(result, 0) + 1
                if result == "invalid_request_code":
                    failures[store.pk] = failures.get(store.pk, 0) + 1
                    if failures[store.pk] % 5 == 0:  # the code was just replaced (S1)
                        codes_now[store.pk] = Store.objects.values_list(
                            "request_code", flat=True
                        ).get(pk=store.pk)
            clock.advance(minutes=20)
        clock.advance(days=1)
    # then: exactly 10,000 attempts, none delivered a request
    assert sum(outcomes.values()) == 10_000
    assert not CollaboratorRequest.objects.exists()
    assert not RequestCodeAttempt.objects.filter(succeeded=True).exists()
    assert outcomes.get("created", 0) == 0
    assert outcomes["request_code_attempts_exceeded"] > 0
    # the S1 bounds held over every 24-hour window
    evaluated = RequestCodeAttempt.objects.filter(throttled=False).order_by("created_at")
    by_org: dict[int, list] = {}
    by_pair: dict[tuple[int, int], list] = {}
    for a in evaluated.values("organization_id", "store_id", "created_at"):
        by_org.setdefault(a["organization_id"], []).append(a["created_at"])
        by_pair.setdefault((a["organization_id"], a["store_id"]), []).append(a["created_at"])

    def most_in_a_day(times):
        best, start = 0, 0
        for end, t in enumerate(times):
            while times[start] <= t - timedelta(hours=24):
                start += 1
            best = max(best, end - start + 1)
        return best

    assert max(most_in_a_day(t) for t in by_org.values()) <= 10
    assert max(most_in_a_day(t) for t in by_pair.values()) <= 5
    assert max(len(t) for t in by_org.values()) <= 100
    assert RequestCodeAttempt.objects.count() == 10_000
    assert (
        AuditEvent.objects.filter(action__startswith="collaborator.request_code").count() == 10_000
    )
    # every invalidation reached its merchant, by e-mail and notification
    invalidations = list(
        AuditEvent.objects.filter(action="store.request_code_invalidated").values_list(
            "store_id", flat=True
        )
    )
    assert invalidations
    notified = list(
        Notification.objects.filter(kind="collaborator.request_code_invalidated").values_list(
            "store_id", flat=True
        )
    )
    assert sorted(notified) == sorted(invalidations)
    owner_of = dict(Store.objects.values_list("pk", "owner__email"))
    mailed = sorted(
        m.payload["to"][0]
        for m in OutboxMessage.objects.filter(kind="email")
        if m.payload.get("template") == "collab_code_invalidated"
    )
    assert mailed == sorted(owner_of[s] for s in invalidations)
