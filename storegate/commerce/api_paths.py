"""The path every commerce operation lives under (SPEC §9)."""

from __future__ import annotations

S = "/stores/{store_id}"
