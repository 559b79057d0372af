"""S7: bad input anywhere in the API gets a clear 4xx with an error code, never a 500.

Walks every operation of the OpenAPI document and throws generated paths, queries and bodies at
it as the store owner and as a partner admin (so requests get past authentication and the guard
into input handling), asserting that no answer is a 5xx and every 4xx has the §9 error shape.
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storegate.api import api
from tests.conftest import token_for

pytestmark = pytest.mark.django_db

PARAM = re.compile(r"\{(\w+)\}")

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def _operations() -> list[tuple[str, str, dict]]:
    schema = api.get_openapi_schema()
    ops = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            ops.append((method.upper(), path, spec))
    return sorted(ops)


OPERATIONS = _operations()


def _body_strategy(spec: dict, components: dict) -> st.SearchStrategy:
    """Bodies shaped like the operation's schema (its property names) with values of any type."""
    content = spec.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref", "")
    properties = (
        list(components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})) if ref else []
    )
    if not properties:
        return st.one_of(st.none(), json_values)
    return st.one_of(
        json_values,
        st.dictionaries(st.sampled_from(properties), json_values, max_size=len(properties)),
    )


@pytest.mark.parametrize(
    ("method", "path", "spec"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS]
)
def test_s7_no_operation_answers_5xx_to_generated_input(
    method, path, spec, store, partner_org, partner_admin, owner
):
    components = api.get_openapi_schema()["components"].get("schemas", {})
    client = Client()
    owner_token = token_for(owner)
    partner_token = token_for(partner_admin)
    known = {"store_id": str(store.pk), "org_id": str(partner_org.pk)}

    @settings(
        max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(
        other_id=st.one_of(
            st.integers(min_value=-5, max_value=10**12).map(str),
            st.text(alphabet="abc0123456789-_", min_size=1, max_size=12),
        ),
        body=_body_strategy(spec, components),
        query=st.dictionaries(
            st.sampled_from(
                [
                    "cursor",
                    "status",
                    "q",
                    "limit",
                    "format",
                    "from",
                    "to",
                    "action",
                    "actor",
                    "organization",
                ]
            ),
            st.text(max_size=12),
            max_size=3,
        ),
        as_partner=st.booleans(),
    )
    def run(other_id, body, query, as_partner):
        url = PARAM.sub(lambda m: known.get(m.group(1), other_id), path)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {partner_token if as_partner else owner_token}"}
        kwargs = {}
        if method in {"POST", "PUT", "PATCH"}:
            kwargs = {"data": json.dumps(body), "content_type": "application/json"}
        response = getattr(client, method.lower())(url, query_params=query, **kwargs, **headers)
        assert response.status_code < 500, (method, url, body, response.content[:500])
        if response.status_code >= 400 and response.get("Content-Type", "").startswith(
            "application/json"
        ):
            error = response.json()["error"]
            assert isinstance(error["code"], str) and error["code"]
            assert isinstance(error["message"], str) and error["message"]

    run()
