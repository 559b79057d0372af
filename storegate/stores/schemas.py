from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


class StoreCreateIn(Schema):
    name: str = Field(max_length=120)
    handle: str = Field(max_length=63)
    plan: str | None = None


class StoreRef(Schema):
    id: str
    handle: str
    url: str
    name: str


class StoreOut(StoreRef):
    plan: str
    staff_limit: int
    owner_id: str
    created_at: datetime


class StoreListOut(Schema):
    items: list[StoreOut]
    next_cursor: str | None
