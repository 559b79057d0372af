"""R25: the audit trail — merchant filters, CSV/JSON export with no cap, the partner's view."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from storegate.audit.models import AuditEvent
from storegate.audit.services import audit_record
from tests.conftest import error_code
from tests.factories import PartnerOrganizationFactory, StoreFactory

pytestmark = pytest.mark.django_db


def _event(store, action, actor=None, organization=None, when=None, after=None):
    event = audit_record(
        action=action, actor=actor, store=store, organization=organization, after=after
    )
    if when is not None:
        # The trail is append-only; tests backdate with a queryset update.
        AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
    return event


@pytest.fixture
def trail(store, owner, collaborator, partner_org):
    other_store = StoreFactory()
    day = datetime(2026, 3, 10, 12, tzinfo=UTC)
    return {
        "old": _event(store, "collaborator.approved", owner, partner_org, day - timedelta(days=30)),
        "by_collab": _event(store, "products.updated", collaborator, partner_org, day),
        "by_owner": _event(store, "staff.invited", owner, None, day + timedelta(days=1)),
        "elsewhere": _event(other_store, "products.updated", collaborator, partner_org, day),
        "formula": _event(
            store, "products.updated", collaborator, partner_org, day, {"title": "=HYPERLINK()"}
        ),
    }


def _ids(response):
    return {item["id"] for item in response.json()["items"]}


def test_r25_owner_filters_by_person_organization_action_and_dates(
    api_client, store, owner, token, trail, partner_org, collaborator
):
    # given
    base = f"/api/v1/stores/{store.pk}/audit-events"
    tok = token(owner)
    # when / then: each filter narrows, and nothing of another store shows
    all_ids = _ids(api_client.get(base, token=tok))
    assert str(trail["elsewhere"].pk) not in all_ids
    assert {str(trail[k].pk) for k in ("old", "by_collab", "by_owner", "formula")} <= all_ids
    by_person = _ids(api_client.get(f"{base}?actor={collaborator.email.upper()}", token=tok))
    assert by_person == {str(trail["by_collab"].pk), str(trail["formula"].pk)}
    by_id = _ids(api_client.get(f"{base}?actor={collaborator.pk}", token=tok))
    assert by_id == by_person
    by_org = _ids(api_client.get(f"{base}?organization={partner_org.pk}", token=tok))
    assert str(trail["by_owner"].pk) not in by_org and str(trail["old"].pk) in by_org
    by_action = _ids(api_client.get(f"{base}?action=staff.invited", token=tok))
    assert by_action == {str(trail["by_owner"].pk)}
    prefix = _ids(api_client.get(f"{base}?action=collaborator.*", token=tok))
    assert prefix == {str(trail["old"].pk)}
    in_range = _ids(api_client.get(f"{base}?from=2026-03-01&to=2026-03-10", token=tok))
    assert in_range == {str(trail["by_collab"].pk), str(trail["formula"].pk)}


def test_r25_pages_walk_the_whole_trail_with_a_cursor(api_client, store, owner, token):
    for i in range(7):
        _event(store, f"thing.{i}", owner)
    tok = token(owner)
    seen, cursor = [], None
    while True:
        url = f"/api/v1/stores/{store.pk}/audit-events?limit=3" + (
            f"&cursor={cursor}" if cursor else ""
        )
        body = api_client.get(url, token=tok).json()
        seen += [item["action"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"thing.{i}" for i in reversed(range(7))]


def test_r25_csv_export_streams_every_matching_event(
    api_client, store, owner, token, trail, collaborator
):
    response = api_client.get(
        f"/api/v1/stores/{store.pk}/audit-events?format=csv&actor={collaborator.email}",
        token=token(owner),
    )
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {r["id"] for r in rows} == {str(trail["by_collab"].pk), str(trail["formula"].pk)}
    assert all(r["actor_email"] == collaborator.email for r in rows)
    assert all(r["organization_name"] == "Handled" for r in rows)
    # a cell a spreadsheet would run as a formula is defused
    formula = next(r for r in rows if r["id"] == str(trail["formula"].pk))
    assert json.loads(formula["after"]) == {"title": "=HYPERLINK()"}


def test_r25_json_export_is_one_array_of_all_events(api_client, store, owner, token, trail):
    # more than one chunk
    AuditEvent.objects.bulk_create(
        [AuditEvent(store=store, action=f"bulk.{i}") for i in range(2500)]
    )
    response = api_client.get(
        f"/api/v1/stores/{store.pk}/audit-events?format=json", token=token(owner)
    )
    body = json.loads(b"".join(response.streaming_content))
    assert isinstance(body, list)
    assert len(body) == 4 + 2500
    assert body[0]["id"] == str(trail["old"].pk)  # oldest first in an export
    assert AuditEvent.objects.filter(action="audit.exported", actor=owner).exists()


def test_r25_export_defuses_formula_cells_in_csv(api_client, store, owner, token):
    audit_record(action="x", actor=None, store=store, meta=None)
    AuditEvent.objects.filter(action="x").update(user_agent="=cmd|' /C calc'!A0")
    response = api_client.get(
        f"/api/v1/stores/{store.pk}/audit-events?format=csv&action=x", token=token(owner)
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["user_agent"].startswith("'=")


def test_r25_staff_with_collaborators_manage_reads_the_trail(api_client, store, staff, token):
    response = api_client.get(f"/api/v1/stores/{store.pk}/audit-events", token=token(staff))
    assert response.status_code == 200


def test_r25_staff_without_collaborators_manage_gets_403(api_client, store, token):
    from tests.factories import StaffMemberFactory

    member = StaffMemberFactory(store=store, permissions=["orders.view"])
    response = api_client.get(f"/api/v1/stores/{store.pk}/audit-events", token=token(member.user))
    assert response.status_code == 403 and error_code(response) == "permission_denied"


def test_r25_outsider_gets_404(api_client, store, outsider, token):
    response = api_client.get(f"/api/v1/stores/{store.pk}/audit-events", token=token(outsider))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query, field",
    [
        ("from=yesterday", "from"),
        ("to=2026-13-45", "to"),
        ("format=xml", "format"),
        ("organization=abc", "organization"),
        ("cursor=@@@", "cursor"),
    ],
)
def test_s7_bad_audit_filters_are_a_400(api_client, store, owner, token, query, field):
    response = api_client.get(f"/api/v1/stores/{store.pk}/audit-events?{query}", token=token(owner))
    assert response.status_code == 400 and error_code(response) == "validation_error"
    assert response.json()["error"]["field"] == field


def test_r25_partner_sees_its_own_organizations_events_only(
    api_client, partner_org, partner_admin, token, trail
):
    other = PartnerOrganizationFactory()
    foreign = audit_record(action="partner.created", organization=other)
    response = api_client.get(
        f"/api/v1/partners/{partner_org.pk}/audit-events", token=token(partner_admin)
    )
    ids = _ids(response)
    assert str(trail["by_collab"].pk) in ids and str(trail["elsewhere"].pk) in ids
    assert str(foreign.pk) not in ids and str(trail["by_owner"].pk) not in ids
    exported = api_client.get(
        f"/api/v1/partners/{partner_org.pk}/audit-events?format=csv", token=token(partner_admin)
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert {r["organization_id"] for r in rows} == {str(partner_org.pk)}


def test_r25_partner_store_manager_cannot_read_the_org_trail(
    api_client, partner_org, collaborator, token
):
    response = api_client.get(
        f"/api/v1/partners/{partner_org.pk}/audit-events", token=token(collaborator)
    )
    assert response.status_code == 403


def test_r25_partner_does_not_see_the_merchants_ip_or_user_agent(
    api_client, store, owner, partner_org, partner_admin, collaborator, token
):
    # given a merchant action concerning the organization, and a member's action
    from storegate.core.acting import RequestMeta

    merchant = audit_record(
        action="collaborator.approved",
        actor=owner,
        store=store,
        organization=partner_org,
        meta=RequestMeta(ip="198.51.100.1", user_agent="merchant-browser"),
    )
    member = audit_record(
        action="products.updated",
        actor=collaborator,
        store=store,
        organization=partner_org,
        meta=RequestMeta(ip="203.0.113.9", user_agent="collab-browser"),
    )
    base = f"/api/v1/partners/{partner_org.pk}/audit-events"
    # when
    items = {i["id"]: i for i in api_client.get(base, token=token(partner_admin)).json()["items"]}
    exported = api_client.get(f"{base}?format=json", token=token(partner_admin))
    rows = {r["id"]: r for r in json.loads(b"".join(exported.streaming_content))}
    # then
    for view in (items, rows):
        assert view[str(merchant.pk)]["ip"] is None
        assert view[str(merchant.pk)]["user_agent"] == ""
        assert view[str(member.pk)]["ip"] == "203.0.113.9"
