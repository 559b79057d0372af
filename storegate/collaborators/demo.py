"""Demo data of this app (see storegate.web.demo): the one pending request of SPEC §7.

Zonos (cross-border) asks the demo store for the Cross-border preset, through the same service
a partner's click uses, so the owner finds it on Home and in the mailbox. Handled (3PL) is left
without any request or access, so a person can walk the 3PL story in the demo from the start.
"""

from __future__ import annotations

from typing import Any

from storegate.collaborators.services import collaborator_request_create
from storegate.core.acting import Acting


def load(**context: Any) -> None:
    """Called once by ``storegate demo`` on a fresh database."""
    store = context["store"]
    collaborator_request_create(
        organization=context["zonos"],
        store_reference=store.url,
        code=store.request_code,
        permissions=None,
        preset="cross_border",
        message=(
            "Hello! We would like to set up international pricing, duties and taxes for your "
            "markets outside the US. We need the Cross-border permissions to configure markets "
            "and checkout settings."
        ),
        duration_days=None,
        acting=Acting.as_user(context["zonos_user"], organization_id=context["zonos"].pk),
    )
