"""factory_boy factories for every app's core models."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from storegate.access.store_access import resolve_store_access
from storegate.accounts.models import User
from storegate.collaborators.models import AccessStatus, CollaboratorAccess, StoreSession
from storegate.core.acting import Acting
from storegate.core.crypto import hash_token
from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole
from storegate.stores.models import StaffMember, StaffStatus, Store
from storegate.stores.permissions import PermissionSet

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    name = factory.Sequence(lambda n: f"User {n}")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Store

    name = factory.Sequence(lambda n: f"Store {n}")
    handle = factory.Sequence(lambda n: f"store-{n}")
    owner = factory.SubFactory(UserFactory)


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    store = factory.SubFactory(StoreFactory)
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "invitee@example.test")
    status = StaffStatus.ACTIVE
    permissions_mask = 0

    class Params:
        permissions = ()

    @factory.lazy_attribute
    def permissions_mask(self):  # noqa: F811
        return PermissionSet.of(self.permissions).mask


class PartnerOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganization

    name = factory.Sequence(lambda n: f"Partner {n}")


class PartnerMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerMember

    organization = factory.SubFactory(PartnerOrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = PartnerRole.STORE_MANAGER


class CollaboratorAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaboratorAccess

    store = factory.SubFactory(StoreFactory)
    organization = factory.SubFactory(PartnerOrganizationFactory)
    status = AccessStatus.ACTIVE
    granted_at = factory.LazyFunction(timezone.now)

    class Params:
        permissions = ()

    @factory.lazy_attribute
    def permissions_mask(self):
        return PermissionSet.of(self.permissions).mask


def store_session_for(access, user, raw="sgs_test-token", **kw) -> StoreSession:
    """A live store session of ``user`` (a member of the access's organization) whose raw token
    is ``raw``, as the partner dashboard's *Log in* would open it."""
    member = PartnerMember.objects.get(organization=access.organization, user=user)
    return StoreSession.objects.create(
        access=access,
        store=access.store,
        user=user,
        member=member,
        token_hash=hash_token(raw),
        expires_at=kw.pop("expires_at", timezone.now() + timedelta(hours=1)),
        **kw,
    )


def member_acting(member: PartnerMember) -> Acting:
    """How a partner member acts on the partner side: as themselves, in their organization."""
    return Acting.as_user(member.user, organization_id=member.organization_id)


def store_acting(user: User, store: Store) -> Acting:
    """How ``user`` acts in ``store``: with the access the store guard resolves for them there."""
    return Acting(user=user, access=resolve_store_access(user=user, store_id=store.pk))
